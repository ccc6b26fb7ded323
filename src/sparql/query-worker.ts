// A query worker: loads datasets into oxigraph stores, chunk by chunk, and runs one query at a
// time. Oxigraph's WASM queries are synchronous, so they run here, off the main thread; the
// engine terminates this thread when a query outlives the time limit. See engine.ts.
import { getHeapStatistics } from 'node:v8';
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import oxigraph, { type Quad, type Store, type Term } from 'oxigraph';
import { locateSyntaxError } from './locate-syntax-error.js';
import type { Binding } from './results.js';
import type {
  LoadChunkMessage,
  PlainQuad,
  PlainTerm,
  QueryMessage,
  WorkerError,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './worker-protocol.js';

/** The least growth of a worker's memory over its data's that makes it be replaced. */
const RECYCLE_FLOOR = 32 * 1024 * 1024;

/** How many datasets a worker keeps loaded (the current Site, and the one before a reload). */
const KEEP_DATASETS = 2;

/** Answers the engine's messages on `port` until the thread ends. */
export function serveQueries(port: MessagePort): void {
  // Most recently used last.
  const stores = new Map<number, Store>();
  // This thread's memory outside the JS heap (the WASM memory, mostly) once its data is loaded.
  let baseline = 0;
  const reply = (message: WorkerReply) => {
    port.postMessage(message);
  };
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'load-chunk') {
      let error: string | undefined;
      try {
        const store = loadChunks(port, message, () => {
          reply({ type: 'next-chunk', dataset: message.dataset, loaded: [...stores.keys()] });
        });
        // Only a complete store joins the datasets kept (and may push the oldest out).
        stores.delete(message.dataset);
        stores.set(message.dataset, store);
        while (stores.size > KEEP_DATASETS) {
          const oldest = stores.keys().next().value;
          if (oldest === undefined) break;
          stores.delete(oldest);
        }
      } catch (caught) {
        error = messageOf(caught);
      }
      baseline = externalMemory();
      reply({ type: 'loaded', dataset: message.dataset, loaded: [...stores.keys()], error });
      return;
    }
    const started = performance.now();
    const store = stores.get(message.dataset);
    let outcome: { ok: true; result: WorkerResult } | { ok: false; error: WorkerError };
    if (store === undefined) {
      outcome = {
        ok: false,
        error: { kind: 'load', message: `Dataset ${message.dataset} is not loaded.` },
      };
    } else {
      stores.delete(message.dataset);
      stores.set(message.dataset, store);
      outcome = runQuery(store, message);
    }
    reply({
      type: 'result',
      loaded: [...stores.keys()],
      elapsedMs: performance.now() - started,
      // Twice the byte limit (what a result at the limit may take while it is written), and at
      // least 32 MiB, so that a small limit does not cost a reload after every query.
      recycle: externalMemory() > baseline + Math.max(2 * message.maxResultBytes, RECYCLE_FLOOR),
      ...outcome,
    });
  });
}

/**
 * A store with every chunk of a dataset, from its first. All chunks go through one `load` call,
 * fed by a generator that asks the engine for each next chunk and waits for it: oxigraph gives
 * the blank nodes of each `load` call fresh labels (`Store::load_from_reader` parses with
 * `rename_blank_nodes`), so `_:b0` loaded in two calls would be two nodes. One call also makes
 * the load atomic: when a chunk fails, the store holds nothing and is dropped.
 */
function loadChunks(port: MessagePort, first: LoadChunkMessage, askForNext: () => void): Store {
  // Why the chunks stopped coming, if they did: oxigraph rethrows an iterator's error wrapped
  // with its stack, which is not a message for a person.
  let stopped: Error | undefined;
  function* texts(): Generator<string> {
    let chunk = first;
    for (;;) {
      yield chunk.nquads;
      if (chunk.last) return;
      try {
        chunk = receiveNextChunk(port, chunk, askForNext);
      } catch (error) {
        stopped = error as Error;
        throw error;
      }
    }
  }
  const store = new oxigraph.Store();
  try {
    store.load(texts(), {
      format: 'application/n-quads',
      to_graph_name: oxigraph.namedNode(first.graph),
    });
  } catch (caught) {
    throw stopped ?? caught;
  }
  return store;
}

/**
 * Asks for the chunk after `previous` and waits for it. The thread is inside oxigraph's `load`,
 * so no 'message' event can fire: the chunk is taken off the port directly, and the thread
 * sleeps on the engine's `posted` counter, which the engine raises after posting the chunk. The
 * wait has no limit: the engine either sends the chunk or terminates the thread, which ends it.
 */
function receiveNextChunk(
  port: MessagePort,
  previous: LoadChunkMessage,
  askForNext: () => void,
): LoadChunkMessage {
  // Read before asking, so that a chunk posted before the wait begins does not go unnoticed.
  const seen = Atomics.load(previous.posted, 0);
  askForNext();
  for (;;) {
    const received: { message: WorkerRequest } | undefined = receiveMessageOnPort(port);
    if (received !== undefined) {
      const next = received.message;
      if (next.type !== 'load-chunk' || next.dataset !== previous.dataset) {
        throw new Error(
          `a ${next.type} message for dataset ${next.dataset} arrived while dataset ${previous.dataset} was loading`,
        );
      }
      return next;
    }
    Atomics.wait(previous.posted, 0, seen);
  }
}

function runQuery(
  store: Store,
  message: QueryMessage,
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

if (parentPort) serveQueries(parentPort);
