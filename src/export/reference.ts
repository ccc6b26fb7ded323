import {
  currentResource,
  HTML_EXTENSION,
  isDeferred,
  locationOf,
  type Resource,
  type Site,
  type SiteResource,
} from '../publish/site.js';
import { OFFERS } from '../http/media-types.js';
import { offerFromQuery } from '../http/negotiate.js';
import { MAX_URL_LENGTH, respond, type ResponsePlan } from '../http/respond.js';
import type { FormatKey } from './negotiation-rules.js';

/**
 * `serve`'s answers, asked of `respond` itself (src/http/respond.ts is the reference behaviour),
 * in the form host configurations need them: constant header values, and texts whose variable
 * parts are placeholders each host spells its own way (`${pg_base}` for nginx, `%{ENV:…}` for
 * Apache). Deriving them here, instead of writing them again, keeps the configurations from
 * drifting when `respond` changes.
 */

/** Marks where a template takes a request-dependent value. */
export const PLACEHOLDER = {
  /** The location base of the resource: `/people/x` (its format URLs are `<base>.<ext>`), `/index`, `/404`. */
  base: '\u0001base\u0001',
  /** The request method. */
  method: '\u0001method\u0001',
  /** The raw `format` query parameter. */
  format: '\u0001format\u0001',
  /** The raw Accept header. */
  accept: '\u0001accept\u0001',
} as const;

/** A representation of a resource kind: how it is stored and what `serve` sends with it. */
export interface RepresentationTemplate {
  /** The format (each JSON-LD form is a format of its own). */
  format: FormatKey;
  /** File extension of the format's URL (`ttl`). */
  extension: string;
  /** The stored file relative to the export root, with {@link PLACEHOLDER.base}. */
  file: string;
  /** The Content-Type header. */
  contentType: string;
  /** The Content-Location header on 200, with {@link PLACEHOLDER.base}. */
  contentLocation: string;
  /** The Link header on 200 (alternates), with {@link PLACEHOLDER.base}; empty when there is none. */
  link: string;
}

/** What a resource kind (documents, RDF-only resources, the 404 page) has and answers. */
export interface KindTemplate {
  /** Every representation, by format, in the server's order. */
  representations: readonly RepresentationTemplate[];
  /** The 406 body when the Accept header admits nothing, with {@link PLACEHOLDER.base}. */
  notAcceptable: string;
  /** The 406 body for an unknown `?format=`, with {@link PLACEHOLDER.base} and {@link PLACEHOLDER.format}. */
  unknownFormat: string;
}

/** A one-file resource (sitemap.xml, robots.txt): its own path, type and 406 body. */
export interface PlainTemplate {
  path: string;
  contentType: string;
  /** The 406 body for any `?format=` (plain files have one format), with {@link PLACEHOLDER.format}. */
  unknownFormat: string;
}

/** Everything about `serve`'s responses that host configurations reproduce. */
export interface ReferenceBehaviour {
  /** Headers on every response except a preflight's extras (CORS, nosniff). */
  common: Readonly<Record<string, string>>;
  /** Cache-Control on a 200 (and its 304), and on everything else. */
  cacheControl: { ok: string; other: string };
  /** Vary when the representation was negotiated, and when the URL or `?format=` fixed it. */
  vary: { negotiated: string; fixed: string };
  /** Headers only HTML representations carry (any status). */
  html: Readonly<Record<string, string>>;
  /** The 204 answer to OPTIONS: every header. */
  preflight: Readonly<Record<string, string>>;
  /** The Allow header of a 405. */
  allow: string;
  /** Status texts. */
  text: {
    /** 405, with {@link PLACEHOLDER.method}. */
    methodNotAllowed: string;
    /** 414. */
    uriTooLong: string;
    /** 400 for a bad path. */
    badPath: string;
    /** 400 for a malformed Accept header, with {@link PLACEHOLDER.accept}. */
    badAccept: string;
  };
  /** Longest request target `serve` accepts (longer: 414). */
  maxUrlLength: number;
  documents?: KindTemplate;
  rdf?: KindTemplate;
  notFound: KindTemplate;
  /** The location base of the 404 page (`/404`): its files are `<base>.<ext>`. */
  notFoundBase: string;
  plain: readonly PlainTemplate[];
  /** Canonical paths of the RDF-only resources (`/dump`, `/.well-known/void`, `/shapes`). */
  rdfPaths: readonly string[];
  /** Document paths whose last segment is `index` (their URLs look like the root's `/index.*`). */
  indexDocumentPaths: readonly string[];
  /** The names `?format=` accepts for each format, lower case (negotiate.ts `offerFromQuery`). */
  queryNames: readonly { format: FormatKey; names: readonly string[] }[];
  /**
   * Resources whose HTML page `serve` sends with a Content-Security-Policy of its own (the query
   * page at /sparql, whose editor and form need more than the documents' policy): the
   * resource's path, its page's file URL, and the header's value.
   */
  ownPolicies: readonly { path: string; page: string; policy: string }[];
}

// Markers that survive respond's parsing unchanged, replaced by placeholders afterwards.
const METHOD_MARKER = 'PGMETHODMARKER';
const FORMAT_MARKER = 'pgformatmarker';
const ACCEPT_MARKER = 'pgacceptmarker';

/** Reads the reference behaviour off a Site by asking `respond`. Pure; throws only on a broken Site. */
export function referenceBehaviour(site: Site): ReferenceBehaviour {
  // Only the first document is read as a sample; the others are known by path.
  const documentEntries = site.documents
    .map((document) => site.resources.get(document.path))
    .filter((resource) => resource !== undefined);
  const firstDocument = documentEntries[0] && renderedNow(documentEntries[0]);
  const documentPaths = new Set(site.documents.map((document) => document.path));
  const rdfEntries = [...site.resources.values()].filter(
    (resource) => resource.negotiated && !documentPaths.has(resource.path),
  );
  // Any RDF-only resource shows the behaviour of all; one rendered up front (VoID, the shapes)
  // keeps a Site that renders on demand from rendering the whole dump again for it.
  const rdfEntry = rdfEntries.find((resource) => !isDeferred(resource)) ?? rdfEntries[0];
  const rdfSample = rdfEntry && renderedNow(rdfEntry);
  const plainResources = [...site.resources.values()].filter(
    (resource): resource is Resource => !resource.negotiated,
  );

  const sample = firstDocument ?? site.notFound;
  const html = get(site, sample.path, { accept: 'text/html' });
  const turtle = get(site, sample.path, { accept: 'text/turtle' });
  const fixed = get(site, locationOf(sample.path, 'ttl'));
  const missing = get(site, '/.profile-graph-no-such-path', { accept: 'text/turtle' });
  const options = respond(site, { method: 'OPTIONS', url: sample.path, headers: {} });
  const notAllowed = respond(site, { method: METHOD_MARKER, url: sample.path, headers: {} });

  const common = pick(turtle.headers, [
    'X-Content-Type-Options',
    'Access-Control-Allow-Origin',
    'Access-Control-Expose-Headers',
  ]);
  const htmlOnly = Object.fromEntries(
    Object.entries(html.headers).filter(([name]) => !(name in turtle.headers)),
  );

  return {
    common,
    cacheControl: {
      ok: required(turtle.headers, 'Cache-Control'),
      other: required(missing.headers, 'Cache-Control'),
    },
    vary: {
      negotiated: required(turtle.headers, 'Vary'),
      fixed: required(fixed.headers, 'Vary'),
    },
    html: htmlOnly,
    preflight: Object.fromEntries(
      Object.entries(options.headers).filter(([name]) => name !== 'Content-Length'),
    ),
    allow: required(notAllowed.headers, 'Allow'),
    text: {
      methodNotAllowed: notAllowed.body
        .toString('utf8')
        .replaceAll(METHOD_MARKER, PLACEHOLDER.method),
      uriTooLong: get(site, `/${'a'.repeat(MAX_URL_LENGTH)}`).body.toString('utf8'),
      badPath: get(site, '/%').body.toString('utf8'),
      badAccept: get(site, sample.path, { accept: ACCEPT_MARKER })
        .body.toString('utf8')
        .replaceAll(ACCEPT_MARKER, PLACEHOLDER.accept),
    },
    maxUrlLength: MAX_URL_LENGTH,
    ...(firstDocument ? { documents: kindTemplate(site, firstDocument) } : {}),
    ...(rdfSample ? { rdf: kindTemplate(site, rdfSample) } : {}),
    notFound: kindTemplate(site, site.notFound),
    notFoundBase: locationBase(site.notFound.path),
    plain: plainResources.map((resource) => plainTemplate(site, resource)),
    rdfPaths: rdfEntries.map((resource) => resource.path),
    indexDocumentPaths: documentEntries
      .map((resource) => resource.path)
      .filter((path) => /(?:^|\/)index$/.test(path)),
    ownPolicies: ownPoliciesOf(site, htmlOnly['Content-Security-Policy']),
    queryNames: OFFERS.map((offer) => ({
      format: offer.id,
      names: [
        ...new Set([
          offer.id,
          offer.extension,
          offer.mediaType,
          ...offer.aliases,
          ...offer.weakAliases,
        ]),
      ].filter((name) => offerFromQuery(name)?.id === offer.id),
    })),
  };
}

/**
 * The Site's resources as rendered now. A resource rendered on demand must be in the cache:
 * `streamExport` renders each before it asks; `planExport` is for Sites rendered up front.
 * Throws (a caller's mistake, not bad data) on one that is not.
 */
export function renderedResources(site: Site): Resource[] {
  return [...site.resources.values()].map(renderedNow);
}

function renderedNow(resource: SiteResource): Resource {
  const rendered = currentResource(resource);
  if (rendered === undefined)
    throw new Error(`${resource.path} renders on demand and has not been rendered`);
  return rendered;
}

/** The location base of a resource: `/people/x` → `/people/x`, `/` → `/index`. */
export function locationBase(path: string): string {
  const html = locationOf(path, HTML_EXTENSION);
  return html.slice(0, -(HTML_EXTENSION.length + 1));
}

/**
 * Where the export keeps what is not a URL of the site (the JSON-LD forms, the export marker);
 * the host configurations answer requests into it with the 404 page, as `serve` does.
 */
export const INTERNAL_DIRECTORY = '.profile-graph';

/** Where each JSON-LD form of a resource is stored (its URL carries `?profile=`, a file cannot). */
export function formFile(form: 'expanded' | 'flattened', base: string): string {
  return `/${INTERNAL_DIRECTORY}/jsonld/${form}${base}.jsonld`;
}

function kindTemplate(site: Site, resource: Resource): KindTemplate {
  const base = locationBase(resource.path);
  const isNotFound = resource === site.notFound;
  const url = isNotFound ? '/.profile-graph-no-such-path' : resource.path;
  const templated = (text: string) => text.replaceAll(`${base}.`, `${PLACEHOLDER.base}.`);
  const representations: RepresentationTemplate[] = [];
  for (const offer of OFFERS) {
    if (!resource.representations.some((each) => each.id === offer.id)) continue;
    const forms =
      offer.id === 'jsonld' ? (['compacted', 'expanded', 'flattened'] as const) : [undefined];
    for (const form of forms) {
      const accept =
        form === undefined || form === 'compacted'
          ? offer.mediaType
          : `${offer.mediaType};profile="http://www.w3.org/ns/json-ld#${form}"`;
      const reply = get(site, url, { accept });
      const format: FormatKey =
        form === 'expanded'
          ? 'jsonld-expanded'
          : form === 'flattened'
            ? 'jsonld-flattened'
            : offer.id;
      const stored =
        form === 'expanded' || form === 'flattened'
          ? resource.jsonLdProfiles?.[form] !== undefined
            ? formFile(form, PLACEHOLDER.base)
            : `${PLACEHOLDER.base}.${offer.extension}`
          : `${PLACEHOLDER.base}.${offer.extension}`;
      representations.push({
        format,
        extension: offer.extension,
        file: stored,
        contentType: required(reply.headers, 'Content-Type'),
        contentLocation: isNotFound ? '' : templated(required(reply.headers, 'Content-Location')),
        link: isNotFound ? '' : templated(reply.headers.Link ?? ''),
      });
    }
  }
  return {
    representations,
    notAcceptable: templated(get(site, url, { accept: 'image/x-none' }).body.toString('utf8')),
    unknownFormat: templated(
      get(site, `${url}?format=${FORMAT_MARKER}`).body.toString('utf8'),
    ).replaceAll(FORMAT_MARKER, PLACEHOLDER.format),
  };
}

/** The HTML pages whose policy differs from the documents' `documents` (asked of `respond`). */
function ownPoliciesOf(
  site: Site,
  documents: string | undefined,
): ReferenceBehaviour['ownPolicies'] {
  const out: { path: string; page: string; policy: string }[] = [];
  for (const resource of site.resources.values()) {
    if (isDeferred(resource) || !resource.negotiated) continue;
    const page = resource.representations.find((representation) => representation.id === 'html');
    if (page === undefined) continue;
    const policy = get(site, page.contentLocation).headers['Content-Security-Policy'];
    if (policy !== undefined && policy !== documents)
      out.push({ path: resource.path, page: page.contentLocation, policy });
  }
  return out;
}

function plainTemplate(site: Site, resource: Resource): PlainTemplate {
  return {
    path: resource.path,
    contentType: required(get(site, resource.path).headers, 'Content-Type'),
    unknownFormat: get(site, `${resource.path}?format=${FORMAT_MARKER}`)
      .body.toString('utf8')
      .replaceAll(FORMAT_MARKER, PLACEHOLDER.format),
  };
}

function get(site: Site, url: string, headers: Record<string, string> = {}): ResponsePlan {
  return respond(site, { method: 'GET', url, headers });
}

function pick(
  headers: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, required(headers, name)]));
}

function required(headers: Readonly<Record<string, string>>, name: string): string {
  const value = headers[name];
  if (value === undefined) throw new Error(`serve sent no ${name} header where one is expected`);
  return value;
}
