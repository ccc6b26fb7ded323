import type { QuadSource } from '../../rdf/quad-index.js';
import { objectsOf, type GraphNode } from './graph.js';

/** What {@link pickLiteral} reads of a term: RDF/JS literals and other terms alike. */
export interface TermLike {
  termType: string;
  value: string;
  language?: string;
}

/**
 * How well a literal's language tag fits the wanted one (BCP 47 tags compared case-insensitively,
 * RFC 4647 §3.4 lookup by truncation): 4 same tag, 3 one is a prefix of the other by subtags
 * (`fr` for `fr-CA`, `fr-CA` for `fr`), 2 no tag (a plain string is meant for every reader),
 * 1 English (the catalogue's fallback), 0 any other language.
 */
function fit(tag: string, wanted: string): number {
  if (tag === wanted) return 4;
  if (tag !== '' && (wanted.startsWith(`${tag}-`) || tag.startsWith(`${wanted}-`))) return 3;
  if (tag === '') return 2;
  return tag === 'en' || tag.startsWith('en-') ? 1 : 0;
}

/**
 * The literal to show a reader of `language` among `terms`: the same language first, then a
 * related tag (`fr-CA` ↔ `fr`), then a literal without a language, then English, then any
 * other; ties go to the smallest value, so the choice does not depend on the graph's order.
 * Terms that are not literals are ignored; `undefined` when no literal is left.
 */
export function pickLiteral<T extends TermLike>(
  terms: readonly T[],
  language: string,
): T | undefined {
  const wanted = language.toLowerCase();
  let best: T | undefined;
  let bestFit = -1;
  for (const term of terms) {
    if (term.termType !== 'Literal') continue;
    const score = fit((term.language ?? '').toLowerCase(), wanted);
    if (score > bestFit || (score === bestFit && best !== undefined && term.value < best.value)) {
      best = term;
      bestFit = score;
    }
  }
  return best;
}

/**
 * The value of `subject predicate ?` for a reader of `language` (see {@link pickLiteral});
 * `undefined` when the subject has no literal for the predicate.
 */
export function literalIn(
  graph: QuadSource,
  subject: GraphNode,
  predicate: string,
  language: string,
): string | undefined {
  return pickLiteral(objectsOf(graph, subject, predicate), language)?.value;
}
