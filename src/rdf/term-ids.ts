import { termFromId, termToId } from 'n3';
import { quad, type Quad, type Term } from './data-factory.js';

/**
 * Quads as n3 term ids, four strings per quad: exact for every term (literal datatype and
 * language included), and far cheaper to send between threads than term objects, which lose
 * their class on the way.
 */
export function quadsToIds(quads: Iterable<Quad>): string[] {
  const ids: string[] = [];
  for (const each of quads)
    ids.push(
      termToId(each.subject),
      termToId(each.predicate),
      termToId(each.object),
      termToId(each.graph),
    );
  return ids;
}

/**
 * The quads of {@link quadsToIds}, as n3 quads. With `terms`, equal ids share one term object
 * across every call given the same map: a large graph repeats its predicates, classes and
 * shared nodes millions of times, and one object each (with its strings) halves its memory.
 */
export function* quadsFromIds(ids: readonly string[], terms?: Map<string, Term>): Generator<Quad> {
  const term =
    terms === undefined
      ? (id: string) => termFromId(id)
      : (id: string) => {
          let found = terms.get(id);
          if (found === undefined) {
            found = termFromId(id);
            terms.set(id, found);
          }
          return found;
        };
  for (let at = 0; at < ids.length; at += 4) {
    yield quad(
      term(ids[at] ?? '') as Quad['subject'],
      term(ids[at + 1] ?? '') as Quad['predicate'],
      term(ids[at + 2] ?? '') as Quad['object'],
      term(ids[at + 3] ?? '') as Quad['graph'],
    );
  }
}
