// The engine behind /sparql when the graph lives in an external store (`serve
// --sparql-endpoint`): the same checks, limits and scheduler as the in-process engine, with the
// query sent over the SPARQL 1.1 Protocol instead of to a worker thread.
import type { FetchResponse } from '../http/fetch-response.js';
import { defaultGraph, quad } from '../rdf/data-factory.js';
import { parseRdf } from '../rdf/parse.js';
import type { QueryOutcome, SparqlEngine } from './engine.js';
import type { SparqlDataset } from './dataset.js';
import { busy, engineClosed } from './explain-failure.js';
import { queryFailure, type QueryFailure } from './failure.js';
import type { QueryForm, QueryInspection } from './inspect-query.js';
import {
  checkGraphIris,
  prepareQuery,
  resolveLimits,
  type QueryRequest,
  type SparqlLimits,
} from './limits.js';
import { jsonToResults, resultSize, type QueryResult } from './query-result.js';
import { isHeavy, QueryScheduler } from './scheduler.js';

/** One query request to the store: a URL-encoded POST (SPARQL 1.1 Protocol §2.1.2). */
export interface EndpointRequest {
  method: 'POST';
  url: URL;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * Sends a request as `fetch` does (rejecting when there is no answer), with whatever
 * credentials the store needs; the CLI passes the store client's, so this layer never sees them.
 */
export type EndpointFetch = (
  request: EndpointRequest,
  signal: AbortSignal,
) => Promise<FetchResponse>;

/** Options for {@link createRemoteEngine}. */
export interface RemoteEngineOptions extends Partial<SparqlLimits> {
  /** The store's SPARQL query endpoint. */
  endpoint: URL;
  /** The named graph holding the data (where `push` wrote it): what a plain query sees. */
  graph: string;
  /** Default: the global `fetch`, without credentials. */
  fetch?: EndpointFetch;
  /** Queries sent to the store at once (default 4); the rest wait as for the workers. */
  concurrency?: number;
  /** Queries of each cost class that may wait (default 256, as for the in-process engine). */
  maxQueued?: number;
}

/** How much of a store's error answer a failure quotes. */
const QUOTED_CHARS = 300;

const RESULTS_JSON = 'application/sparql-results+json';
/** N-Triples first: a flat format every store writes; Turtle for those that do not. */
const GRAPH_ACCEPT = 'application/n-triples, text/turtle;q=0.9';

/**
 * An engine that forwards queries to an external store's SPARQL endpoint. A query is checked
 * exactly as in-process (prepareQuery, checkGraphIris: updates, SERVICE and oversized queries
 * never reach the store), scheduled by the same {@link QueryScheduler} (`concurrency` stands for
 * the workers), and sent with a `BASE` of the site's base URL, so relative IRIs mean what they
 * mean in-process. A request that names no graphs and a query without FROM get the store's
 * `graph` as `default-graph-uri` and `named-graph-uri`: the store's other graphs (Virtuoso's
 * system graphs) stay out of sight, as the in-process union default graph holds only the data.
 *
 * The limits hold at the store's answer: the time limit aborts the request (`sparql/store-timeout`,
 * 504), the byte limit stops reading the body, the row limit is counted on the parsed result.
 * A store that cannot be reached is `sparql/store-unreachable` (502), one that answers with an
 * unreadable body `sparql/store-bad-answer` (502), 400 `sparql/store-refused` (the query is at
 * fault), 503/429 `sparql/store-busy`, any other error status `sparql/store-failed` (502).
 * Never rejects.
 */
export function createRemoteEngine(options: RemoteEngineOptions): SparqlEngine {
  const limits = resolveLimits(options);
  const send: EndpointFetch =
    options.fetch ??
    ((request, signal) =>
      fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
      }));
  const closing = new AbortController();
  const scheduler = new QueryScheduler({
    workers: Math.max(1, options.concurrency ?? 4),
    maxQueued: Math.max(0, options.maxQueued ?? 256),
    maxWaitMs: limits.timeoutMs,
  });
  const store: Store = { endpoint: options.endpoint, graph: options.graph, send, limits };
  return {
    limits,
    remote: { endpoint: options.endpoint.href, graph: options.graph },
    async query(dataset, request) {
      const prepared = prepareQuery(request.query, limits);
      if (!prepared.ok) return { ok: false, failure: prepared.failure };
      const badGraph = checkGraphIris(request);
      if (badGraph !== undefined) return { ok: false, failure: badGraph };
      const { form, inspection } = prepared;
      const scheduled = await scheduler.schedule(isHeavy(inspection), () =>
        askStore(store, dataset, request, form, inspection, closing.signal),
      );
      if (!scheduled.started)
        return { ok: false, failure: scheduled.why === 'busy' ? busy(limits) : engineClosed() };
      return scheduled.value;
    },
    close() {
      scheduler.close();
      closing.abort();
      return Promise.resolve();
    },
  };
}

interface Store {
  endpoint: URL;
  graph: string;
  send: EndpointFetch;
  limits: SparqlLimits;
}

async function askStore(
  store: Store,
  dataset: SparqlDataset,
  request: QueryRequest,
  form: QueryForm | undefined,
  inspection: QueryInspection,
  closing: AbortSignal,
): Promise<QueryOutcome> {
  const { limits } = store;
  const started = performance.now();
  const signal = AbortSignal.any([closing, AbortSignal.timeout(limits.timeoutMs)]);
  const where = store.endpoint.href;
  let response: FetchResponse;
  let body: Uint8Array | undefined;
  try {
    response = await store.send(
      {
        method: 'POST',
        url: store.endpoint,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: acceptFor(form),
        },
        body: formBody(store, dataset, request, inspection).toString(),
      },
      signal,
    );
    // An error answer is read only as far as the part that is quoted.
    body = await readBounded(response, response.ok ? limits.maxResultBytes : 4 * QUOTED_CHARS);
  } catch (error) {
    return { ok: false, failure: noAnswer(where, error, closing, limits) };
  }
  if (!response.ok) return { ok: false, failure: refusal(where, response, body) };
  if (body === undefined) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/result-too-large',
        `The result is larger than ${limits.maxResultBytes} bytes, the result-size limit.`,
        {
          hint: `the limit is ${limits.maxResultBytes} bytes; add a LIMIT, or select fewer or shorter values`,
        },
      ),
    };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const read = await readResult(text, contentType, dataset.baseIri);
  if (read === undefined || (form !== undefined && kindOf(form) !== read.kind)) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/store-bad-answer',
        `${where} answered with ${contentType === '' ? 'no content type' : contentType} that is not ${form === undefined ? 'a query result' : `a ${form.toUpperCase()} result`}: ${quote(text) || '(empty)'}`,
      ),
    };
  }
  if (read.kind !== 'boolean' && resultSize(read) > limits.maxResults) {
    const what = read.kind === 'graph' ? 'triples' : 'solutions';
    return {
      ok: false,
      failure: queryFailure(
        'sparql/too-many-results',
        `The query has more than ${limits.maxResults} ${what}, the result-size limit; add a LIMIT (and OFFSET to page through them).`,
        { hint: `the limit is ${limits.maxResults}` },
      ),
    };
  }
  return {
    ok: true,
    form: form ?? formOf(read),
    result: read,
    elapsedMs: performance.now() - started,
  };
}

/** The protocol's parameters: the query with the site's BASE, and the dataset (§2.1.4). */
function formBody(
  store: Store,
  dataset: SparqlDataset,
  request: QueryRequest,
  inspection: QueryInspection,
): URLSearchParams {
  // A later BASE in the query's own prologue overrides this one (SPARQL 1.1 Query §4.1.1.1).
  const body = new URLSearchParams({ query: `BASE <${dataset.baseIri}>\n${request.query}` });
  const defaultGraphs = request.defaultGraphs ?? [];
  const namedGraphs = request.namedGraphs ?? [];
  if (defaultGraphs.length > 0 || namedGraphs.length > 0) {
    for (const iri of defaultGraphs) body.append('default-graph-uri', iri);
    for (const iri of namedGraphs) body.append('named-graph-uri', iri);
  } else if (!inspection.hasDatasetClause) {
    body.append('default-graph-uri', store.graph);
    body.append('named-graph-uri', store.graph);
  }
  return body;
}

function acceptFor(form: QueryForm | undefined): string {
  if (form === 'select' || form === 'ask') return RESULTS_JSON;
  if (form === 'construct' || form === 'describe') return GRAPH_ACCEPT;
  // The form could not be told: the store's parser will say why, in whichever answer.
  return `${RESULTS_JSON}, ${GRAPH_ACCEPT}`;
}

function kindOf(form: QueryForm): QueryResult['kind'] {
  if (form === 'select') return 'bindings';
  if (form === 'ask') return 'boolean';
  return 'graph';
}

function formOf(result: QueryResult): QueryForm {
  if (result.kind === 'bindings') return 'select';
  if (result.kind === 'boolean') return 'ask';
  return 'construct';
}

/** SPARQL JSON results, or a graph in N-Triples or Turtle; `undefined` when it is neither. */
async function readResult(
  text: string,
  contentType: string,
  baseIri: string,
): Promise<QueryResult | undefined> {
  if (contentType === RESULTS_JSON || contentType === 'application/json') {
    return jsonToResults(text);
  }
  const format =
    contentType === 'application/n-triples' || contentType === 'text/plain'
      ? 'ntriples'
      : contentType === 'text/turtle'
        ? 'turtle'
        : undefined;
  if (format === undefined) return undefined;
  const parsed = await parseRdf(text, format, { baseIri, file: 'store answer' });
  if (parsed.diagnostics.length > 0) return undefined;
  return {
    kind: 'graph',
    quads: parsed.quads.map((each) =>
      quad(each.subject, each.predicate, each.object, defaultGraph()),
    ),
  };
}

/** The body, or `undefined` once it passes `limit` bytes (the rest is not read). */
async function readBounded(
  response: FetchResponse,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (response.body === null) return new Uint8Array();
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      // An error answer is quoted from what was read; a result that large is refused.
      if (!response.ok) break;
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The store gave no (whole) answer: closed, timed out, or the connection failed. */
function noAnswer(
  where: string,
  error: unknown,
  closing: AbortSignal,
  limits: SparqlLimits,
): QueryFailure {
  if (closing.aborted) return engineClosed();
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return queryFailure(
      'sparql/store-timeout',
      `${where} did not answer within the time limit of ${limits.timeoutMs / 1000} s.`,
      { hint: 'make the query more selective, or add a LIMIT' },
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return queryFailure('sparql/store-unreachable', `${where} could not be queried: ${reason}.`);
}

/** An error status from the store, worded by who is at fault. */
function refusal(
  where: string,
  response: FetchResponse,
  body: Uint8Array | undefined,
): QueryFailure {
  const status = `${String(response.status)} ${response.statusText}`.trim();
  const text = quote(new TextDecoder('utf-8', { fatal: false }).decode(body ?? new Uint8Array()));
  const answer = `${where} answered ${status}${text === '' ? '' : `: ${text}`}`;
  if (response.status === 400) return queryFailure('sparql/store-refused', answer);
  if (response.status === 503 || response.status === 429)
    return queryFailure('sparql/store-busy', answer, { hint: 'try again shortly' });
  if (response.status === 401 || response.status === 403) {
    return queryFailure('sparql/store-failed', answer, {
      hint: "the store refused this server's credentials (netrc or PROFILE_GRAPH_STORE_* variables)",
    });
  }
  return queryFailure('sparql/store-failed', answer);
}

function quote(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > QUOTED_CHARS ? `${flat.slice(0, QUOTED_CHARS)}…` : flat;
}
