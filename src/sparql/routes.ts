import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import {
  headerValue,
  isNotModified,
  notModified,
  planEntity,
  plainResponse,
  respond,
  type RequestLike,
  type ResponsePlan,
} from '../http/respond.js';
import { HTML_OFFER, type Offer } from '../http/media-types.js';
import type { Encoding } from '../publish/representation.js';
import type { Site } from '../publish/site.js';
import { SPARQL_PATH, type SparqlService } from '../publish/sparql-service.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { createDocumentLoader, type DocumentLoader } from '../rdf/document-loader.js';
import type { RdfFormatName, ResultFormatName } from '../rdf/formats.js';
import { serialize, type JsonLdProfile } from '../rdf/serialize.js';
import {
  createDataset,
  createSparqlEngine,
  prepareQuery,
  type EngineOptions,
  type QueryRequest,
  type SparqlDataset,
  type SparqlEngine,
} from './engine.js';
import { datasetGraph } from './dataset.js';
import { EXAMPLE_QUERIES, type ExampleQuery } from './examples.js';
import { queryFailure } from './failure.js';
import { createEditorAssets, readEditorFiles, type EditorAssets } from './editor-assets.js';
import { DEFAULT_LIMITS, type SparqlLimits } from './limits.js';
import type { QueryResult } from './query-result.js';
import { graphToHtml, resultsToHtml } from './result-html.js';
import { resultsToJson, writeSolutions } from './result-serializers.js';
import { send } from '../http/send.js';
import {
  chooseOffer,
  isResultOffer,
  notAcceptable,
  OFFERS_BY_FORM,
  planAsset,
  planFailure,
  resultEncoding,
  resultHeaders,
  sparqlMethodNotAllowed,
  SPARQL_OPTIONS,
} from './responses.js';
import type { SiteRef } from '../publish/site-ref.js';

export { SPARQL_PATH };

/** Where the query page's editor files are served. */
const ASSETS_PREFIX = `${SPARQL_PATH}/assets/`;

/** Request bodies (queries) larger than this are refused with 413. */
export const MAX_QUERY_BYTES = 1024 * 1024;

/** Options for {@link createSparqlRoutes}: the engine's limits and pool, or an engine. */
export interface SparqlRouteOptions extends EngineOptions {
  /** Use this engine instead of creating one (its limits then apply). */
  engine?: SparqlEngine;
}

/** The SPARQL routes and the engine behind them (whose workers the caller may close). */
export interface SparqlRoutes {
  router: Router;
  engine: SparqlEngine;
  /**
   * Loads the current Site's data into a query worker now (an `ASK {}` on the dataset the route
   * queries), so the first query after start-up does not wait for the thread to start and load
   * the graph. Resolves when it is loaded; never rejects (a failure is the next query's to
   * report). Does nothing behind an external store, whose data is already loaded.
   */
  warm(): Promise<void>;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** What a request asks: a query, nothing (the page or service description), or an error. */
type ParsedRequest =
  | { kind: 'query'; request: QueryRequest; format: string | undefined }
  | { kind: 'describe' }
  | { kind: 'error'; status: number; message: string; headers?: Record<string, string> };

/** What the endpoint's handlers share: the engine, the Site and each Site's dataset. */
interface Endpoint {
  siteRef: SiteRef;
  engine: SparqlEngine;
  documentLoader: DocumentLoader;
  editor: EditorAssets;
  /** Made on first query and dropped with the Site. */
  datasets: WeakMap<Site, SparqlDataset>;
}

/** What {@link sparqlService} needs: the engine's limits, and an external endpoint if any. */
export interface SparqlServiceOptions {
  limits?: Pick<SparqlLimits, 'timeoutMs' | 'maxResults'>;
  /** The query page's examples (default: {@link EXAMPLE_QUERIES}). */
  examples?: readonly ExampleQuery[];
  /**
   * An external endpoint's absolute http(s) URL (`sparqlEndpoint` in the configuration): the
   * page sends queries there, and the description and VoID name it. Default: this site's.
   */
  endpoint?: string;
  /**
   * The store `serve --sparql-endpoint` forwards to: queries still come to this site's route
   * (which applies the limits), but the description and VoID name the store and its graph.
   */
  proxiedTo?: { endpoint: string; graph: string };
}

/**
 * What the Site publishes about this endpoint (`PublishInput.sparql`): its IRI
 * (`<baseUrl>sparql`, or the external one), the graph queries see, the limits and examples the
 * page states, and the editor files' URLs {@link createSparqlRoutes} serves.
 */
export function sparqlService(baseUrl: string, options: SparqlServiceOptions = {}): SparqlService {
  const limits = options.limits ?? DEFAULT_LIMITS;
  return {
    endpoint:
      options.proxiedTo?.endpoint ?? options.endpoint ?? `${baseUrl}${SPARQL_PATH.slice(1)}`,
    queryUrl: options.endpoint ?? SPARQL_PATH,
    graph: options.proxiedTo?.graph ?? datasetGraph(baseUrl),
    limits: { timeoutMs: limits.timeoutMs, maxResults: limits.maxResults },
    examples: options.examples ?? EXAMPLE_QUERIES,
    editor: createEditorAssets(ASSETS_PREFIX).urls,
  };
}

/**
 * What a static export publishes for an external endpoint (`build --sparql-endpoint`): the
 * query page sending queries to `endpoint`, the description and VoID naming it, no limits
 * stated (the store's own apply), and the editor's files, since no route of ours serves them.
 */
export async function externalSparqlService(
  baseUrl: string,
  endpoint: string,
): Promise<SparqlService> {
  return {
    ...sparqlService(baseUrl, { endpoint }),
    limits: undefined,
    files: await readEditorFiles(ASSETS_PREFIX),
  };
}

/**
 * The SPARQL 1.1 Protocol endpoint at {@link SPARQL_PATH} (W3C Recommendation, §2.1 query
 * operation) over the Site being served:
 *
 * - `GET ?query=`, `POST` with `application/sparql-query` (the graphs in the URL), and `POST`
 *   with `application/x-www-form-urlencoded`; `default-graph-uri` and `named-graph-uri` set the
 *   dataset (§2.1.4). `format=` picks a result format without an Accept header.
 * - SELECT/ASK results negotiated among SPARQL JSON, XML, CSV, TSV (and an HTML table for
 *   browsers); CONSTRUCT/DESCRIBE among the RDF formats, as documents are (RFC 9110 §12.5.1,
 *   the same http/negotiate.ts). Nothing acceptable: 406 listing the alternatives.
 * - Refused with 400 and a message: updates (`update=`, `application/sparql-update`, an update
 *   in `query=`), SERVICE, malformed queries (with the parser's line and column); 413 for a
 *   body over {@link MAX_QUERY_BYTES}, 415 for another content type, 405 for other methods.
 *   Limits: 503 when the time limit stops a query (or every worker stays busy), 400 when the
 *   result is over the size limit.
 * - `GET` without a query: the Site's resource at this path (the query page and the service
 *   description, published from {@link sparqlService}); the server's fast path answers it
 *   before this route, which answers the rest of those requests (`default-graph-uri` without
 *   a query) by the same `respond`. The editor's files under `/sparql/assets/`.
 * - Every answer is planned by sparql/responses.ts on http/respond.ts: results and the assets
 *   carry ETags and honour conditional requests by the same rule as documents. CORS as for
 *   documents, with preflight for POST.
 *
 * The engine and its per-Site data follow `siteRef.current`: a reload that swaps the Site
 * swaps the data queries run on. Error bodies are plain text and never carry a stack.
 */
export function createSparqlRoutes(
  siteRef: SiteRef,
  options: SparqlRouteOptions = {},
): SparqlRoutes {
  const endpoint: Endpoint = {
    siteRef,
    engine: options.engine ?? createSparqlEngine(options),
    documentLoader: createDocumentLoader(),
    editor: createEditorAssets(ASSETS_PREFIX),
    datasets: new WeakMap(),
  };
  const router = Router();
  router.all(SPARQL_PATH, (request: Request, response: Response) => {
    handle(endpoint, request, response).catch((error: unknown) => {
      internalError(response, error);
    });
  });
  router.all(`${ASSETS_PREFIX}:name`, (request: Request, response: Response) => {
    endpoint.editor
      .load(`${ASSETS_PREFIX}${String(request.params.name)}`)
      .then((asset) => {
        send(response, planAsset(requestLike(request), asset));
      })
      .catch((error: unknown) => {
        internalError(response, error);
      });
  });
  return {
    router,
    engine: endpoint.engine,
    async warm() {
      if (endpoint.engine.remote !== undefined) return;
      const site = endpoint.siteRef.current;
      await endpoint.engine.query(datasetOf(endpoint, site), { query: WARM_QUERY });
    },
  };
}

/** The cheapest query that makes a worker load the dataset (see {@link SparqlRoutes.warm}). */
const WARM_QUERY = 'ASK {}';

/** The parts of an express request the planners read. */
function requestLike(request: Request): RequestLike {
  return { method: request.method, url: request.originalUrl, headers: request.headers };
}

async function handle(endpoint: Endpoint, request: Request, response: Response): Promise<void> {
  const method = request.method;
  if (method === 'OPTIONS') {
    send(response, SPARQL_OPTIONS);
    return;
  }
  let parsed: ParsedRequest;
  if (method === 'GET' || method === 'HEAD') parsed = parseGet(request);
  else if (method === 'POST') parsed = await parsePost(request);
  else {
    send(response, sparqlMethodNotAllowed(method));
    return;
  }
  switch (parsed.kind) {
    case 'error':
      send(response, plainResponse(parsed.status, `${parsed.message}\n`, parsed.headers));
      if (parsed.status === 413) request.resume();
      return;
    case 'describe':
      // The Site's resource at this path (a 404 when the Site publishes none).
      send(response, respond(endpoint.siteRef.current, requestLike(request)));
      return;
    case 'query':
      send(response, await answerQuery(endpoint, requestLike(request), parsed));
      return;
  }
}

function datasetOf(endpoint: Endpoint, site: Site): SparqlDataset {
  let dataset = endpoint.datasets.get(site);
  if (dataset === undefined) {
    dataset = createDataset(site.quads, { baseIri: site.config.baseUrl });
    endpoint.datasets.set(site, dataset);
  }
  return dataset;
}

/**
 * Runs a query and plans its answer: the format chosen before the engine runs (a 406 costs no
 * query), the result rendered, its ETag checked by the one conditional rule before it is
 * compressed (a 304 costs no compression).
 */
async function answerQuery(
  endpoint: Endpoint,
  request: RequestLike,
  parsed: Extract<ParsedRequest, { kind: 'query' }>,
): Promise<ResponsePlan> {
  const site = endpoint.siteRef.current;
  const query = parsed.request.query;
  const prepared = prepareQuery(query, endpoint.engine.limits);
  if (!prepared.ok) return planFailure(prepared.failure, query);
  let offer: Offer | undefined;
  let jsonLdProfile: JsonLdProfile | undefined;
  if (prepared.form !== undefined) {
    const choice = chooseOffer(
      request,
      OFFERS_BY_FORM[prepared.form],
      parsed.format,
      `${prepared.form.toUpperCase()} results`,
    );
    if (choice.kind === 'answer') return choice.plan;
    ({ offer, jsonLdProfile } = choice);
  }
  const outcome = await endpoint.engine.query(datasetOf(endpoint, site), parsed.request);
  if (!outcome.ok) return planFailure(outcome.failure, query);
  // The form was told from the text, so the offer is set; the fallback only satisfies types.
  offer ??= OFFERS_BY_FORM[outcome.form][0] as Offer;
  let rendered: { text: string; contentType: string };
  try {
    rendered = await renderResult(endpoint, outcome.result, offer, { jsonLdProfile, site, query });
  } catch (error) {
    // A graph the chosen format cannot express (RDF/XML needs an XML name for every
    // predicate): the others can, so it is the representation that is unavailable.
    if (!(error instanceof ProfileGraphError)) throw error;
    return notAcceptable(
      OFFERS_BY_FORM[outcome.form],
      error.diagnostics[0]?.message ?? error.message,
    );
  }
  const body = Buffer.from(rendered.text, 'utf8');
  const encoding = resultEncoding(request, body.length);
  if (encoding === undefined) {
    return plainResponse(406, 'No acceptable content coding (identity is refused).\n');
  }
  // A store's data changes with pushes this Site never sees: only the ETag can validate.
  const lastModified = endpoint.engine.remote === undefined ? site.lastModified : undefined;
  const headers = resultHeaders({
    body,
    contentType: rendered.contentType,
    offer,
    negotiated: parsed.format === undefined,
    encoding,
    elapsedMs: outcome.elapsedMs,
    lastModified,
  });
  if (isNotModified(request.headers, headers.ETag, lastModified)) return notModified(headers);
  return planEntity(request, headers, await compress(body, encoding), lastModified);
}

async function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  // Quality 5: most of brotli's gain at a fraction of its top setting's time.
  if (encoding === 'br') {
    return brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  }
  if (encoding === 'gzip') return gzipAsync(body, { level: 6 });
  return body;
}

async function renderResult(
  endpoint: Endpoint,
  result: QueryResult,
  offer: Offer,
  context: { jsonLdProfile: JsonLdProfile | undefined; site: Site; query: string },
): Promise<{ text: string; contentType: string }> {
  const page = {
    siteName: context.site.config.siteName,
    language: context.site.config.language,
    query: context.query,
    endpointPath: SPARQL_PATH,
    baseUrl: context.site.config.baseUrl,
  };
  if (result.kind === 'graph') {
    if (offer.id === 'html') {
      const turtle = await serialize(result.quads, 'turtle');
      return {
        text: graphToHtml(turtle, result.quads.length, page),
        contentType: HTML_OFFER.contentType,
      };
    }
    const format: RdfFormatName = offer.id;
    const profile = format === 'jsonld' ? (context.jsonLdProfile ?? 'compacted') : undefined;
    return {
      text: await serialize(result.quads, format, {
        documentLoader: endpoint.documentLoader,
        jsonLdProfile: profile,
      }),
      contentType:
        profile !== undefined && profile !== 'compacted'
          ? `application/ld+json; profile="http://www.w3.org/ns/json-ld#${profile}"`
          : offer.contentType,
    };
  }
  if (!isResultOffer(offer)) throw new Error(`No result format for ${offer.mediaType}.`);
  return { text: writeResultFormat(result, offer.format, page), contentType: offer.contentType };
}

/** SELECT/ASK results in a result format (the offers pair CSV and TSV with SELECT only). */
function writeResultFormat(
  result: Exclude<QueryResult, { kind: 'graph' }>,
  format: ResultFormatName,
  page: Parameters<typeof resultsToHtml>[1],
): string {
  if (format === 'html') return resultsToHtml(result, page);
  return writeSolutions(result, format) ?? resultsToJson(result);
}

/** The parameters of the URL's query string (`?query=…&default-graph-uri=…`). */
function urlParameters(request: Request): URLSearchParams {
  const url = request.originalUrl;
  const start = url.indexOf('?');
  return new URLSearchParams(start < 0 ? '' : url.slice(start + 1));
}

const UPDATE_REFUSED =
  'SPARQL Update is not supported: the endpoint is read-only and answers queries only.';

/** Reads the query parameters shared by GET and form POST (SPARQL 1.1 Protocol §2.1.1-2). */
function fromParameters(parameters: URLSearchParams, graphs: URLSearchParams): ParsedRequest {
  if (parameters.has('update')) return { kind: 'error', status: 400, message: UPDATE_REFUSED };
  const queries = parameters.getAll('query');
  const format = parameters.get('format') ?? undefined;
  if (queries.length === 0) return { kind: 'describe' };
  if (queries.length > 1) {
    return {
      kind: 'error',
      status: 400,
      message: `Give exactly one query parameter, not ${queries.length}.`,
    };
  }
  return {
    kind: 'query',
    request: {
      query: queries[0] as string,
      defaultGraphs: [
        ...parameters.getAll('default-graph-uri'),
        ...graphs.getAll('default-graph-uri'),
      ],
      namedGraphs: [...parameters.getAll('named-graph-uri'), ...graphs.getAll('named-graph-uri')],
    },
    format,
  };
}

function parseGet(request: Request): ParsedRequest {
  return fromParameters(urlParameters(request), new URLSearchParams());
}

async function parsePost(request: Request): Promise<ParsedRequest> {
  const contentType = headerOf(request, 'content-type') ?? '';
  const [rawType = '', ...parameters] = contentType.split(';');
  const mediaType = rawType.trim().toLowerCase();
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (mediaType === 'application/sparql-update') {
    return { kind: 'error', status: 400, message: UPDATE_REFUSED };
  }
  if (
    mediaType !== 'application/sparql-query' &&
    mediaType !== 'application/x-www-form-urlencoded'
  ) {
    return {
      kind: 'error',
      status: 415,
      message: `Unsupported Content-Type "${contentType}": POST the query as application/sparql-query, or as application/x-www-form-urlencoded with a query parameter (SPARQL 1.1 Protocol §2.1.2-3).`,
      headers: { 'Accept-Post': 'application/sparql-query, application/x-www-form-urlencoded' },
    };
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return {
      kind: 'error',
      status: 415,
      message: `Unsupported charset "${charset}": queries are UTF-8.`,
    };
  }
  const body = await readBody(request, MAX_QUERY_BYTES);
  if (body === undefined) {
    return {
      kind: 'error',
      status: 413,
      message: `The request body is larger than ${MAX_QUERY_BYTES} bytes.`,
      headers: { Connection: 'close' },
    };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  if (mediaType === 'application/x-www-form-urlencoded') {
    const parsed = fromParameters(new URLSearchParams(text), urlParameters(request));
    // A form without a query asks nothing (the page and description are for GET).
    return parsed.kind === 'describe'
      ? { kind: 'error', status: 400, message: 'The form has no query parameter.' }
      : parsed;
  }
  // §2.1.3: the query is the body; the graphs and format are in the URL.
  const url = urlParameters(request);
  return {
    kind: 'query',
    request: {
      query: text,
      defaultGraphs: url.getAll('default-graph-uri'),
      namedGraphs: url.getAll('named-graph-uri'),
    },
    format: url.get('format') ?? undefined,
  };
}

/** The body, or `undefined` once it passes `limit` bytes (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        cleanup();
        request.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  return headerValue(request.headers, name);
}

/** A bug or an I/O failure: a 500 with one line, never a stack. */
function internalError(response: ServerResponse, error: unknown): void {
  const failure = queryFailure(
    'sparql/engine-failure',
    `Internal error: ${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}`,
  );
  if (response.headersSent) {
    response.end();
    return;
  }
  send(response, plainResponse(500, `${failure.message}\n`));
}
