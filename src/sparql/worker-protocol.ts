// The messages between the engine (main thread) and a query worker. Plain data only: they cross
// the thread boundary by structured clone.
import type { QueryForm } from './inspect-query.js';
import type { Binding } from './results.js';

/**
 * One slice of a dataset's N-Quads, loaded under the dataset's id; the worker keeps the two most
 * recently used datasets. The engine sends the first chunk; the worker asks for each next one
 * (a `next-chunk` reply) and answers the last, or the first that fails, with `loaded`.
 */
export interface LoadChunkMessage {
  type: 'load-chunk';
  dataset: number;
  nquads: string;
  /** The named graph the chunk's default-graph quads go into (see `SparqlDataset.graph`). */
  graph: string;
  /** True on the dataset's last chunk: the worker's store then becomes current. */
  last: boolean;
  /**
   * How many messages the engine has posted to this worker (one shared counter per worker,
   * raised after each post). A worker inside a load cannot run its event loop, so it waits on
   * this for the next chunk (see query-worker.ts).
   */
  posted: Int32Array;
}

/** Run one query against a loaded dataset. */
export interface QueryMessage {
  type: 'query';
  dataset: number;
  query: string;
  form: QueryForm;
  /** Relative IRIs in the query resolve against this (the site's base URL). */
  baseIri: string;
  /**
   * The RDF dataset (SPARQL 1.1 Protocol §2.1.4): `protocol` when the request named graphs
   * (`default-graph-uri`, `named-graph-uri`), `query` when the query has FROM / FROM NAMED,
   * else `union` (the default graph is the union of all graphs, so the data, kept in its named
   * graph, is what a plain query sees).
   */
  graphs:
    | { kind: 'protocol'; defaultGraphs: readonly string[]; namedGraphs: readonly string[] }
    | { kind: 'query' }
    | { kind: 'union' };
  /** Results beyond this many rows (or triples) fail the query. */
  maxResults: number;
  /** Results beyond this many bytes fail the query (see `SparqlLimits.maxResultBytes`). */
  maxResultBytes: number;
}

/** What the main thread sends. */
export type WorkerRequest = LoadChunkMessage | QueryMessage;

/** An RDF/JS-shaped term as plain data (`datatype` as its IRI). */
export interface PlainTerm {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  language?: string;
  datatype?: { value: string };
}

/** A quad as plain data. */
export interface PlainQuad {
  subject: PlainTerm;
  predicate: PlainTerm;
  object: PlainTerm;
  graph: PlainTerm;
}

/** A successful query's result. */
export type WorkerResult =
  | { kind: 'bindings'; vars: string[]; bindings: Binding[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'graph'; quads: PlainQuad[] };

/** Why a query failed, as the worker can tell. */
export interface WorkerError {
  /**
   * `fault`: the engine itself failed (a WASM trap such as "memory access out of bounds", a
   * stack overflow): its memory can no longer be trusted, so the engine replaces the worker.
   */
  kind:
    | 'syntax'
    | 'evaluation'
    | 'too-many-results'
    | 'too-large'
    | 'unsupported-result'
    | 'load'
    | 'fault';
  message: string;
  line?: number;
  column?: number;
  /** For syntax errors: whether the location is the offending token's (see locate-syntax-error.ts). */
  located?: boolean;
}

/**
 * What a worker answers: to each chunk of a load but the last, `next-chunk`; to the last (or a
 * failed one), `loaded`; to a query, `result`. `loaded` lists the datasets it now holds.
 */
export type WorkerReply =
  | { type: 'next-chunk'; dataset: number; loaded: number[] }
  | { type: 'loaded'; dataset: number; loaded: number[]; error?: string }
  | ({
      type: 'result';
      loaded: number[];
      elapsedMs: number;
      /**
       * True when the worker's memory grew well past what its data needs (a large result): WASM
       * memory never shrinks, so the engine replaces the worker after this answer.
       */
      recycle: boolean;
    } & ({ ok: true; result: WorkerResult } | { ok: false; error: WorkerError }));
