import rdfCanonize from 'rdf-canonize';
import { blankNode, quad, RDF_TYPE, type Quad, type Term } from './data-factory.js';

/**
 * Returns the quads in canonical form: duplicates removed, blank nodes relabelled by the
 * W3C RDF Dataset Canonicalization algorithm (RDFC-1.0) and sorted in a stable order, so that
 * the same graph always serialises to the same bytes and ETags stay meaningful.
 *
 * Only quads that mention a blank node take part in RDFC-1.0 (it labels blank nodes by their
 * neighbourhood, which those quads fully describe), which keeps large IRI-only graphs cheap.
 */
export async function canonicalizeQuads(quads: readonly Quad[]): Promise<Quad[]> {
  const withBlankNodes = quads.filter(mentionsBlankNode);
  let relabelled: Quad[] = [...quads];
  if (withBlankNodes.length > 0) {
    const canonicalIdMap = new Map<string, string>();
    await rdfCanonize.canonize(withBlankNodes, {
      algorithm: 'RDFC-1.0',
      canonicalIdMap,
      // Profiles are trees, not adversarial graphs; still bound the work (RDFC-1.0 §4.4 note).
      maxWorkFactor: 2,
    });
    const rename = (term: Term): Term =>
      term.termType === 'BlankNode'
        ? blankNode(
            (
              canonicalIdMap.get(`_:${term.value}`) ??
              canonicalIdMap.get(term.value) ??
              term.value
            ).replace(/^_:/, ''),
          )
        : term;
    relabelled = quads.map((q) =>
      mentionsBlankNode(q)
        ? quad(
            rename(q.subject) as Quad['subject'],
            q.predicate,
            rename(q.object) as Quad['object'],
            rename(q.graph) as Quad['graph'],
          )
        : q,
    );
  }
  // Sorted first, so equal quads are neighbours: no key string per quad, no set of them.
  return withoutRepeats(relabelled.sort(compareQuads));
}

/** Sorts quads by subject, predicate (`rdf:type` first), object and graph; returns a new array. */
export function sortQuads(quads: readonly Quad[]): Quad[] {
  return [...quads].sort(compareQuads);
}

/** Total order on quads used for every serialisation. */
export function compareQuads(a: Quad, b: Quad): number {
  return (
    compareTerms(a.graph, b.graph) ||
    compareTerms(a.subject, b.subject) ||
    comparePredicates(a.predicate.value, b.predicate.value) ||
    compareTerms(a.object, b.object)
  );
}

const TERM_RANK: Record<string, number> = {
  DefaultGraph: 0,
  NamedNode: 1,
  BlankNode: 2,
  Literal: 3,
};

/** Total order on terms: kind (IRI, blank node, literal), then value, datatype, language. */
export function compareTerms(a: Term, b: Term): number {
  const rank = (TERM_RANK[a.termType] ?? 9) - (TERM_RANK[b.termType] ?? 9);
  if (rank !== 0) return rank;
  const byValue = compareStrings(a.value, b.value);
  if (byValue !== 0 || a.termType !== 'Literal' || b.termType !== 'Literal') return byValue;
  return (
    compareStrings(a.datatype.value, b.datatype.value) || compareStrings(a.language, b.language)
  );
}

function comparePredicates(a: string, b: string): number {
  if (a === b) return 0;
  if (a === RDF_TYPE) return -1;
  if (b === RDF_TYPE) return 1;
  return compareStrings(a, b);
}

/** Code-unit order, independent of locale (localeCompare would differ between machines). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mentionsBlankNode(q: Quad): boolean {
  return (
    q.subject.termType === 'BlankNode' ||
    q.object.termType === 'BlankNode' ||
    q.graph.termType === 'BlankNode'
  );
}

/** Sorted quads without the repeats of the quad before (equal quads compare as 0). */
function withoutRepeats(sorted: readonly Quad[]): Quad[] {
  return sorted.filter(
    (q, index) => index === 0 || compareQuads(sorted[index - 1] as Quad, q) !== 0,
  );
}
