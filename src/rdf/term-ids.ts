import { termFromId, termToId as n3TermToId } from 'n3';
import { quad, type Quad, type Term } from './data-factory.js';

// n3 types its argument as its own term classes, but reads only the RDF/JS fields (termType,
// value, language, datatype) that every Term of ours has.
const termToId: (term: Term) => string = n3TermToId;

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

/**
 * Quads as a table: each distinct term once (its n3 id), and four indexes into it per quad.
 * The indexes' buffer can be transferred between threads rather than copied, and a graph that
 * repeats its predicates and nodes sends each of their strings once.
 */
export interface QuadTable {
  terms: string[];
  indexes: Uint32Array<ArrayBuffer>;
}

/** The quads as a {@link QuadTable}, in the same order. */
export function quadsToTable(quads: readonly Quad[]): QuadTable {
  const terms: string[] = [];
  const seen = new Map<string, number>();
  const indexes = new Uint32Array(quads.length * 4);
  let at = 0;
  for (const each of quads) {
    for (const term of [each.subject, each.predicate, each.object, each.graph]) {
      const id = termToId(term);
      let index = seen.get(id);
      if (index === undefined) {
        index = terms.length;
        terms.push(id);
        seen.set(id, index);
      }
      indexes[at++] = index;
    }
  }
  return { terms, indexes };
}

/** The quads of a {@link QuadTable}; equal terms are one object. */
export function quadsFromTable(table: QuadTable): Quad[] {
  const terms = table.terms.map((id) => termFromId(id));
  const quads: Quad[] = [];
  const { indexes } = table;
  const term = (at: number) => terms[indexes[at] ?? 0] as Term;
  for (let at = 0; at + 3 < indexes.length; at += 4) {
    quads.push(
      quad(
        term(at) as Quad['subject'],
        term(at + 1) as Quad['predicate'],
        term(at + 2) as Quad['object'],
        term(at + 3) as Quad['graph'],
      ),
    );
  }
  return quads;
}
