import { termFromId, termToId } from 'n3';
import { quad, type Quad } from './data-factory.js';

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

/** The quads of {@link quadsToIds}, as n3 quads. */
export function* quadsFromIds(ids: readonly string[]): Generator<Quad> {
  for (let at = 0; at < ids.length; at += 4) {
    yield quad(
      termFromId(ids[at] ?? '') as Quad['subject'],
      termFromId(ids[at + 1] ?? '') as Quad['predicate'],
      termFromId(ids[at + 2] ?? '') as Quad['object'],
      termFromId(ids[at + 3] ?? '') as Quad['graph'],
    );
  }
}
