// The messages between the engine (main thread) and a query worker. Plain data only: they cross
// the thread boundary by structured clone.
import type { QueryForm } from './inspect-query.js';
import type { Binding } from './results.js';

/** Load a dataset (N-Quads) under an id; the worker keeps the two most recently used. */
export interface LoadMessage {
  type: 'load';
  dataset: number;
  nquads: string;
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
}

/** What the main thread sends. */
export type WorkerRequest = LoadMessage | QueryMessage;

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
  kind: 'syntax' | 'evaluation' | 'too-many-results' | 'unsupported-result' | 'load';
  message: string;
  line?: number;
  column?: number;
  /** For syntax errors: whether the location is the offending token's (see locate-syntax-error.ts). */
  located?: boolean;
}

/** What a worker answers: to a load, then to a query. `loaded` lists the datasets it now holds. */
export type WorkerReply =
  | { type: 'loaded'; dataset: number; loaded: number[]; error?: string }
  | ({ type: 'result'; loaded: number[]; elapsedMs: number } & (
      { ok: true; result: WorkerResult } | { ok: false; error: WorkerError }
    ));
