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
  type RequestLike,
  type ResponsePlan,
} from '../http/respond.js';
import { HTML_OFFER, type Offer } from '../http/media-types.js';
import {
  createRepresentation,
  type Encoding,
  type Representation,
} from '../publish/representation.js';
import { contentTypeOf, type Site } from '../publish/site.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { createDocumentLoader, type DocumentLoader } from '../rdf/document-loader.js';
import { RDF_FORMATS, type RdfFormatName, type ResultFormatName } from '../rdf/formats.js';
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
import { EXAMPLE_QUERIES, type ExampleQuery } from './examples.js';
import { queryFailure } from './failure.js';
import { createEditorAssets, type EditorAssets } from './editor-assets.js';
import { renderQueryPage } from './query-page.js';
import type { QueryResult } from './query-result.js';
import { graphToHtml, resultsToHtml } from './result-html.js';
import { serviceDescriptionQuads, SERVICE_DESCRIPTION_PREFIXES } from './service-description.js';
import { resultsToJson, writeSolutions } from './result-serializers.js';
import { send } from '../http/send.js';
import {
  chooseOffer,
  isResultOffer,
  notAcceptable,
  OFFERS_BY_FORM,
  planAsset,
  planDescription,
  planFailure,
  resultEncoding,
  resultHeaders,
  sparqlMethodNotAllowed,
  SPARQL_OPTIONS,
} from './responses.js';
import type { SiteRef } from '../publish/site-ref.js';

/** The endpoint's path. */
export const SPARQL_PATH = '/sparql';

/** Request bodies (queries) larger than this are refused with 413. */
export const MAX_QUERY_BYTES = 1024 * 1024;

/** Options for {@link createSparqlRoutes}: the engine's limits and pool, or an engine. */
export interface SparqlRouteOptions extends EngineOptions {
  /** Use this engine instead of creating one (its limits then apply). */
  engine?: SparqlEngine;
  /** The query page's examples (default: {@link EXAMPLE_QUERIES}). */
  examples?: readonly ExampleQuery[];
}

/** The SPARQL routes and the engine behind them (whose workers the caller may close). */
export interface SparqlRoutes {
  router: Router;
  engine: SparqlEngine;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** What a request asks: a query, nothing (the page or service description), or an error. */
type ParsedRequest =
  | { kind: 'query'; request: QueryRequest; format: string | undefined }
  | { kind: 'describe'; format: string | undefined }
  | { kind: 'error'; status: number; message: string; headers?: Record<string, string> };

/** The SPARQL views of one Site, made on first use and dropped with the Site. */
interface SiteSparql {
  dataset: SparqlDataset;
  /** The query page and the service description in every RDF format. */
  description: Promise<Map<string, Representation>>;
}

/** What the endpoint's handlers share: the engine, the Site and its per-Site views. */
interface Endpoint {
  siteRef: SiteRef;
  engine: SparqlEngine;
  examples: readonly ExampleQuery[];
  documentLoader: DocumentLoader;
  editor: EditorAssets;
  perSite: WeakMap<Site, SiteSparql>;
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
 * - `GET` without a query: the HTML query page (browsers) or the SPARQL 1.1 Service
 *   Description in any RDF format; the editor's files under `/sparql/assets/`.
 * - Every answer is planned by serve/sparql-responses.ts on http/respond.ts: results, the
 *   description, the page and the assets carry ETags and honour conditional requests by the
 *   same rule as documents. CORS as for documents, with preflight for POST.
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
    examples: options.examples ?? EXAMPLE_QUERIES,
    documentLoader: createDocumentLoader(),
    editor: createEditorAssets(`${SPARQL_PATH}/assets/`),
    perSite: new WeakMap(),
  };
  const router = Router();
  router.all(SPARQL_PATH, (request: Request, response: Response) => {
    handle(endpoint, request, response).catch((error: unknown) => {
      internalError(response, error);
    });
  });
  router.all(`${SPARQL_PATH}/assets/:name`, (request: Request, response: Response) => {
    endpoint.editor
      .load(`${SPARQL_PATH}/assets/${String(request.params.name)}`)
      .then((asset) => {
        send(response, planAsset(requestLike(request), asset));
      })
      .catch((error: unknown) => {
        internalError(response, error);
      });
  });
  return { router, engine: endpoint.engine };
}

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
    case 'describe': {
      const site = endpoint.siteRef.current;
      const representations = await sparqlOf(endpoint, site).description;
      send(
        response,
        planDescription(requestLike(request), representations, parsed.format, site.lastModified),
      );
      return;
    }
    case 'query':
      send(response, await answerQuery(endpoint, requestLike(request), parsed));
      return;
  }
}

function sparqlOf(endpoint: Endpoint, site: Site): SiteSparql {
  let views = endpoint.perSite.get(site);
  if (views === undefined) {
    const dataset = createDataset(site.quads, { baseIri: site.config.baseUrl });
    views = { dataset, description: renderDescription(endpoint, site, dataset) };
    endpoint.perSite.set(site, views);
  }
  return views;
}

/** The query page and the service description in every RDF format, rendered once per Site. */
async function renderDescription(
  endpoint: Endpoint,
  site: Site,
  dataset: SparqlDataset,
): Promise<Map<string, Representation>> {
  const endpointIri = `${site.config.baseUrl}${SPARQL_PATH.slice(1)}`;
  // Behind `serve --sparql-endpoint` the store answers, from the graph push wrote.
  const remote = endpoint.engine.remote;
  const quads = serviceDescriptionQuads({
    endpoint: remote?.endpoint ?? endpointIri,
    baseUrl: site.config.baseUrl,
    graph: remote?.graph ?? dataset.graph,
    triples: site.quads.length,
    limits: endpoint.engine.limits,
  });
  const byId = new Map<string, Representation>();
  byId.set(
    'html',
    createRepresentation(
      'html',
      HTML_OFFER.contentType,
      SPARQL_PATH,
      renderQueryPage({
        siteName: site.config.siteName,
        language: site.config.language,
        endpointPath: SPARQL_PATH,
        endpointIri,
        triples: site.quads.length,
        limits: endpoint.engine.limits,
        examples: endpoint.examples,
        assets: endpoint.editor.urls,
      }),
    ),
  );
  for (const format of RDF_FORMATS) {
    byId.set(
      format.name,
      createRepresentation(
        format.name,
        contentTypeOf(format),
        `${SPARQL_PATH}?format=${format.extension}`,
        await serialize(quads, format.name, {
          documentLoader: endpoint.documentLoader,
          prefixes: SERVICE_DESCRIPTION_PREFIXES,
        }),
      ),
    );
  }
  return byId;
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
  const outcome = await endpoint.engine.query(sparqlOf(endpoint, site).dataset, parsed.request);
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
  if (queries.length === 0) return { kind: 'describe', format };
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
