import { PAGE_STYLES_CSP_SOURCE } from '../publish/html/styles.js';
import type { Encoding, Representation, Variant } from '../publish/representation.js';
import type { Resource, Site } from '../publish/site.js';
import { OFFERS, type Offer } from './media-types.js';
import { negotiateEncoding, negotiateMediaType, offerFromQuery } from './negotiate.js';

/** The parts of a request that decide the response. */
export interface RequestLike {
  method: string;
  /** The raw request target (`/people/x.ttl?format=nt`). */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A complete response: status, headers and body (empty for HEAD, 304, OPTIONS). */
export interface ResponsePlan {
  status: number;
  /** Shared between responses: never mutate. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** Requests with a longer target are refused (414) before any work (RFC 9110 §15.5.15). */
export const MAX_URL_LENGTH = 2048;

const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
const EMPTY = Buffer.alloc(0);

/** CORS for everyone (the data is public), exposing the headers linked-data clients read. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Link, Content-Location, Vary, Last-Modified',
} as const;

/**
 * A strict policy for our HTML: no scripts at all, only our one `<style>` element (allowed by
 * its hash, not 'unsafe-inline', CSP 3 §8.3), no external requests, no framing.
 */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${PAGE_STYLES_CSP_SOURCE}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

/**
 * Answers a request from the Site: method check (405/OPTIONS), URL hygiene (400/414), lookup by
 * canonical path or format-specific URL (`.ttl`, `?format=`), content negotiation (RFC 9110
 * §12.5.1, 406 with the alternatives), content coding (§12.5.3), conditional requests checked
 * after negotiation (§13.1: If-None-Match, then If-Modified-Since → 304), HEAD. Unknown paths
 * get the 404 resource in the negotiated format. Does no RDF work: every body was rendered by
 * `publishSite`. Never throws.
 */
export function respond(site: Site, request: RequestLike): ResponsePlan {
  const method = request.method;
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...CORS_HEADERS,
        Allow: ALLOWED_METHODS,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers':
          'Accept, Accept-Encoding, If-None-Match, If-Modified-Since, Content-Type',
        'Access-Control-Max-Age': '86400',
        'Content-Length': '0',
      },
      body: EMPTY,
    };
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return plainResponse(405, `Method ${method} is not allowed here; use GET or HEAD.\n`, {
      Allow: ALLOWED_METHODS,
    });
  }
  if (request.url.length > MAX_URL_LENGTH)
    return plainResponse(414, 'The request URL is too long.\n');

  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const path = decodePath(rawPath);
  if (path === undefined)
    return plainResponse(
      400,
      'The request path is not valid (bad percent-encoding or a dot segment).\n',
    );
  const query = queryStart < 0 ? undefined : new URLSearchParams(request.url.slice(queryStart + 1));

  let resource: Resource | undefined = site.resources.get(path);
  let fixed: Representation | undefined;
  if (resource === undefined) {
    const located = site.byLocation.get(path);
    if (located) {
      resource = located.resource;
      fixed = located.representation;
    }
  }
  const found = resource !== undefined;
  resource ??= site.notFound;
  const status = found ? 200 : 404;

  const formatParameter = query?.get('format');
  if (formatParameter !== null && formatParameter !== undefined) {
    const offer = offerFromQuery(formatParameter);
    const chosen = offer && resource.representations.find((each) => each.id === offer.id);
    if (!chosen)
      return notAcceptable(resource, `Unknown or unavailable format "${formatParameter}".`);
    fixed = chosen;
  }

  let representation = fixed;
  if (representation === undefined) {
    if (!resource.negotiated) representation = resource.representations[0];
    else {
      const offers = offersOf(resource);
      const result = negotiateMediaType(header(request, 'accept'), offers);
      if (result.kind === 'bad-request')
        return plainResponse(400, `Malformed Accept header: ${result.reason}\n`);
      if (result.kind === 'not-acceptable')
        return notAcceptable(resource, 'None of the accepted media types is available.');
      representation = resource.representations.find((each) => each.id === result.offer.id);
      if (
        representation?.id === 'jsonld' &&
        result.jsonLdProfile &&
        result.jsonLdProfile !== 'compacted'
      ) {
        representation = resource.jsonLdProfiles?.[result.jsonLdProfile] ?? representation;
      }
    }
  }
  if (representation === undefined)
    return notAcceptable(resource, 'None of the accepted media types is available.');

  const available = (['br', 'gzip'] as const).filter(
    (coding) => representation.variants[coding] !== undefined,
  );
  const encoding = negotiateEncoding(header(request, 'accept-encoding'), available);
  if (encoding === undefined)
    return plainResponse(406, 'No acceptable content coding (identity is refused).\n');
  const variant = representation.variants[encoding] ?? representation.variants.identity;

  const headers = responseHeaders(
    site,
    resource,
    representation,
    variant,
    encoding,
    fixed === undefined && resource.negotiated,
    status,
  );
  if (status === 200 && notModified(request, variant, site.lastModified)) {
    // RFC 9110 §15.4.5: a 304 carries the validators and Vary, not the body's length or coding.
    const { 'Content-Length': _length, 'Content-Encoding': _coding, ...rest } = headers;
    return { status: 304, headers: rest, body: EMPTY };
  }
  return { status, headers, body: method === 'HEAD' ? EMPTY : variant.body };
}

const offersByResource = new WeakMap<Resource, Offer[]>();

/** The offers a resource has, in the server's order (computed once per resource). */
function offersOf(resource: Resource): Offer[] {
  let offers = offersByResource.get(resource);
  if (offers === undefined) {
    offers = OFFERS.filter((offer) =>
      resource.representations.some((each) => each.id === offer.id),
    );
    offersByResource.set(resource, offers);
  }
  return offers;
}

/**
 * The headers of a response, computed once per (representation, variant, negotiated, status)
 * and reused: the hot path only looks them up. Callers must not mutate the returned object.
 */
const headerCache = new WeakMap<Variant, Map<string, Readonly<Record<string, string>>>>();

function responseHeaders(
  site: Site,
  resource: Resource,
  representation: Representation,
  variant: Variant,
  encoding: Encoding,
  negotiated: boolean,
  status: number,
): Readonly<Record<string, string>> {
  let byKey = headerCache.get(variant);
  if (byKey === undefined) {
    byKey = new Map();
    headerCache.set(variant, byKey);
  }
  // The Site is immutable and a variant belongs to one resource of one Site, so these three
  // decide everything else.
  const key = `${negotiated ? 'n' : 'f'}${status}`;
  let headers = byKey.get(key);
  if (headers === undefined) {
    headers = buildHeaders(site, resource, representation, variant, encoding, negotiated, status);
    byKey.set(key, headers);
  }
  return headers;
}

function buildHeaders(
  site: Site,
  resource: Resource,
  representation: Representation,
  variant: Variant,
  encoding: Encoding,
  negotiated: boolean,
  status: number,
): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {
    'Content-Type': representation.contentType,
    'Content-Length': String(variant.body.length),
    ETag: variant.etag,
    'Last-Modified': site.lastModified.toUTCString(),
    'Cache-Control': status === 200 ? 'public, max-age=300, must-revalidate' : 'no-cache',
    Vary: negotiated ? 'Accept, Accept-Encoding' : 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    ...CORS_HEADERS,
  };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  if (status === 200) headers['Content-Location'] = representation.contentLocation;
  const alternates = resource.representations
    .filter((each) => each !== representation && each.id !== representation.id)
    .map((each) => `<${each.contentLocation}>; rel="alternate"; type="${mediaTypeOf(each)}"`);
  if (status === 200 && alternates.length > 0) headers.Link = alternates.join(', ');
  if (representation.id === 'html') {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Referrer-Policy'] = 'strict-origin-when-cross-origin';
  }
  return Object.freeze(headers);
}

function mediaTypeOf(representation: Representation): string {
  const semicolon = representation.contentType.indexOf(';');
  return semicolon < 0
    ? representation.contentType
    : representation.contentType.slice(0, semicolon);
}

/** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since; weak comparison for GET/HEAD. */
function notModified(request: RequestLike, variant: Variant, lastModified: Date): boolean {
  const ifNoneMatch = header(request, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === variant.etag);
  }
  const ifModifiedSince = header(request, 'if-modified-since');
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}

function notAcceptable(resource: Resource, reason: string): ResponsePlan {
  const lines = resource.representations.map(
    (each) => `  ${mediaTypeOf(each)}  ${each.contentLocation}`,
  );
  return plainResponse(
    406,
    `Not Acceptable: ${reason}\nAvailable representations:\n${lines.join('\n')}\n`,
    {
      Vary: 'Accept, Accept-Encoding',
    },
  );
}

/** A plain-text response (errors, 405, 406) with the headers every answer carries. */
export function plainResponse(
  status: number,
  text: string,
  extra: Record<string, string> = {},
): ResponsePlan {
  const body = Buffer.from(text, 'utf8');
  return {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': String(body.length),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...CORS_HEADERS,
      ...extra,
    },
    body,
  };
}

function header(request: RequestLike, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Percent-decodes a path and refuses what could escape the site or confuse lookups: invalid
 * UTF-8/percent sequences, NUL, backslashes and `.`/`..` segments (also when encoded, as in
 * `/..%2f..%2fetc/passwd`). Returns undefined for those.
 */
export function decodePath(raw: string): string | undefined {
  if (!raw.startsWith('/')) return undefined;
  // Fast path: most request paths contain nothing to decode or to refuse.
  if (!raw.includes('%') && !raw.includes('/.') && !raw.includes('\\')) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return decoded;
}
