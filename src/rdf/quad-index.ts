import type { Quad, Term } from './data-factory.js';

/**
 * What pages read a graph through: the quads matching a pattern (`null` matches anything). An
 * n3 `Store` is one; {@link QuadIndex} is a lighter one for patterns with a subject or object.
 */
export interface QuadSource {
  getQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): Quad[];
  countQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): number;
}

/**
 * Quads indexed by subject and by object (IRIs and blank nodes), nothing more: pages only ask
 * about a node's own triples and the triples pointing at it. For 2 million quads an n3 Store
 * took 20 s and 1.2 GB to build; these two maps of arrays take a tenth of either. A pattern
 * with neither subject nor object scans every quad.
 */
export class QuadIndex implements QuadSource {
  readonly #bySubject = new Map<string, Quad[]>();
  readonly #byObject = new Map<string, Quad[]>();

  constructor(private readonly quads: readonly Quad[]) {
    for (const quad of quads) {
      push(this.#bySubject, quad.subject.id, quad);
      if (quad.object.termType !== 'Literal') push(this.#byObject, quad.object.id, quad);
    }
  }

  /** Keys (n3 term ids: the IRI, or `_:label`) of every subject, in first-seen order. */
  subjectKeys(): IterableIterator<string> {
    return this.#bySubject.keys();
  }

  /** The quads whose subject has this key; the index's own array, not to be changed. */
  quadsFrom(key: string): readonly Quad[] {
    return this.#bySubject.get(key) ?? NONE;
  }

  /** The quads whose object (an IRI or blank node) has this key; not to be changed. */
  quadsInto(key: string): readonly Quad[] {
    return this.#byObject.get(key) ?? NONE;
  }

  getQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): Quad[] {
    const candidates =
      subject !== null
        ? (this.#bySubject.get(subject.id) ?? [])
        : object !== null && object.termType !== 'Literal'
          ? (this.#byObject.get(object.id) ?? [])
          : this.quads;
    // Always a new array: callers sort what they get.
    return candidates.filter(
      (quad) =>
        (subject === null || quad.subject.equals(subject)) &&
        (predicate === null || quad.predicate.equals(predicate)) &&
        (object === null || quad.object.equals(object)) &&
        (graph === null || quad.graph.equals(graph)),
    );
  }

  countQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): number {
    return this.getQuads(subject, predicate, object, graph).length;
  }
}

const NONE: readonly Quad[] = Object.freeze([]);

function push(map: Map<string, Quad[]>, key: string, quad: Quad): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [quad]);
  else list.push(quad);
}
