import { PAGE_STYLES_CSP_SOURCE } from '../publish/html/styles.js';
import type { Encoding, Representation, Variant } from '../publish/representation.js';
import { currentResource, type Resource, type Site, type SiteResource } from '../publish/site.js';
import { OFFERS, type Offer } from './media-types.js';
import {
  negotiateEncoding,
  negotiateMediaType,
  offerFromQuery,
  type ContentCoding,
} from './negotiate.js';

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

/** Published documents may be reused for five minutes, then revalidated (their ETag is cheap). */
const DOCUMENT_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

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
  return respondAt(site, request, locate(site, request.url));
}

/** Where a request target points in a Site: see {@link locate}. */
export interface Target {
  /** Where the query starts in the target (its `?`), or -1. */
  queryStart: number;
  /** The resource at the decoded path, by canonical path or representation URL. */
  entry: SiteResource | undefined;
  /** The representation a representation URL (`/people/x.ttl`) names. */
  fixedId: string | undefined;
}

/**
 * Looks a request target (`/people/x.ttl?format=nt`) up in the Site: the resource at its
 * decoded path (canonical, else a representation's own URL) or none; `undefined` when the path
 * is not valid (see {@link decodePath}). The lookup {@link respond} starts with; a caller that
 * must know the resource first (the server's fast path) does it once and passes the result to
 * {@link respondAt}.
 */
export function locate(site: Site, url: string): Target | undefined {
  const queryStart = url.indexOf('?');
  const path = decodePath(queryStart < 0 ? url : url.slice(0, queryStart));
  if (path === undefined) return undefined;
  const entry = site.resources.get(path);
  if (entry !== undefined) return { queryStart, entry, fixedId: undefined };
  const located = site.byLocation.get(path);
  return located === undefined
    ? { queryStart, entry: undefined, fixedId: undefined }
    : { queryStart, entry: located.resource, fixedId: located.id };
}

/**
 * {@link respond} for a request whose target {@link locate} has looked up (`target` must be
 * `locate(site, request.url)`): the same checks in the same order, so the same plan.
 */
export function respondAt(
  site: Site,
  request: RequestLike,
  target: Target | undefined,
): ResponsePlan {
  const method = request.method;
  if (method === 'OPTIONS') return DOCUMENT_OPTIONS;
  if (method !== 'GET' && method !== 'HEAD') {
    return methodNotAllowed(method, ALLOWED_METHODS, 'use GET or HEAD');
  }
  if (request.url.length > MAX_URL_LENGTH)
    return plainResponse(414, 'The request URL is too long.\n');
  if (target === undefined)
    return plainResponse(
      400,
      'The request path is not valid (bad percent-encoding or a dot segment).\n',
    );
  const { queryStart, entry, fixedId } = target;
  const query = queryStart < 0 ? undefined : new URLSearchParams(request.url.slice(queryStart + 1));

  const found = entry !== undefined;
  // A resource rendered on demand is answered once its caller has rendered it (serve awaits
  // `renderResource` first); answering from nothing would be a wrong 404 or a crash.
  const resource = entry === undefined ? site.notFound : currentResource(entry);
  if (resource === undefined) return NOT_RENDERED;
  let fixed = fixedId === undefined ? undefined : representationById(resource, fixedId);
  const status = found ? 200 : 404;

  const formatParameter = query?.get('format');
  if (formatParameter !== null && formatParameter !== undefined) {
    const offer = offerFromQuery(formatParameter);
    const chosen = offer && representationById(resource, offer.id);
    if (!chosen)
      return notAcceptable(resource, `Unknown or unavailable format "${formatParameter}".`);
    fixed = chosen;
  }

  let representation = fixed;
  if (representation === undefined) {
    if (!resource.negotiated) representation = resource.representations[0];
    else {
      const offers = offersOf(resource);
      const result = negotiateMediaType(headerValue(request.headers, 'accept'), offers);
      if (result.kind === 'bad-request')
        return plainResponse(400, `Malformed Accept header: ${result.reason}\n`);
      if (result.kind === 'not-acceptable')
        return notAcceptable(resource, 'None of the accepted media types is available.');
      representation = representationById(resource, result.offer.id);
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

  const encoding = chooseEncoding(request, representation);
  if (encoding === undefined) return NO_ACCEPTABLE_CODING;
  const variant = representation.variants[encoding] ?? representation.variants.identity;

  const planned = plannedResponses(
    site,
    resource,
    representation,
    variant,
    encoding,
    fixed === undefined && resource.negotiated,
    status,
  );
  if (status === 200 && isNotModified(request.headers, variant.etag, site.lastModified)) {
    return notModified(planned.get.headers);
  }
  return method === 'HEAD' ? planned.head : planned.get;
}

/** A resource's representation with this id (a loop: `find` allocated a closure per request). */
function representationById(resource: Resource, id: string): Representation | undefined {
  for (const each of resource.representations) if (each.id === id) return each;
  return undefined;
}

/**
 * The variant of a representation to send: the content coding negotiated (RFC 9110 §12.5.3)
 * among the pre-compressed ones and identity. Returns `undefined` when the client refuses them
 * all (answer {@link NO_ACCEPTABLE_CODING}).
 */
export function chooseVariant(
  request: RequestLike,
  representation: Representation,
): { encoding: Encoding; variant: Variant } | undefined {
  const encoding = chooseEncoding(request, representation);
  if (encoding === undefined) return undefined;
  return {
    encoding,
    variant: representation.variants[encoding] ?? representation.variants.identity,
  };
}

/** The content coding {@link chooseVariant} picks, without allocating its answer. */
function chooseEncoding(
  request: RequestLike,
  representation: Representation,
): Encoding | undefined {
  const { variants } = representation;
  const available =
    variants.br === undefined
      ? variants.gzip === undefined
        ? NO_CODINGS
        : GZIP_ONLY
      : variants.gzip === undefined
        ? BR_ONLY
        : BR_AND_GZIP;
  return negotiateEncoding(headerValue(request.headers, 'accept-encoding'), available);
}

// The four possible sets of pre-compressed codings, shared: the hot path allocates no list.
const NO_CODINGS: readonly ContentCoding[] = [];
const GZIP_ONLY: readonly ContentCoding[] = ['gzip'];
const BR_ONLY: readonly ContentCoding[] = ['br'];
const BR_AND_GZIP: readonly ContentCoding[] = ['br', 'gzip'];

/** The 406 for a client that refuses identity and every coding we have. */
export const NO_ACCEPTABLE_CODING: ResponsePlan = plainResponse(
  406,
  'No acceptable content coding (identity is refused).\n',
);

/**
 * The 503 for a resource rendered on demand that nobody rendered before asking: a caller's
 * mistake (render with `renderResource` first), answered as data rather than thrown.
 */
export const NOT_RENDERED: ResponsePlan = plainResponse(
  503,
  'The resource is not rendered yet; try again.\n',
  { 'Retry-After': '1' },
);

const offersByResource = new WeakMap<Resource, readonly Offer[]>();
/**
 * One array per distinct set of offers: negotiation is memoised per offer array, so resources
 * with the same formats (nearly all of them) share one memo instead of one each.
 */
const offerSets = new Map<string, readonly Offer[]>();

/** The offers a resource has, in the server's order (computed once per resource). */
function offersOf(resource: Resource): readonly Offer[] {
  let offers = offersByResource.get(resource);
  if (offers === undefined) {
    const own = OFFERS.filter((offer) =>
      resource.representations.some((each) => each.id === offer.id),
    );
    const key = own.map((offer) => offer.id).join(' ');
    offers = offerSets.get(key);
    if (offers === undefined) {
      offers = Object.freeze(own);
      offerSets.set(key, offers);
    }
    offersByResource.set(resource, offers);
  }
  return offers;
}

/** The GET and HEAD answers of one (variant, negotiated, status): see {@link plannedResponses}. */
interface Planned {
  get: ResponsePlan;
  head: ResponsePlan;
}

/**
 * The responses to GET and HEAD, planned once per (representation, variant, negotiated, status)
 * and reused: the hot path only looks them up, allocating neither headers nor plan. Callers must
 * not mutate them (the headers are frozen).
 */
const planCache = new WeakMap<Variant, Map<string, Planned>>();

function plannedResponses(
  site: Site,
  resource: Resource,
  representation: Representation,
  variant: Variant,
  encoding: Encoding,
  negotiated: boolean,
  status: number,
): Planned {
  let byKey = planCache.get(variant);
  if (byKey === undefined) {
    byKey = new Map();
    planCache.set(variant, byKey);
  }
  // The Site is immutable and a variant belongs to one resource of one Site, so these three
  // decide everything else.
  // Constant keys: a template string here cost one allocation per request.
  const key =
    status === 200 ? (negotiated ? 'n200' : 'f200') : negotiated ? `n${status}` : `f${status}`;
  let planned = byKey.get(key);
  if (planned === undefined) {
    const headers = buildHeaders(
      site,
      resource,
      representation,
      variant,
      encoding,
      negotiated,
      status,
    );
    planned = {
      get: Object.freeze({ status, headers, body: variant.body }),
      head: Object.freeze({ status, headers, body: EMPTY }),
    };
    byKey.set(key, planned);
  }
  return planned;
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
    'Cache-Control':
      status === 200 ? (resource.cacheControl ?? DOCUMENT_CACHE_CONTROL) : 'no-cache',
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
    headers['Content-Security-Policy'] = resource.contentSecurityPolicy ?? CONTENT_SECURITY_POLICY;
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

/**
 * The one conditional-request rule of every GET/HEAD answer (documents, SPARQL results, the
 * service description, the query page, editor assets), RFC 9110 §13.2.2: If-None-Match, when
 * present, decides alone: `*` matches any current representation (§13.1.2), otherwise a list
 * of entity tags compared weakly (`W/"x"` matches `"x"`, §8.8.3.2). Only without it,
 * If-Modified-Since: not modified when `lastModified`, at HTTP-date resolution (whole seconds),
 * is not later than the date given (§13.1.3); an invalid date is ignored. Never throws.
 */
export function isNotModified(
  headers: RequestLike['headers'],
  etag: string | undefined,
  lastModified: Date | undefined,
): boolean {
  const ifNoneMatch = headerValue(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return etag !== undefined && matchesEntityTag(ifNoneMatch, etag);
  }
  if (lastModified === undefined) return false;
  const ifModifiedSince = headerValue(headers, 'if-modified-since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

const DQUOTE = 34;

/**
 * Whether an If-None-Match list of entity tags (RFC 9110 §13.1.2) matches
 * `etag` by weak comparison. One linear scan: a tag ends at its closing quote, so commas inside
 * a tag do not split it; elements that are not entity tags are skipped.
 */
function matchesEntityTag(list: string, etag: string): boolean {
  const wanted = opaqueTag(etag);
  const n = list.length;
  let i = 0;
  while (i < n) {
    const code = list.charCodeAt(i);
    if (code === DQUOTE) {
      const close = list.indexOf('"', i + 1);
      if (close < 0) return false;
      if (close - i + 1 === wanted.length && list.startsWith(wanted, i)) return true;
      i = close + 1;
    } else {
      // Separators, whitespace and the `W/` weakness prefix (compared weakly: ignored).
      i++;
    }
  }
  return false;
}

/** An entity tag without its `W/` prefix: the opaque, quoted part weak comparison uses. */
function opaqueTag(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag;
}

/**
 * The 304 for a response whose headers are `headers`. RFC 9110 §15.4.5: it carries the
 * validators, Vary and caching headers of the 200, not the body's length or coding.
 */
export function notModified(headers: Readonly<Record<string, string>>): ResponsePlan {
  const { 'Content-Length': _length, 'Content-Encoding': _coding, ...rest } = headers;
  return { status: 304, headers: rest, body: EMPTY };
}

/**
 * A 200 (or `status`) with a body: sets Content-Length, sends no body to HEAD, or the 304 when
 * the request's validators match (see {@link isNotModified}). `headers` must carry the ETag
 * for a conditional answer; without one only If-Modified-Since can apply.
 */
export function planEntity(
  request: RequestLike,
  headers: Readonly<Record<string, string>>,
  body: Buffer,
  lastModified?: Date,
): ResponsePlan {
  if (isNotModified(request.headers, headers.ETag, lastModified)) {
    return notModified(headers);
  }
  return {
    status: 200,
    headers: { ...headers, 'Content-Length': String(body.length) },
    body: request.method === 'HEAD' ? EMPTY : body,
  };
}

/** The answer to a CORS preflight or OPTIONS request (RFC 9110 §9.3.7) on a resource. */
export function optionsResponse(allowed: string, allowHeaders: string): ResponsePlan {
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      Allow: allowed,
      'Access-Control-Allow-Methods': allowed,
      'Access-Control-Allow-Headers': allowHeaders,
      'Access-Control-Max-Age': '86400',
      'Content-Length': '0',
    },
    body: EMPTY,
  };
}

/** A 405 naming the allowed methods (RFC 9110 §15.5.6); `hint` says what to use instead. */
export function methodNotAllowed(method: string, allowed: string, hint: string): ResponsePlan {
  return plainResponse(405, `Method ${method} is not allowed here; ${hint}.\n`, {
    Allow: allowed,
  });
}

const DOCUMENT_OPTIONS = optionsResponse(
  ALLOWED_METHODS,
  'Accept, Accept-Encoding, If-None-Match, If-Modified-Since, Content-Type',
);

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

/**
 * One request header as a string (lower-case `name`): repeated fields joined with `, ` as
 * RFC 9110 §5.3 allows for list-valued fields; `undefined` when absent.
 */
export function headerValue(headers: RequestLike['headers'], name: string): string | undefined {
  const value = headers[name];
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
