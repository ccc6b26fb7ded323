/**
 * "Did you mean" suggestions for misspelt vocabulary terms (`almuniOf` → `alumniOf`).
 */

/**
 * Edit distance between two strings counting insertions, deletions, substitutions and
 * transpositions of two adjacent characters as one edit each: the restricted
 * Damerau–Levenshtein distance (optimal string alignment), so `almuniOf` is one edit from
 * `alumniOf`. Compares UTF-16 code units, case-sensitively. With a `limit`, gives up as soon as
 * the distance must exceed it and returns `limit + 1`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  // Three rolling rows (two back for the transposition) instead of the full matrix.
  let beforePrevious = new Uint32Array(width);
  let previous = new Uint32Array(width);
  let current = new Uint32Array(width);
  for (let j = 0; j < width; j += 1) previous[j] = j;
  let previousMinimum = 0;
  for (let i = 1; i <= a.length; i += 1) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j < width; j += 1) {
      const bj = b.charCodeAt(j - 1);
      const substitution = (previous[j - 1] ?? 0) + (ai === bj ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      let best = substitution < deletion ? substitution : deletion;
      if (insertion < best) best = insertion;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const transposition = (beforePrevious[j - 2] ?? 0) + 1;
        if (transposition < best) best = transposition;
      }
      current[j] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    // A cell only ever copies or adds to cells of the two rows above it, so once two rows in
    // a row exceed the limit, every later row does too.
    if (rowMinimum > limit && previousMinimum > limit) return limit + 1;
    previousMinimum = rowMinimum;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length] ?? 0;
}

/**
 * The largest edit distance still worth suggesting for a term of this length: two edits for
 * short terms, a third of the length for long ones (`max(2, ⌊length / 3⌋)`).
 */
export function maxSuggestionDistance(term: string): number {
  return Math.max(2, Math.floor(term.length / 3));
}

/** Finds the closest known term to a misspelt one; see {@link createSuggester}. */
export type Suggester = (term: string) => string | undefined;

/**
 * Prepares "did you mean" over a fixed list of candidates. The returned function gives the
 * candidate closest to a term, or undefined when none is within
 * {@link maxSuggestionDistance}. Distance is measured case-insensitively (a case slip such as
 * `jobtitle` is the likeliest typo); ties go to the smaller case-sensitive distance, then to the
 * alphabetically first candidate, so the answer is deterministic. A candidate equal to the term
 * is never suggested.
 */
export function createSuggester(candidates: Iterable<string>): Suggester {
  const entries = [...new Set(candidates)].map((name) => ({ name, folded: name.toLowerCase() }));
  return (term) => {
    const limit = maxSuggestionDistance(term);
    const foldedTerm = term.toLowerCase();
    let best: { name: string; folded: number; exact: number } | undefined;
    for (const candidate of entries) {
      if (candidate.name === term || Math.abs(candidate.name.length - term.length) > limit) {
        continue;
      }
      const folded = editDistance(foldedTerm, candidate.folded, best?.folded ?? limit);
      if (folded > limit || (best !== undefined && folded > best.folded)) continue;
      const exact = editDistance(term, candidate.name);
      if (
        best === undefined ||
        folded < best.folded ||
        exact < best.exact ||
        (exact === best.exact && candidate.name < best.name)
      ) {
        best = { name: candidate.name, folded, exact };
      }
    }
    return best?.name;
  };
}

/** One-off {@link createSuggester}: the candidate closest to `term`, or undefined. */
export function suggest(term: string, candidates: Iterable<string>): string | undefined {
  return createSuggester(candidates)(term);
}
