// A query worker: holds oxigraph stores and runs one query at a time. Oxigraph's WASM queries
// are synchronous, so they run here, off the main thread; the engine terminates this thread
// when a query outlives the time limit. See engine.ts.
import { parentPort, type MessagePort } from 'node:worker_threads';
import oxigraph, { type Quad, type Store, type Term } from 'oxigraph';
import { locateSyntaxError } from './locate-syntax-error.js';
import type { Binding } from './results.js';
import type {
  PlainQuad,
  PlainTerm,
  QueryMessage,
  WorkerError,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './worker-protocol.js';

/** How many datasets a worker keeps loaded (the current Site, and the one before a reload). */
const KEEP_DATASETS = 2;

/** Answers the engine's messages on `port` until the thread ends. */
export function serveQueries(port: MessagePort): void {
  // Most recently used last.
  const stores = new Map<number, Store>();
  const reply = (message: WorkerReply) => {
    port.postMessage(message);
  };
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'load') {
      let error: string | undefined;
      try {
        const store = new oxigraph.Store();
        store.load(message.nquads, { format: 'application/n-quads' });
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
      ...outcome,
    });
  });
}

function runQuery(
  store: Store,
  message: QueryMessage,
): { ok: true; result: WorkerResult } | { ok: false; error: WorkerError } {
  const options: Parameters<Store['query']>[1] = { base_iri: message.baseIri };
  const graphs = message.graphs;
  if (graphs.kind === 'union') options.use_default_graph_as_union = true;
  if (graphs.kind === 'protocol') {
    options.default_graph = graphs.defaultGraphs.map((iri) => oxigraph.namedNode(iri));
    options.named_graphs = graphs.namedGraphs.map((iri) => oxigraph.namedNode(iri));
  }
  try {
    switch (message.form) {
      case 'select': {
        // The JSON results keep what the Map API loses: the projected variables, in order,
        // including those never bound.
        options.results_format = 'application/sparql-results+json';
        const document = JSON.parse(store.query(message.query, options) as string) as {
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
        for (const quad of quads) {
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
    return { ok: false, error: queryError(messageOf(caught), message.query) };
  }
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
