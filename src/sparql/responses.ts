import { createHash } from 'node:crypto';
import { HTML_OFFER, OFFERS, type Offer, type OfferId } from '../http/media-types.js';
import { negotiateEncoding, negotiateMediaType, offerFromQuery } from '../http/negotiate.js';
import {
  CORS_HEADERS,
  headerValue,
  methodNotAllowed,
  optionsResponse,
  plainResponse,
  planEntity,
  type RequestLike,
  type ResponsePlan,
} from '../http/respond.js';
import type { Encoding } from '../publish/representation.js';
import { PAGE_STYLES_CSP_SOURCE } from '../publish/html/styles.js';
import type { EditorAsset } from './editor-assets.js';
import { failureStatus, type QueryFailure } from './failure.js';
import type { QueryForm } from './inspect-query.js';
import { SPARQL_STYLES_CSP_SOURCE } from '../publish/html/sparql-styles.js';
import { RESULT_FORMATS, type ResultFormat, type ResultFormatName } from '../rdf/formats.js';
import type { JsonLdProfile } from '../rdf/serialize.js';

// The pure half of the SPARQL endpoint: every answer it gives, planned from the request and
// what the engine returned, through the same http/ planner as documents (one conditional
// rule, one header helper). routes.ts does the I/O: reading bodies, running queries,
// compressing results.

/** The methods the endpoint answers. */
export const SPARQL_METHODS = 'GET, HEAD, POST, OPTIONS';

/** Result pages: no scripts at all; the site's and the SPARQL pages' stylesheets by hash. */
const RESULTS_PAGE_CSP = `default-src 'none'; style-src ${PAGE_STYLES_CSP_SOURCE} ${SPARQL_STYLES_CSP_SOURCE}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/** Results smaller than this are sent uncompressed (as publish does for small documents). */
const MIN_COMPRESS_BYTES = 1024;

/** A result format as content negotiation sees it: an {@link Offer} carrying its format. */
export interface ResultOffer extends Offer {
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
export const OFFERS_BY_FORM: Readonly<Record<QueryForm, readonly Offer[]>> = {
  select: RESULT_OFFERS.filter((offer) => formatOf(offer)?.forms.includes('select')),
  ask: RESULT_OFFERS.filter((offer) => formatOf(offer)?.forms.includes('ask')),
  // CONSTRUCT and DESCRIBE: every RDF format in the documents' order (JSON-LD first), then
  // HTML (the Turtle in a page) for browsers.
  construct: [...OFFERS.filter((offer) => offer.id !== 'html'), HTML_OFFER],
  describe: [...OFFERS.filter((offer) => offer.id !== 'html'), HTML_OFFER],
};

function formatOf(offer: Offer): ResultFormat | undefined {
  return isResultOffer(offer)
    ? RESULT_FORMATS.find((format) => format.name === offer.format)
    : undefined;
}

/** Whether an offer is a SELECT/ASK result format (rather than an RDF format or HTML). */
export function isResultOffer(offer: Offer): offer is ResultOffer {
  return 'format' in offer;
}

/** The answer to OPTIONS on the endpoint (CORS preflight for POST). */
export const SPARQL_OPTIONS: ResponsePlan = optionsResponse(
  SPARQL_METHODS,
  'Accept, Accept-Encoding, Content-Type',
);

/** The 405 for any other method on the endpoint. */
export function sparqlMethodNotAllowed(method: string): ResponsePlan {
  return methodNotAllowed(method, SPARQL_METHODS, 'use GET or POST (SPARQL 1.1 Protocol §2.1)');
}

/** What {@link chooseOffer} decided: the representation to make, or the answer already. */
export type OfferChoice =
  | { kind: 'ok'; offer: Offer; jsonLdProfile: JsonLdProfile | undefined }
  | { kind: 'answer'; plan: ResponsePlan };

/**
 * The offer among `offers` a request gets: the one `format` names (`?format=`), else the one
 * its Accept header negotiates (RFC 9110 §12.5.1). `carries` ("SELECT results") names what the
 * offers are for in a 406. Returns the 400 or 406 to send otherwise.
 */
export function chooseOffer(
  request: RequestLike,
  offers: readonly Offer[],
  format: string | undefined,
  carries?: string,
): OfferChoice {
  if (format !== undefined) {
    const offer = offerFromQuery(format, offers);
    if (offer === undefined) {
      const forWhat = carries === undefined ? '' : ` for ${carries}`;
      return {
        kind: 'answer',
        plan: notAcceptable(offers, `Unknown or unavailable format "${format}"${forWhat}.`),
      };
    }
    return { kind: 'ok', offer, jsonLdProfile: undefined };
  }
  const negotiated = negotiateMediaType(headerValue(request.headers, 'accept'), offers);
  if (negotiated.kind === 'bad-request') {
    return {
      kind: 'answer',
      plan: plainResponse(400, `Malformed Accept header: ${negotiated.reason}\n`),
    };
  }
  if (negotiated.kind === 'not-acceptable') {
    return {
      kind: 'answer',
      plan: notAcceptable(
        offers,
        `None of the accepted media types ${carries === undefined ? 'is available' : `can carry ${carries}`}.`,
      ),
    };
  }
  return { kind: 'ok', offer: negotiated.offer, jsonLdProfile: negotiated.jsonLdProfile };
}

/** A 406 listing the offers and how to ask for each. */
export function notAcceptable(offers: readonly Offer[], reason: string): ResponsePlan {
  const lines = offers.map((offer) => `  ${offer.mediaType}  (?format=${offer.extension})`);
  return plainResponse(406, `Not Acceptable: ${reason}\nAvailable:\n${lines.join('\n')}\n`, {
    Vary: 'Accept, Accept-Encoding',
  });
}

/**
 * One of the editor's files: negotiated coding, an ETag per coding, immutable caching (the URL
 * names the version or the content's hash), 405 for methods other than GET and HEAD, 404 when
 * `asset` is undefined.
 */
export function planAsset(request: RequestLike, asset: EditorAsset | undefined): ResponsePlan {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return methodNotAllowed(request.method, 'GET, HEAD', 'use GET or HEAD');
  }
  if (asset === undefined) return plainResponse(404, 'No such file.\n');
  const encoding = negotiateEncoding(headerValue(request.headers, 'accept-encoding'), [
    'br',
    'gzip',
  ]);
  const coded = encoding === 'br' || encoding === 'gzip' ? encoding : undefined;
  const headers: Record<string, string> = {
    'Content-Type': asset.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
    ETag: coded === undefined ? asset.etag : `${asset.etag.slice(0, -1)}-${coded}"`,
    'Last-Modified': asset.lastModified.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    ...CORS_HEADERS,
  };
  if (coded !== undefined) headers['Content-Encoding'] = coded;
  return planEntity(
    request,
    headers,
    coded === undefined ? asset.identity : asset[coded],
    asset.lastModified,
  );
}

/**
 * The content coding for a result body of `length` bytes: identity under 1 KB (not worth it),
 * else the negotiated one. `undefined` when the client refuses identity and both codings.
 */
export function resultEncoding(request: RequestLike, length: number): Encoding | undefined {
  if (length < MIN_COMPRESS_BYTES) return 'identity';
  return negotiateEncoding(headerValue(request.headers, 'accept-encoding'), ['br', 'gzip']);
}

/** What a query result's response is made of, before its body is compressed. */
export interface ResultHead {
  /** The result in the chosen format, uncompressed. */
  body: Buffer;
  contentType: string;
  offer: Offer;
  /** Whether the format came from the Accept header (then the response varies on it). */
  negotiated: boolean;
  encoding: Encoding;
  /** How long the engine took, for Server-Timing. */
  elapsedMs: number;
  /**
   * The Site's: results are a function of the query and the data, which changes with it.
   * `undefined` when an external store answers: its data changes with pushes the Site never sees.
   */
  lastModified: Date | undefined;
}

/**
 * The headers of a query result: no-cache (revalidate each time: the data can be reloaded), the
 * Site's Last-Modified, a strong ETag from the uncompressed bytes and their type, suffixed per coding (as publish's
 * are), Server-Timing, and the result page's CSP for HTML.
 */
export function resultHeaders(head: ResultHead): Record<string, string> {
  const hash = createHash('sha256')
    .update(head.contentType)
    .update('\0')
    .update(head.body)
    .digest('base64url')
    .slice(0, 22);
  const headers: Record<string, string> = {
    'Content-Type': head.contentType,
    'Cache-Control': 'no-cache',
    Vary: head.negotiated ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    'Server-Timing': `engine;dur=${head.elapsedMs.toFixed(1)}`,
    ...(head.lastModified === undefined
      ? {}
      : { 'Last-Modified': head.lastModified.toUTCString() }),
    ...CORS_HEADERS,
    ETag: head.encoding === 'identity' ? `"${hash}"` : `"${hash}-${head.encoding}"`,
  };
  if (head.encoding !== 'identity') headers['Content-Encoding'] = head.encoding;
  if (head.offer.mediaType === 'text/html') {
    headers['Content-Security-Policy'] = RESULTS_PAGE_CSP;
  }
  return headers;
}

/**
 * A failure as plain text: the message, the query line it points at with a caret, and the
 * hint; its code in X-Error-Code. 503s say when to retry.
 */
export function planFailure(failure: QueryFailure, query: string): ResponsePlan {
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
  return plainResponse(failureStatus(failure), `${lines.join('\n')}\n`, {
    'X-Error-Code': failure.code,
    ...(failure.code === 'sparql/busy' || failure.code === 'sparql/store-busy'
      ? { 'Retry-After': '1' }
      : {}),
  });
}
