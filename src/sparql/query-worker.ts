// The task module of the query workers (see engine.ts): each task names its dataset; the worker
// keeps the oxigraph store of the last one and loads a new store only when a task names another
// (after a reload), so a reload costs one load per worker, not new threads and WASM instances.
// Oxigraph's WASM queries are synchronous, so they run here, off the main thread; the pool ends
// this thread when a query outlives the time limit.
import { getHeapStatistics } from 'node:v8';
import { threadId } from 'node:worker_threads';
import oxigraph, { type Quad, type Store, type Term } from 'oxigraph';
import { ProfileGraphError } from '../model/diagnostic.js';
import { retireAfter, serveTasks } from '../runtime/serve-tasks.js';
import { queryFailure } from './failure.js';
import { locateSyntaxError } from './locate-syntax-error.js';
import type {
  PlainQuad,
  PlainTerm,
  QueryData,
  QueryTask,
  QueryTaskResult,
  WorkerError,
  WorkerResult,
} from './query-task.js';
import type { Binding } from './query-result.js';

/** The least growth of a worker's memory over its data's that makes it be replaced. */
const RECYCLE_FLOOR = 32 * 1024 * 1024;

/** About 4 MiB of the shared text decoded at a time while loading, not the whole text at once. */
const LOAD_SLICE_BYTES = 4 * 1024 * 1024;

serveTasks<QueryTask, QueryTaskResult>(() => {
  let loaded: { id: number; store: Store } | undefined;
  // This thread's memory outside the JS heap (the WASM memory, mostly) once its first data is
  // loaded. Not reset by later loads: WASM memory never shrinks, so growth over many reloads
  // (a larger dataset, fragmentation) counts too and ends in a fresh thread.
  let baseline: number | undefined;
  return (task) => {
    const started = performance.now();
    if (loaded?.id !== task.data.id) {
      // The old store goes first, so its WASM memory can be reused by the new one.
      loaded = undefined;
      loaded = { id: task.data.id, store: loadStore(task.data) };
    }
    baseline ??= externalMemory();
    const outcome = runQuery(loaded.store, task);
    const reply: QueryTaskResult = { elapsedMs: performance.now() - started, threadId, ...outcome };
    // After a fault the engine's memory is suspect: the answer goes out, the worker is replaced.
    if (!outcome.ok && outcome.error.kind === 'fault') return retireAfter(reply);
    // WASM memory grows but never shrinks: a worker that grew for a large result is replaced,
    // so the memory goes back to the system. Twice the byte limit (what a result at the limit
    // may take while it is written), and at least 32 MiB, so that a small limit does not cost
    // a reload after every query.
    if (externalMemory() > baseline + Math.max(2 * task.maxResultBytes, RECYCLE_FLOOR))
      return retireAfter(reply);
    return reply;
  };
});

/**
 * A store with the whole dataset. One `load` call, fed slice by slice (cut at line ends, so no
 * UTF-8 sequence or N-Quads line is split): oxigraph gives the blank nodes of each `load` call
 * fresh labels, so two calls would make one `_:b0` two nodes, and one call makes the load
 * atomic. Throws a `sparql/engine-failure` diagnostic with the parser's message when the text
 * does not parse, which fails the query that asked for it.
 */
function loadStore({ nquads, graph }: QueryData): Store {
  const bytes = new Uint8Array(nquads);
  const store = new oxigraph.Store();
  if (bytes.length === 0) return store;
  try {
    store.load(slices(bytes), {
      format: 'application/n-quads',
      to_graph_name: oxigraph.namedNode(graph),
    });
  } catch (caught) {
    throw new ProfileGraphError([
      queryFailure('sparql/engine-failure', `The data could not be loaded: ${messageOf(caught)}.`),
    ]);
  }
  return store;
}

function* slices(bytes: Uint8Array): Generator<string> {
  for (let start = 0; start < bytes.length;) {
    let end = Math.min(start + LOAD_SLICE_BYTES, bytes.length);
    if (end < bytes.length) {
      const newline = bytes.indexOf(0x0a, end - 1);
      end = newline < 0 ? bytes.length : newline + 1;
    }
    yield Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
    start = end;
  }
}

function runQuery(
  store: Store,
  message: QueryTask,
): { ok: true; result: WorkerResult } | { ok: false; error: WorkerError } {
  const options: Parameters<Store['query']>[1] = { base_iri: message.baseIri };
  const graphs = message.graphs;
  if (graphs.kind === 'union') options.use_default_graph_as_union = true;
  try {
    if (graphs.kind === 'protocol') {
      options.default_graph = graphs.defaultGraphs.map((iri) => oxigraph.namedNode(iri));
      options.named_graphs = graphs.namedGraphs.map((iri) => oxigraph.namedNode(iri));
    }
    switch (message.form) {
      case 'select': {
        // The JSON results keep what the Map API loses: the projected variables, in order,
        // including those never bound.
        options.results_format = 'application/sparql-results+json';
        const json = store.query(message.query, options) as string;
        // The JSON's size bounds every format's (CSV, TSV, XML and HTML hold the same terms).
        const bytes = Buffer.byteLength(json);
        if (bytes > message.maxResultBytes) return tooLarge(message.maxResultBytes, bytes);
        const document = JSON.parse(json) as {
          head: { vars: string[] };
          results: { bindings: Binding[] };
        };
        const bindings = document.results.bindings;
        if (bindings.length > message.maxResults) return tooMany(message.maxResults, 'solutions');
        return { ok: true, result: { kind: 'bindings', vars: document.head.vars, bindings } };
      }
      case 'ask':
        return {
          ok: true,
          result: { kind: 'boolean', value: store.query(message.query, options) as boolean },
        };
      case 'construct':
      case 'describe': {
        const quads = store.query(message.query, options) as Quad[];
        if (quads.length > message.maxResults) return tooMany(message.maxResults, 'triples');
        const plain: PlainQuad[] = [];
        let bytes = 0;
        for (const quad of quads) {
          // The terms' text, as an N-Triples line would hold it (about): counted as converted,
          // so an oversized graph stops here rather than being copied to the main thread.
          bytes += termBytes(quad.subject) + termBytes(quad.predicate) + termBytes(quad.object) + 4;
          if (bytes > message.maxResultBytes) {
            return tooLarge(message.maxResultBytes, undefined);
          }
          const subject = plainTerm(quad.subject);
          const object = plainTerm(quad.object);
          if (subject === undefined || object === undefined) {
            return {
              ok: false,
              error: {
                kind: 'unsupported-result',
                message:
                  'The result contains RDF 1.2 triple terms, which the RDF formats served here cannot write; SELECT them instead.',
              },
            };
          }
          plain.push({
            subject,
            predicate: { termType: 'NamedNode', value: quad.predicate.value },
            object,
            graph: { termType: 'DefaultGraph', value: '' },
          });
        }
        return { ok: true, result: { kind: 'graph', quads: plain } };
      }
    }
  } catch (caught) {
    if (isFault(caught)) return { ok: false, error: { kind: 'fault', message: messageOf(caught) } };
    return { ok: false, error: queryError(messageOf(caught), message.query) };
  }
}

/**
 * Whether an error is the engine's own failure rather than its verdict on the query: a WASM
 * trap (`RuntimeError`: out-of-bounds access, `unreachable` after a Rust panic), or a stack
 * overflow (`RangeError`). After one, the WASM instance's memory may be corrupt, and every later
 * query on it fails the same way, so the thread must not be reused.
 */
function isFault(caught: unknown): boolean {
  // `WebAssembly.RuntimeError` is not in the TypeScript libraries used here; its name is.
  return (
    caught instanceof RangeError || (caught instanceof Error && caught.name === 'RuntimeError')
  );
}

function tooMany(limit: number, what: string): { ok: false; error: WorkerError } {
  return {
    ok: false,
    error: {
      kind: 'too-many-results',
      message: `The query has more than ${limit} ${what}, the result-size limit; add a LIMIT (and OFFSET to page through them).`,
    },
  };
}

function tooLarge(limit: number, bytes: number | undefined): { ok: false; error: WorkerError } {
  return {
    ok: false,
    error: {
      kind: 'too-large',
      message:
        bytes === undefined
          ? `The result is larger than ${limit} bytes, the result-size limit.`
          : `The result is ${bytes} bytes, more than the result-size limit of ${limit} bytes.`,
    },
  };
}

/** About the bytes a term takes written out (its text, datatype or language, and quotes). */
function termBytes(term: Term): number {
  const value = Buffer.byteLength(term.value) + 2;
  if (term.termType !== 'Literal') return value;
  return value + (term.language ? term.language.length + 1 : term.datatype.value.length + 4);
}

/** This thread's memory outside its JS heap: the WASM memory, which only ever grows. */
function externalMemory(): number {
  return getHeapStatistics().external_memory;
}

function plainTerm(term: Term): PlainTerm | undefined {
  switch (term.termType) {
    case 'NamedNode':
    case 'BlankNode':
      return { termType: term.termType, value: term.value };
    case 'Literal':
      return term.language
        ? { termType: 'Literal', value: term.value, language: term.language }
        : { termType: 'Literal', value: term.value, datatype: { value: term.datatype.value } };
    default:
      return undefined;
  }
}

/**
 * Oxigraph's parser reports `error at LINE:COLUMN: message`, anything else is an evaluation
 * error. Its location is where the parser gave up (usually the end of the text), so a second
 * parser finds the offending token when it can.
 */
function queryError(message: string, query: string): WorkerError {
  const syntax = /^error at (\d+):(\d+): ([\s\S]*)$/.exec(message);
  if (!syntax) return { kind: 'evaluation', message };
  const located = locateSyntaxError(query);
  if (located) return { kind: 'syntax', ...located, located: true };
  return {
    kind: 'syntax',
    message: syntax[3] ?? message,
    line: Number(syntax[1]),
    column: Number(syntax[2]),
    located: false,
  };
}

function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
