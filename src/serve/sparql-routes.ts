import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { PAGE_STYLES_CSP_SOURCE } from '../publish/html/styles.js';
import { createRepresentation, type Representation } from '../publish/representation.js';
import { contentTypeOf, type Site } from '../publish/site.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { createDocumentLoader } from '../rdf/document-loader.js';
import { RDF_FORMATS, type RdfFormatName } from '../rdf/formats.js';
import { serialize, type JsonLdProfile } from '../rdf/serialize.js';
import {
  createDataset,
  createSparqlEngine,
  prepareQuery,
  type EngineOptions,
  type QueryRequest,
  type SparqlDataset,
  type SparqlEngine,
} from '../sparql/engine.js';
import { EXAMPLE_QUERIES, type ExampleQuery } from '../sparql/examples.js';
import { failureStatus, queryFailure, type QueryFailure } from '../sparql/failure.js';
import type { QueryForm } from '../sparql/inspect-query.js';
import { createEditorAssets, type EditorAsset } from '../sparql/editor-assets.js';
import { SPARQL_STYLES_CSP_SOURCE } from '../sparql/page-styles.js';
import { renderQueryPage } from '../sparql/query-page.js';
import {
  RESULT_FORMATS,
  type ResultFormat,
  type ResultFormatName,
} from '../sparql/result-formats.js';
import type { QueryResult } from '../sparql/results.js';
import { graphToHtml, resultsToHtml } from '../sparql/results-page.js';
import {
  serviceDescriptionQuads,
  SERVICE_DESCRIPTION_PREFIXES,
} from '../sparql/service-description.js';
import { resultsToJson, writeSolutions } from '../sparql/write-results.js';
import { HTML_OFFER, OFFERS, type Offer, type OfferId } from '../http/media-types.js';
import { negotiateEncoding, negotiateMediaType, offerFromQuery } from '../http/negotiate.js';
import { CORS_HEADERS, plainResponse } from '../http/respond.js';
import type { SiteRef } from './site-ref.js';

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

const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';

/**
 * The query page runs the editor (scripts from this origin only) and talks to this origin only:
 * `connect-src 'self'` is what keeps the editor from reaching any other server. Its widgets set
 * inline styles, hence `'unsafe-inline'` for styles (never for scripts).
 */
const QUERY_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Result pages: no scripts at all; the site's and the SPARQL pages' stylesheets by hash. */
const RESULTS_PAGE_CSP = `default-src 'none'; style-src ${PAGE_STYLES_CSP_SOURCE} ${SPARQL_STYLES_CSP_SOURCE}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Results smaller than this are sent uncompressed (as publish does for small documents). */
const MIN_COMPRESS_BYTES = 1024;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** A result format as content negotiation sees it: an {@link Offer} carrying its format. */
interface ResultOffer extends Offer {
  readonly format: ResultFormatName;
}

function resultOffer(format: ResultFormat): ResultOffer {
  const generic = ['application/xml', 'text/xml'];
  const text = format.mediaType.startsWith('text/');
  return Object.freeze({
    // negotiate.ts reads an offer's id only to recognise JSON-LD (for its `profile` forms), and
    // OfferId names document formats, so a result offer carries its own name in `format`.
    id: format.name as unknown as OfferId,
    format: format.name,
    mediaType: format.mediaType,
    aliases: format.aliases.filter((alias) => !generic.includes(alias)),
    // As for RDF/XML (media-types.ts): the generic XML types only when nothing else is
    // acceptable, since browsers send application/xml;q=0.9 without wanting result XML.
    weakAliases: format.aliases.filter((alias) => generic.includes(alias)),
    extension: format.extension,
    text,
    contentType: text ? `${format.mediaType}; charset=utf-8` : format.mediaType,
    label: format.label,
  });
}

const RESULT_OFFERS: readonly ResultOffer[] = RESULT_FORMATS.map(resultOffer);

/** The offers for each query form (RESULT_FORMATS says which formats carry which forms). */
const OFFERS_BY_FORM: Readonly<Record<QueryForm, readonly Offer[]>> = {
  select: RESULT_OFFERS.filter((offer) => formatOf(offer)?.forms.includes('select')),
  ask: RESULT_OFFERS.filter((offer) => formatOf(offer)?.forms.includes('ask')),
  // CONSTRUCT and DESCRIBE: every RDF format in the documents' order (JSON-LD first), then
  // HTML (the Turtle in a page) for browsers.
  construct: [...OFFERS.filter((offer) => offer.id !== 'html'), HTML_OFFER],
  describe: [...OFFERS.filter((offer) => offer.id !== 'html'), HTML_OFFER],
};

function formatOf(offer: Offer): ResultFormat | undefined {
  return 'format' in offer
    ? RESULT_FORMATS.find((format) => format.name === (offer as ResultOffer).format)
    : undefined;
}

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

/**
 * The SPARQL 1.1 Protocol endpoint at {@link SPARQL_PATH} (W3C Recommendation, §2.1 query
 * operation) over the Site being served:
 *
 * - `GET ?query=`, `POST` with `application/sparql-query` (the graphs in the URL), and `POST`
 *   with `application/x-www-form-urlencoded`; `default-graph-uri` and `named-graph-uri` set the
 *   dataset (§2.1.4). `format=` picks a result format without an Accept header.
 * - SELECT/ASK results negotiated among SPARQL JSON, XML, CSV, TSV (and an HTML table for
 *   browsers); CONSTRUCT/DESCRIBE among the RDF formats, as documents are (RFC 9110 §12.5.1,
 *   the same negotiate.ts). Nothing acceptable: 406 listing the alternatives.
 * - Refused with 400 and a message: updates (`update=`, `application/sparql-update`, an update
 *   in `query=`), SERVICE, malformed queries (with the parser's line and column); 413 for a
 *   body over {@link MAX_QUERY_BYTES}, 415 for another content type, 405 for other methods.
 *   Limits: 503 when the time limit stops a query (or every worker stays busy), 400 when the
 *   result is over the size limit.
 * - `GET` without a query: the HTML query page (browsers) or the SPARQL 1.1 Service
 *   Description in any RDF format; the editor's files under `/sparql/assets/`.
 * - CORS as for documents, with preflight for POST.
 *
 * The engine and its per-Site data follow `siteRef.current`: a reload that swaps the Site
 * swaps the data queries run on. Error bodies are plain text and never carry a stack.
 */
export function createSparqlRoutes(
  siteRef: SiteRef,
  options: SparqlRouteOptions = {},
): SparqlRoutes {
  const engine = options.engine ?? createSparqlEngine(options);
  const examples = options.examples ?? EXAMPLE_QUERIES;
  const documentLoader = createDocumentLoader();
  const perSite = new WeakMap<Site, SiteSparql>();
  const editor = createEditorAssets(`${SPARQL_PATH}/assets/`);

  const sparqlOf = (site: Site): SiteSparql => {
    let views = perSite.get(site);
    if (views === undefined) {
      const dataset = createDataset(site.quads, { baseIri: site.config.baseUrl });
      views = { dataset, description: renderDescription(site, dataset) };
      perSite.set(site, views);
    }
    return views;
  };

  const renderDescription = async (site: Site, dataset: SparqlDataset) => {
    const endpointIri = `${site.config.baseUrl}${SPARQL_PATH.slice(1)}`;
    const quads = serviceDescriptionQuads({
      endpoint: endpointIri,
      baseUrl: site.config.baseUrl,
      graph: dataset.graph,
      triples: site.quads.length,
      limits: engine.limits,
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
          limits: engine.limits,
          examples,
          assets: editor.urls,
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
            documentLoader,
            prefixes: SERVICE_DESCRIPTION_PREFIXES,
          }),
        ),
      );
    }
    return byId;
  };

  const answerQuery = async (
    request: Request,
    response: Response,
    parsed: Extract<ParsedRequest, { kind: 'query' }>,
  ) => {
    const site = siteRef.current;
    const prepared = prepareQuery(parsed.request.query, engine.limits);
    if (!prepared.ok) {
      sendFailure(response, prepared.failure, parsed.request.query);
      return;
    }
    let offer: Offer | undefined;
    let jsonLdProfile: JsonLdProfile | undefined;
    if (prepared.form !== undefined) {
      const offers = OFFERS_BY_FORM[prepared.form];
      if (parsed.format !== undefined) {
        offer = offerFromQuery(parsed.format, offers);
        if (offer === undefined) {
          sendNotAcceptable(
            response,
            offers,
            `Unknown or unavailable format "${parsed.format}" for ${prepared.form.toUpperCase()} results.`,
          );
          return;
        }
      } else {
        const negotiated = negotiateMediaType(headerOf(request, 'accept'), offers);
        if (negotiated.kind === 'bad-request') {
          sendText(response, 400, `Malformed Accept header: ${negotiated.reason}\n`);
          return;
        }
        if (negotiated.kind === 'not-acceptable') {
          sendNotAcceptable(
            response,
            offers,
            `None of the accepted media types can carry ${prepared.form.toUpperCase()} results.`,
          );
          return;
        }
        offer = negotiated.offer;
        jsonLdProfile = negotiated.jsonLdProfile;
      }
    }
    const outcome = await engine.query(sparqlOf(site).dataset, parsed.request);
    if (!outcome.ok) {
      sendFailure(response, outcome.failure, parsed.request.query);
      return;
    }
    // The form was told from the text, so the offer is set; the fallback only satisfies types.
    offer ??= OFFERS_BY_FORM[outcome.form][0] as Offer;
    let body: { text: string; contentType: string };
    try {
      body = await renderResult(outcome.result, offer, {
        jsonLdProfile,
        site,
        query: parsed.request.query,
      });
    } catch (error) {
      // A graph the chosen format cannot express (RDF/XML needs an XML name for every
      // predicate): the others can, so it is the representation that is unavailable.
      if (!(error instanceof ProfileGraphError)) throw error;
      sendNotAcceptable(
        response,
        OFFERS_BY_FORM[outcome.form],
        error.diagnostics[0]?.message ?? error.message,
      );
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': body.contentType,
      'Cache-Control': 'no-cache',
      Vary: parsed.format === undefined ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Server-Timing': `engine;dur=${outcome.elapsedMs.toFixed(1)}`,
      ...CORS_HEADERS,
    };
    if (offer.mediaType === 'text/html') {
      headers['Content-Security-Policy'] = RESULTS_PAGE_CSP;
    }
    await sendBody(request, response, 200, headers, Buffer.from(body.text, 'utf8'));
  };

  const renderResult = async (
    result: QueryResult,
    offer: Offer,
    context: { jsonLdProfile: JsonLdProfile | undefined; site: Site; query: string },
  ): Promise<{ text: string; contentType: string }> => {
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
        text: await serialize(result.quads, format, { documentLoader, jsonLdProfile: profile }),
        contentType:
          profile !== undefined && profile !== 'compacted'
            ? `application/ld+json; profile="http://www.w3.org/ns/json-ld#${profile}"`
            : offer.contentType,
      };
    }
    const text = writeResultFormat(result, (offer as ResultOffer).format, page);
    return { text, contentType: offer.contentType };
  };

  const answerDescription = async (
    request: Request,
    response: Response,
    format: string | undefined,
  ) => {
    const representations = await sparqlOf(siteRef.current).description;
    let offer: Offer | undefined;
    if (format !== undefined) {
      offer = offerFromQuery(format, OFFERS);
      if (offer === undefined) {
        sendNotAcceptable(response, OFFERS, `Unknown or unavailable format "${format}".`);
        return;
      }
    } else {
      const negotiated = negotiateMediaType(headerOf(request, 'accept'), OFFERS);
      if (negotiated.kind === 'bad-request') {
        sendText(response, 400, `Malformed Accept header: ${negotiated.reason}\n`);
        return;
      }
      if (negotiated.kind === 'not-acceptable') {
        sendNotAcceptable(response, OFFERS, 'None of the accepted media types is available.');
        return;
      }
      offer = negotiated.offer;
    }
    const representation = representations.get(offer.id);
    if (representation === undefined) {
      sendNotAcceptable(response, OFFERS, 'None of the accepted media types is available.');
      return;
    }
    const headers: Record<string, string> = {
      'Content-Type': representation.contentType,
      'Cache-Control': 'no-cache',
      Vary: format === undefined ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Last-Modified': siteRef.current.lastModified.toUTCString(),
      ...CORS_HEADERS,
    };
    if (representation.id === 'html') {
      headers['Content-Security-Policy'] = QUERY_PAGE_CSP;
      headers['Referrer-Policy'] = 'strict-origin-when-cross-origin';
    }
    sendRepresentation(request, response, representation, headers);
  };

  const router = Router();
  router.all(SPARQL_PATH, (request: Request, response: Response) => {
    handle(request, response).catch((error: unknown) => {
      internalError(response, error);
    });
  });
  router.all(`${SPARQL_PATH}/assets/:name`, (request: Request, response: Response) => {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(response, 405, `Method ${method} is not allowed here; use GET or HEAD.\n`, {
        Allow: 'GET, HEAD',
      });
      return;
    }
    editor
      .load(`${SPARQL_PATH}/assets/${String(request.params.name)}`)
      .then((asset) => {
        if (asset === undefined) {
          sendText(response, 404, 'No such file.\n');
          return;
        }
        sendAsset(request, response, asset);
      })
      .catch((error: unknown) => {
        internalError(response, error);
      });
  });

  const handle = async (request: Request, response: Response) => {
    const method = request.method;
    if (method === 'OPTIONS') {
      response.writeHead(204, {
        ...CORS_HEADERS,
        Allow: ALLOWED_METHODS,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': 'Accept, Accept-Encoding, Content-Type',
        'Access-Control-Max-Age': '86400',
        'Content-Length': '0',
      });
      response.end();
      return;
    }
    let parsed: ParsedRequest;
    if (method === 'GET' || method === 'HEAD') parsed = parseGet(request);
    else if (method === 'POST') parsed = await parsePost(request);
    else {
      sendText(
        response,
        405,
        `Method ${method} is not allowed here; use GET or POST (SPARQL 1.1 Protocol §2.1).\n`,
        { Allow: ALLOWED_METHODS },
      );
      return;
    }
    switch (parsed.kind) {
      case 'error':
        sendText(response, parsed.status, `${parsed.message}\n`, parsed.headers);
        if (parsed.status === 413) request.resume();
        return;
      case 'describe':
        await answerDescription(request, response, parsed.format);
        return;
      case 'query':
        await answerQuery(request, response, parsed);
        return;
    }
  };

  return { router, engine };
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
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function sendAsset(request: Request, response: Response, asset: EditorAsset): void {
  const encoding = negotiateEncoding(headerOf(request, 'accept-encoding'), ['br', 'gzip']);
  const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.identity;
  const etag =
    encoding === 'identity' || encoding === undefined
      ? asset.etag
      : `${asset.etag.slice(0, -1)}-${encoding}"`;
  const headers: Record<string, string> = {
    'Content-Type': asset.contentType,
    // The URL names the version (or the content's hash), so it never changes.
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
    ...CORS_HEADERS,
  };
  if (encoding === 'br' || encoding === 'gzip') headers['Content-Encoding'] = encoding;
  if (
    headerOf(request, 'if-none-match')
      ?.split(',')
      .some((tag) => tag.trim() === etag)
  ) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  headers['Content-Length'] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendRepresentation(
  request: Request,
  response: Response,
  representation: Representation,
  baseHeaders: Record<string, string>,
): void {
  const available = (['br', 'gzip'] as const).filter(
    (coding) => representation.variants[coding] !== undefined,
  );
  const encoding = negotiateEncoding(headerOf(request, 'accept-encoding'), available);
  if (encoding === undefined) {
    sendText(response, 406, 'No acceptable content coding (identity is refused).\n');
    return;
  }
  const variant = representation.variants[encoding] ?? representation.variants.identity;
  const headers: Record<string, string> = { ...baseHeaders, ETag: variant.etag };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  if (
    headerOf(request, 'if-none-match')
      ?.split(',')
      .some((tag) => tag.trim().replace(/^W\//, '') === variant.etag)
  ) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  headers['Content-Length'] = String(variant.body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : variant.body);
}

/** Sends a result body, compressed when the client accepts it and it is worth it. */
async function sendBody(
  request: Request,
  response: Response,
  status: number,
  baseHeaders: Record<string, string>,
  body: Buffer,
): Promise<void> {
  const headers = { ...baseHeaders };
  let sent = body;
  if (body.length >= MIN_COMPRESS_BYTES) {
    const encoding = negotiateEncoding(headerOf(request, 'accept-encoding'), ['br', 'gzip']);
    if (encoding === undefined) {
      sendText(response, 406, 'No acceptable content coding (identity is refused).\n');
      return;
    }
    if (encoding === 'br') {
      // Quality 5: most of brotli's gain at a fraction of its top setting's time.
      sent = await brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      headers['Content-Encoding'] = 'br';
    } else if (encoding === 'gzip') {
      sent = await gzipAsync(body, { level: 6 });
      headers['Content-Encoding'] = 'gzip';
    }
  }
  headers['Content-Length'] = String(sent.length);
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : sent);
}

/**
 * A failure as plain text: the message, the query line it points at with a caret, and the
 * hint. 503s say when to retry.
 */
function sendFailure(response: ServerResponse, failure: QueryFailure, query: string): void {
  const lines = [failure.message];
  if (failure.line !== undefined) {
    lines.push(`  at line ${failure.line}, column ${failure.column ?? 1}:`);
    const text = query.split(/\r?\n/)[failure.line - 1];
    if (text !== undefined) {
      const gutter = String(failure.line);
      lines.push(`  ${gutter} | ${text}`);
      lines.push(
        `  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, (failure.column ?? 1) - 1))}^`,
      );
    }
  }
  if (failure.hint !== undefined) lines.push(`Hint: ${failure.hint}.`);
  const status = failureStatus(failure);
  sendText(response, status, `${lines.join('\n')}\n`, {
    'X-Error-Code': failure.code,
    ...(failure.code === 'sparql/busy' ? { 'Retry-After': '1' } : {}),
  });
}

function sendNotAcceptable(
  response: ServerResponse,
  offers: readonly Offer[],
  reason: string,
): void {
  const lines = offers.map((offer) => `  ${offer.mediaType}  (?format=${offer.extension})`);
  sendText(response, 406, `Not Acceptable: ${reason}\nAvailable:\n${lines.join('\n')}\n`, {
    Vary: 'Accept, Accept-Encoding',
  });
}

function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const plan = plainResponse(status, text, extra);
  response.writeHead(plan.status, plan.headers);
  response.end(response.req.method === 'HEAD' ? undefined : plan.body);
}

/** A bug or an I/O failure: a 500 with one line, never a stack. */
function internalError(response: ServerResponse, error: unknown): void {
  const failure = queryFailure(
    'sparql/engine-failure',
    `Internal error: ${error instanceof Error ? error.message.split('\n')[0] : 'unknown'}`,
  );
  sendText(response, 500, `${failure.message}\n`);
}
