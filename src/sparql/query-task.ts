// What the engine (main thread) and a query worker (query-worker.ts) exchange through the
// shared pool (runtime/pool.ts). Plain data only: it crosses threads by structured clone, except
// the dataset's text, which is shared memory.
import type { QueryForm } from './inspect-query.js';
import type { Binding } from './query-result.js';

/**
 * The dataset a query runs against, as a worker loads it: a worker keeps the store of the last
 * `id` it saw and loads another only when a task names a new one (after a reload).
 */
export interface QueryData {
  /** Tells datasets apart: one per dataset, never reused while the engine lives. */
  id: number;
  /** The dataset's UTF-8 N-Quads, shared by every worker (see `encodeDataset`). */
  nquads: SharedArrayBuffer;
  /** The named graph its default-graph quads go into (see `SparqlDataset.graph`). */
  graph: string;
}

/** One query to run against a dataset. */
export interface QueryTask {
  /** Sent with every task; shared memory, so it costs no copy. */
  data: QueryData;
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
   * stack overflow): its memory can no longer be trusted, so the worker is replaced.
   */
  kind: 'syntax' | 'evaluation' | 'too-many-results' | 'too-large' | 'unsupported-result' | 'fault';
  message: string;
  line?: number;
  column?: number;
  /** For syntax errors: whether the location is the offending token's (see locate-syntax-error.ts). */
  located?: boolean;
}

/** A query's answer from its worker: the result or the error, and the time the engine took. */
export type QueryTaskResult = {
  elapsedMs: number;
  /** The worker thread's id: which thread answered (reports and tests). */
  threadId: number;
} & ({ ok: true; result: WorkerResult } | { ok: false; error: WorkerError });
