import { createHash, type Hash } from 'node:crypto';
import type { Quad, Term } from '../rdf/data-factory.js';
import type { QuadIndex, QuadSource } from '../rdf/quad-index.js';

/**
 * One question a page asked the graph, as a string of three tab-separated fields:
 * `s⇥<node>⇥<predicate>` (the quads from a node, with that predicate, or any when it is empty),
 * `o⇥<node>⇥<predicate>` (the quads into an IRI or blank node), or `*` (a scan of every quad). Coarser than the pattern asked (the object and
 * graph filters are dropped), so two graphs giving the same answer to a read give the same
 * answer to every pattern it stands for.
 */
export type GraphRead = string;

/** The read that stands for a scan of the whole graph. */
const WHOLE_GRAPH: GraphRead = '*';

/**
 * What a document's rendering depended on: its key (see {@link renderInputsKey}) and the reads
 * its page made, from which the key can be worked out again on another graph without rendering.
 */
export interface RenderInputs {
  key: string;
  reads: readonly GraphRead[];
}

/** The read a pattern asks; the coarsest one when the pattern names no node to start from. */
function readOf(subject: Term | null, predicate: Term | null, object: Term | null): GraphRead {
  const named = predicate === null ? '' : predicate.id;
  if (subject !== null) return `s\t${subject.id}\t${named}`;
  if (object !== null && object.termType !== 'Literal') return `o\t${object.id}\t${named}`;
  return WHOLE_GRAPH;
}

/**
 * A {@link QuadSource} that answers from `graph` and notes every read (see {@link GraphRead})
 * the caller made, in first-asked order, each once.
 */
export class RecordingSource implements QuadSource {
  readonly #graph: QuadSource;
  readonly #reads = new Set<GraphRead>();

  constructor(graph: QuadSource) {
    this.#graph = graph;
  }

  /** The reads made so far, each once. */
  get reads(): GraphRead[] {
    return [...this.#reads];
  }

  getQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): Quad[] {
    this.#reads.add(readOf(subject, predicate, object));
    return this.#graph.getQuads(subject, predicate, object, graph);
  }

  countQuads(
    subject: Term | null,
    predicate: Term | null,
    object: Term | null,
    graph: Term | null,
  ): number {
    this.#reads.add(readOf(subject, predicate, object));
    return this.#graph.countQuads(subject, predicate, object, graph);
  }
}

/** Adds quads to a hash, every term length-prefixed so that no two lists of quads collide. */
function hashQuads(hash: Hash, quads: Iterable<Quad>): void {
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object, quad.graph]) {
      hash.update(`${String(term.id.length)}:`);
      hash.update(term.id);
    }
    hash.update(';');
  }
}

/** The SHA-256 (hex) of quads, in the order given. */
export function quadsDigest(quads: Iterable<Quad>): string {
  const hash = createHash('sha256');
  hashQuads(hash, quads);
  return hash.digest('hex');
}

/**
 * The answers a graph gives to reads, as digests, each worked out once per graph: documents
 * that show the same neighbour (an organization's name on every member's page) share it.
 */
export class ReadDigests {
  readonly #graph: QuadIndex;
  readonly #digests = new Map<GraphRead, string>();

  constructor(graph: QuadIndex) {
    this.#graph = graph;
  }

  /**
   * The digest of the quads the graph answers a read with, in the order the index holds them
   * (the order a page sees). Undefined for a string that is not a read.
   */
  digest(read: GraphRead): string | undefined {
    const known = this.#digests.get(read);
    if (known !== undefined) return known;
    const answer = this.#answer(read);
    if (answer === undefined) return undefined;
    const digest = quadsDigest(answer);
    this.#digests.set(read, digest);
    return digest;
  }

  #answer(read: GraphRead): Iterable<Quad> | undefined {
    if (read === WHOLE_GRAPH) return this.#graph.getQuads(null, null, null, null);
    // A node or predicate with a tab in it (no IRI has one) reads as no read: rendered again.
    const [direction, node, predicate, ...rest] = read.split('\t');
    if ((direction !== 's' && direction !== 'o') || !node || predicate === undefined || rest.length)
      return undefined;
    const quads = direction === 's' ? this.#graph.quadsFrom(node) : this.#graph.quadsInto(node);
    return predicate === '' ? quads : quads.filter((quad) => quad.predicate.id === predicate);
  }
}

/** What a document is, as far as its rendering goes, apart from the reads of its page. */
export interface RenderedDocument {
  iri: string;
  path: string;
  subjects: readonly string[];
  /** The digest of its quads (see {@link quadsDigest}). */
  quads: string;
}

/**
 * The key of a document's rendering: the settings every page reads (a string the publisher makes
 * of its configuration and formats), the document (IRI, path, subjects, quads), and each read of
 * its page with the graph's answer to it. Rendering is deterministic, so a page that asks the
 * same questions of two graphs and gets the same answers is the same page: when the key
 * computed on a new graph from the reads of an earlier rendering is the earlier key, the earlier
 * bytes are the bytes a rendering now would give. Undefined when a read is not one (an altered
 * record): the caller renders then.
 */
export function renderInputsKey(
  settings: string,
  document: RenderedDocument,
  reads: readonly GraphRead[],
  digests: ReadDigests,
): string | undefined {
  const hash = createHash('sha256');
  const part = (text: string) => {
    hash.update(`${String(Buffer.byteLength(text))}:`);
    hash.update(text);
  };
  part(settings);
  part(document.iri);
  part(document.path);
  part(String(document.subjects.length));
  for (const subject of document.subjects) part(subject);
  part(document.quads);
  part(String(reads.length));
  for (const read of reads) {
    const digest = digests.digest(read);
    if (digest === undefined) return undefined;
    part(read);
    part(digest);
  }
  return hash.digest('hex');
}
