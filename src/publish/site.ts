import { QuadIndex, type QuadSource } from '../rdf/quad-index.js';
import type { SiteConfig } from '../model/config.js';
import type { ProgressListener } from '../model/progress.js';
import type { Quad } from '../rdf/data-factory.js';
import type { DocumentLoader } from '../rdf/document-loader.js';
import type { MediaBody } from '../load/media-files.js';
import { RDF_FORMATS, type RdfFormat } from '../rdf/formats.js';
import { serialize, type JsonLdProfile } from '../rdf/serialize.js';
import { splitDocuments, type GraphDocument } from './documents.js';
import type { PageAlternate } from './html/page-input.js';
import { expandLabelProperty } from './html/entity-labels.js';
import { findProfile, renderPage } from './html/render-page.js';
import { renderSocialCard } from './social-card.js';
import { renderNotFoundPage } from './not-found.js';
import { renderQueryPage } from './html/query-page.js';
import { serviceDescriptionQuads, SERVICE_DESCRIPTION_PREFIXES } from './service-description.js';
import { queryPagePolicy, SPARQL_PATH, type SparqlService } from './sparql-service.js';
import { RenderCache, type Rendered } from './render-cache.js';
import {
  quadsDigest,
  ReadDigests,
  RecordingSource,
  renderInputsKey,
  type GraphRead,
  type RenderInputs,
} from './render-inputs.js';
import {
  createCompressedRepresentation,
  createRepresentation,
  type Representation,
} from './representation.js';
import { renderRobots, renderSitemaps } from './sitemap.js';
import { voidQuads } from './void.js';

/** A URL the site answers, rendered: its representations in the server's order of preference. */
export interface Resource {
  /** Canonical path without format extension (`/people/sheng-zha`, `/`, `/sitemap.xml`). */
  path: string;
  /** Representations in server preference order (HTML first for documents). */
  representations: readonly Representation[];
  /** JSON-LD document forms other than compacted, for `profile=` requests (JSON-LD 1.1 §9.1). */
  jsonLdProfiles?: Readonly<Partial<Record<JsonLdProfile, Representation>>>;
  /** Whether content negotiation applies (documents, dump, VoID, shapes) or it is one plain file. */
  negotiated: boolean;
  /** Cache-Control of a 200 and its 304, when not the documents' (`respond`'s default). */
  cacheControl?: string;
  /** Content-Security-Policy of the HTML representation, when not the documents'. */
  contentSecurityPolicy?: string;
  /**
   * Set when the resource shares its path with a route mounted beside the Site (the SPARQL
   * endpoint at `/sparql`): the resource answers only these methods, with no query parameters
   * but these; every other request at its path is the route's (see {@link answersRequest}).
   */
  shares?: { methods: readonly string[]; parameters: readonly string[] };
  /**
   * What the rendering read (documents of a Site published with
   * {@link PublishInput.recordRenderInputs}): the key of its inputs and the graph reads it made.
   */
  inputs?: RenderInputs;
}

/**
 * A resource rendered on first use (see {@link PublishInput.renderOnDemand}). It has no
 * representations to read: only {@link DeferredResource.render} or
 * {@link DeferredResource.current} give a {@link Resource}, so no caller can read bytes that
 * are not rendered yet.
 */
export interface DeferredResource {
  path: string;
  negotiated: true;
  /** The representation ids this resource will have, with their URL extensions, in order. */
  formats: readonly (readonly [id: string, extension: string])[];
  /**
   * The rendered resource: synchronously when the cache holds it (the server's hot path),
   * else a promise of its rendering (one at a time however many requests ask). Rejects when
   * rendering fails.
   */
  render(): Resource | Promise<Resource>;
  /** The rendered resource if the cache holds it now, else undefined; renders nothing. */
  current(): Resource | undefined;
  /**
   * For a document of a Site published with {@link PublishInput.recordRenderInputs}: the key its
   * rendering would have now, given the reads an earlier rendering of it made (see
   * `renderInputsKey`), without rendering it; undefined when a read is not one.
   */
  inputsKey?(reads: readonly GraphRead[]): string | undefined;
}

/** What a Site holds at a path: a rendered resource, or one rendered on first use. */
export type SiteResource = Resource | DeferredResource;

/** Whether a Site resource is rendered on first use. */
export function isDeferred(resource: SiteResource): resource is DeferredResource {
  return 'render' in resource;
}

/**
 * The rendered form of a Site resource: the resource itself when rendered up front, else its
 * {@link DeferredResource.render} (synchronous when cached).
 */
export function renderResource(resource: SiteResource): Resource | Promise<Resource> {
  return isDeferred(resource) ? resource.render() : resource;
}

/** The rendered form of a Site resource if it can be had now, without rendering. */
export function currentResource(resource: SiteResource): Resource | undefined {
  return isDeferred(resource) ? resource.current() : resource;
}

/**
 * Whether a Site resource answers a request (method and raw target), or leaves it to the route
 * it shares its path with (see {@link Resource.shares}). Resources that share nothing answer
 * every request at their path.
 */
export function answersRequest(resource: SiteResource, method: string, url: string): boolean {
  if (isDeferred(resource) || resource.shares === undefined) return true;
  const { methods, parameters } = resource.shares;
  if (!methods.includes(method)) return false;
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return true;
  for (const name of new URLSearchParams(url.slice(queryStart + 1)).keys())
    if (!parameters.includes(name)) return false;
  return true;
}

/** Where an extension URL (`/people/x.ttl`) points: a resource and one representation id. */
export interface Location {
  resource: SiteResource;
  id: string;
}

/** Everything the server and the static export send, rendered once (see STYLE.md §1). */
export interface Site {
  config: SiteConfig;
  /** When the data last changed: the Last-Modified of every response. */
  lastModified: Date;
  /** Every resource by canonical path. */
  resources: ReadonlyMap<string, SiteResource>;
  /** Every representation by its own URL path (`/people/sheng-zha.ttl`), for extension URLs. */
  byLocation: ReadonlyMap<string, Location>;
  /** The 404 response in every format. */
  notFound: Resource;
  documents: readonly GraphDocument[];
  /** The whole canonical dataset (for SPARQL and the dump). */
  quads: readonly Quad[];
  /** The cache of resources rendered on demand, when the Site renders on demand. */
  cache?: RenderCache;
}

/** What {@link publishSite} needs. */
export interface PublishInput {
  config: SiteConfig;
  quads: readonly Quad[];
  /** SHACL shapes, served at /shapes. */
  shapes: readonly Quad[];
  documentLoader: DocumentLoader;
  lastModified: Date;
  /** Told after each document is rendered (stage `render`). */
  onProgress?: ProgressListener;
  /**
   * Render documents and the dump on first request, keeping at most `maxBytes` of them (least
   * recently used out), instead of all of them now. `serve` does this: its start then costs
   * what validation costs, and its memory stays bounded whatever the size of the graph. The
   * static export renders everything, as a static host cannot render.
   */
  renderOnDemand?: { maxBytes: number };
  /**
   * False leaves the gzip and br variants of documents and RDF resources to whoever writes
   * them (see {@link Representation.compressLater}): `build` compresses on its writer threads
   * while this thread renders. Default true: `serve` sends them as they are.
   */
  precompress?: boolean;
  /**
   * The SPARQL service beside the Site: its query page and service description are published
   * at {@link SPARQL_PATH}, and VoID names its endpoint. Without it the Site has neither (the
   * static export has no endpoint unless one is named), and VoID names `<baseUrl>sparql`.
   */
  sparql?: SparqlService;
  /** Resources of more quads offer no expanded or flattened JSON-LD (default {@link JSON_LD_PROFILES_MAX_QUADS}). */
  jsonLdProfilesMaxQuads?: number;
  /**
   * The RDF formats every resource is published in, in the registry's order (default: every
   * one). `build` for a host that cannot negotiate publishes fewer, so that pages, Link headers
   * and VoID name only the files it writes; documents always have their HTML page.
   */
  formats?: readonly RdfFormat[];
  /** False publishes no expanded or flattened JSON-LD forms (default true: `serve` has them). */
  jsonLdForms?: boolean;
  /**
   * The images of the data folder, each published at its path (the profile page's photo among
   * them); the social card draws the photo when it is one of these, in PNG or JPEG.
   */
  media?: readonly MediaBody[];
  /**
   * Record what each document's rendering reads ({@link Resource.inputs}) and let a document
   * rendered on demand work out its key from an earlier rendering's reads
   * ({@link DeferredResource.inputsKey}): `build` reuses the files of documents whose key did
   * not change.
   */
  recordRenderInputs?: boolean;
}

/**
 * The JSON-LD expanded and flattened forms are offered for resources of up to this many quads
 * (every document; the dump of a directory up to about 10,000 people). jsonld.js flattens a
 * whole graph as JSON objects in memory, which ran V8's heap out at 2 million quads; a request
 * for either form of a larger dump gets the compacted form, which is written in chunks.
 */
export const JSON_LD_PROFILES_MAX_QUADS = 250_000;

/** File extension of each format's URL; the profile page's URLs are `/index.<ext>`. */
export const HTML_EXTENSION = 'html';

/**
 * Renders the Site: every document in HTML and every RDF format (JSON-LD also expanded and
 * flattened), the full dump, VoID, the shapes, sitemap.xml, robots.txt and the 404 page, each
 * with its strong ETag and gzip/brotli variants. Pure given its input: the same data gives
 * byte-identical representations.
 */
export async function publishSite(input: PublishInput): Promise<Site> {
  const { config, quads } = input;
  const graph = new QuadIndex(quads);
  const documents = splitDocuments(quads, config.baseUrl, graph);
  const resources: SiteResource[] = [];
  const cache = input.renderOnDemand
    ? new RenderCache<Resource>(input.renderOnDemand.maxBytes)
    : undefined;
  const extensions = formatsOf(input).map((format) => [format.name, format.extension] as const);
  const card = await socialCardResource(documents, graph, input);
  const pages: PageOptions = {
    graph,
    ...(card ? { socialCard: new URL(card.path, config.baseUrl).href } : {}),
  };

  if (cache) {
    const tracking = input.recordRenderInputs
      ? { settings: renderSettings(input, pages.socialCard), digests: new ReadDigests(graph) }
      : undefined;
    for (const document of documents) {
      const formats = [['html', HTML_EXTENSION], ...extensions] as const;
      if (tracking === undefined) {
        resources.push(
          onDemand(document.path, cache, formats, () => renderDocument(document, input, pages)),
        );
        continue;
      }
      const keyOf = (reads: readonly GraphRead[]) =>
        renderInputsKey(
          tracking.settings,
          { ...document, quads: quadsDigest(document.quads) },
          reads,
          tracking.digests,
        );
      const deferred = onDemand(document.path, cache, formats, async () => {
        const recording = new RecordingSource(graph);
        const rendered = await renderDocument(document, input, { ...pages, graph: recording });
        const reads = recording.reads;
        const key = keyOf(reads);
        return key === undefined ? rendered : { ...rendered, inputs: { key, reads } };
      });
      resources.push({ ...deferred, inputsKey: keyOf });
    }
    resources.push(onDemand('/dump', cache, extensions, () => renderRdf('/dump', quads, input)));
  } else {
    for (const [index, document] of documents.entries()) {
      input.onProgress?.('render', index + 1, documents.length);
      resources.push({
        path: document.path,
        ...(await renderDocument(document, input, pages)),
        negotiated: true,
      });
    }
    resources.push(await rdfResource('/dump', quads, input));
  }
  resources.push(
    await rdfResource(
      '/.well-known/void',
      voidQuads(input.config, quads, documents, input.sparql?.endpoint),
      input,
    ),
  );
  if (input.sparql) {
    resources.push(await sparqlResource(input.sparql, input));
    // The URLs name the version or the content's hash, so the files never change at them.
    for (const file of input.sparql.files ?? [])
      resources.push({
        ...plainResource(file.path, file.contentType, file.body, input.precompress),
        cacheControl: 'public, max-age=31536000, immutable',
      });
  }
  resources.push(await rdfResource('/shapes', input.shapes, input));
  if (card) resources.push(card);
  for (const media of input.media ?? []) resources.push(mediaResource(media, input.precompress));
  for (const sitemap of renderSitemaps(documents, config, input.lastModified))
    resources.push(plainResource(sitemap.path, 'application/xml; charset=utf-8', sitemap.body));
  resources.push(plainResource('/robots.txt', 'text/plain; charset=utf-8', renderRobots(config)));

  const byPath = new Map(resources.map((resource) => [resource.path, resource]));
  const byLocation = new Map<string, Location>();
  for (const resource of resources) {
    // A deferred resource's locations are known from its formats before its bytes exist.
    if (isDeferred(resource)) {
      for (const [id, extension] of resource.formats)
        byLocation.set(locationOf(resource.path, extension), { resource, id });
      continue;
    }
    for (const representation of resource.representations) {
      byLocation.set(representation.contentLocation, { resource, id: representation.id });
    }
  }
  return {
    config,
    lastModified: input.lastModified,
    resources: byPath,
    byLocation,
    notFound: notFoundResource(config, formatsOf(input)),
    documents,
    quads,
    ...(cache ? { cache } : {}),
  };
}

/**
 * Everything of the input that every document's rendering reads, apart from the graph and the
 * tool itself (the caller keys those): the configuration, the formats, the JSON-LD forms,
 * compression, whether pages link to a query page, and the social card's URL (the profile
 * page's head names it).
 */
function renderSettings(input: PublishInput, socialCard: string | undefined): string {
  return JSON.stringify({
    config: input.config,
    socialCard: socialCard ?? null,
    formats: formatsOf(input).map((format) => format.name),
    jsonLdForms: input.jsonLdForms ?? true,
    jsonLdProfilesMaxQuads: input.jsonLdProfilesMaxQuads ?? JSON_LD_PROFILES_MAX_QUADS,
    precompress: input.precompress ?? true,
    queryPage: input.sparql === undefined ? null : SPARQL_PATH,
  });
}

/** The RDF formats the Site is published in (see {@link PublishInput.formats}). */
function formatsOf(input: Pick<PublishInput, 'formats'>): readonly RdfFormat[] {
  return input.formats ?? RDF_FORMATS;
}

/**
 * A resource rendered on first use: `render()` renders it into the cache (one rendering at a
 * time per resource, however many requests ask) and returns it from there.
 */
function onDemand(
  path: string,
  cache: RenderCache<Resource>,
  formats: readonly (readonly [string, string])[],
  render: () => Promise<Rendered>,
): DeferredResource {
  let rendering: Promise<Resource> | undefined;
  return {
    path,
    negotiated: true,
    formats,
    render() {
      const cached = cache.get(path);
      if (cached !== undefined) return cached;
      rendering ??= render().then(
        (result) => {
          const resource: Resource = { path, negotiated: true, ...result };
          cache.set(path, resource);
          rendering = undefined;
          return resource;
        },
        (error: unknown) => {
          rendering = undefined;
          throw error;
        },
      );
      return rendering;
    },
    current() {
      return cache.peek(path);
    },
  };
}

/** The URL of a resource's representation in one format (`/people/x.ttl`, `/index.html`). */
export function locationOf(path: string, extension: string): string {
  return path.endsWith('/') ? `${path}index.${extension}` : `${path}.${extension}`;
}

/** What every page of a Site shares beyond its {@link PublishInput}. */
interface PageOptions {
  /** The whole dataset, for labels and links of neighbours. */
  graph: QuadSource;
  /** The social card's absolute URL, when the Site has one. */
  socialCard?: string;
}

/**
 * The profile's social card at `<base path>social-card.png` (see `renderSocialCard`), or
 * `undefined` when no document is a ProfilePage about a Person. PNG is compressed already:
 * the card has no gzip or br variant.
 */
async function socialCardResource(
  documents: readonly GraphDocument[],
  graph: QuadSource,
  input: PublishInput,
): Promise<Resource | undefined> {
  const { config } = input;
  for (const document of documents) {
    const profile = findProfile(graph, document.subjects, config.baseUrl, config.language);
    if (profile === undefined) continue;
    const base = new URL(config.baseUrl);
    // The photo is drawn when it is one of the site's own images (nothing is fetched).
    const photoPath =
      profile.photo === undefined ? undefined : new URL(profile.photo, config.baseUrl);
    const photo =
      photoPath?.origin === base.origin
        ? input.media?.find(
            (media) =>
              media.path === photoPath.pathname && CARD_PHOTO_TYPES.includes(media.contentType),
          )
        : undefined;
    const png = await renderSocialCard({
      name: profile.name,
      ...(profile.jobTitle === undefined ? {} : { jobTitle: profile.jobTitle }),
      ...(photo ? { photo: { body: photo.body, contentType: photo.contentType } } : {}),
      footer: `${config.siteName} · ${base.host}${base.pathname === '/' ? '' : base.pathname}`,
    });
    const path = `${base.pathname}${SOCIAL_CARD_FILE}`;
    return {
      path,
      representations: [createCompressedRepresentation(path, 'image/png', path, png)],
      negotiated: false,
    };
  }
  return undefined;
}

/** The photo types the social card draws (resvg decodes both; satori embeds them as they are). */
const CARD_PHOTO_TYPES = ['image/png', 'image/jpeg'];

/**
 * An image of the data folder, as one plain file with its strong ETag: SVG (text) gets the
 * compressed variants documents get, the bitmap formats, compressed already, none.
 */
function mediaResource(media: MediaBody, precompress?: boolean): Resource {
  const representation =
    media.contentType === 'image/svg+xml'
      ? createRepresentation(media.path, media.contentType, media.path, media.body, precompress)
      : createCompressedRepresentation(media.path, media.contentType, media.path, media.body);
  return { path: media.path, representations: [representation], negotiated: false };
}

/** The social card's file name, under the base URL's path. */
export const SOCIAL_CARD_FILE = 'social-card.png';

async function renderDocument(
  document: GraphDocument,
  input: PublishInput,
  { graph, socialCard }: PageOptions,
): Promise<Rendered> {
  const rdf = await renderRdf(document.path, document.quads, input);
  // The pipeline rejected names that do not expand, so none is dropped here.
  const labelProperties = input.config.labelProperties
    ?.map((entry) => expandLabelProperty(entry))
    .filter((iri) => iri !== undefined);
  const jsonLd = rdf.representations.find((representation) => representation.id === 'jsonld');
  const alternates: PageAlternate[] = formatsOf(input).map((format) => ({
    mediaType: format.mediaType,
    href: locationOf(document.path, format.extension),
    label: format.label,
  }));
  const html = renderPage({
    site: {
      name: input.config.siteName,
      baseUrl: input.config.baseUrl,
      language: input.config.language,
    },
    documentIri: document.iri,
    subjects: document.subjects,
    graph,
    // The page embeds its JSON-LD even where the site publishes no JSON-LD file.
    jsonLd:
      jsonLd?.variants.identity.body.toString('utf8') ??
      (await serialize(document.quads, 'jsonld', { documentLoader: input.documentLoader })),
    alternates,
    ...(labelProperties === undefined ? {} : { labelProperties }),
    ...(input.sparql ? { queryPage: SPARQL_PATH } : {}),
    ...(socialCard === undefined ? {} : { socialCard }),
  });
  return {
    representations: [
      createRepresentation(
        'html',
        'text/html; charset=utf-8',
        locationOf(document.path, HTML_EXTENSION),
        html,
        input.precompress,
      ),
      ...rdf.representations,
    ],
    jsonLdProfiles: rdf.jsonLdProfiles,
  };
}

async function rdfResource(
  path: string,
  quads: readonly Quad[],
  input: PublishInput,
): Promise<Resource> {
  return { path, ...(await renderRdf(path, quads, input)), negotiated: true };
}

async function renderRdf(path: string, quads: readonly Quad[], input: PublishInput) {
  // One format at a time, each text turned into bytes before the next: the formats of the dump
  // of 2 million triples, all held as strings at once, ran V8's 4 GB heap out.
  const representations: Representation[] = [];
  for (const format of formatsOf(input)) {
    representations.push(
      createRepresentation(
        format.name,
        contentTypeOf(format),
        locationOf(path, format.extension),
        await serialize(quads, format.name, { documentLoader: input.documentLoader }),
        input.precompress,
      ),
    );
  }
  const profile = async (jsonLdProfile: JsonLdProfile) =>
    createRepresentation(
      'jsonld',
      `application/ld+json; profile="http://www.w3.org/ns/json-ld#${jsonLdProfile}"`,
      `${locationOf(path, 'jsonld')}?profile=${jsonLdProfile}`,
      await serialize(quads, 'jsonld', { documentLoader: input.documentLoader, jsonLdProfile }),
      input.precompress,
    );
  if (
    input.jsonLdForms === false ||
    !representations.some((representation) => representation.id === 'jsonld') ||
    quads.length > (input.jsonLdProfilesMaxQuads ?? JSON_LD_PROFILES_MAX_QUADS)
  )
    return { representations };
  return {
    representations,
    jsonLdProfiles: { expanded: await profile('expanded'), flattened: await profile('flattened') },
  };
}

/**
 * The query page (HTML) and the service description (every RDF format) at {@link SPARQL_PATH}:
 * negotiated like a document, revalidated on every use (`no-cache`: they state the endpoint's
 * limits, which a restart with other flags changes, at the same URL), the page with its own
 * CSP. GET and HEAD with at most `format=` only: queries, POST and OPTIONS are the endpoint's.
 */
async function sparqlResource(service: SparqlService, input: PublishInput): Promise<Resource> {
  const { config, quads } = input;
  const description = serviceDescriptionQuads({
    endpoint: service.endpoint,
    baseUrl: config.baseUrl,
    graph: service.graph,
    triples: quads.length,
    limits: service.limits,
  });
  const page = renderQueryPage({
    siteName: config.siteName,
    language: config.language,
    pagePath: SPARQL_PATH,
    service,
    triples: quads.length,
    baseUrl: config.baseUrl,
    homePath: new URL(config.baseUrl).pathname,
  });
  const representations = [
    createRepresentation(
      'html',
      'text/html; charset=utf-8',
      locationOf(SPARQL_PATH, HTML_EXTENSION),
      page,
      input.precompress,
    ),
  ];
  for (const format of formatsOf(input)) {
    representations.push(
      createRepresentation(
        format.name,
        contentTypeOf(format),
        locationOf(SPARQL_PATH, format.extension),
        await serialize(description, format.name, {
          documentLoader: input.documentLoader,
          prefixes: SERVICE_DESCRIPTION_PREFIXES,
        }),
        input.precompress,
      ),
    );
  }
  return {
    path: SPARQL_PATH,
    representations,
    negotiated: true,
    cacheControl: 'no-cache',
    contentSecurityPolicy: queryPagePolicy(service),
    shares: { methods: ['GET', 'HEAD'], parameters: ['format'] },
  };
}

function plainResource(
  path: string,
  contentType: string,
  body: string | Buffer,
  precompress?: boolean,
): Resource {
  return {
    path,
    representations: [createRepresentation(path, contentType, path, body, precompress)],
    negotiated: false,
  };
}

function notFoundResource(config: SiteConfig, formats: readonly RdfFormat[]): Resource {
  const path = '/404';
  const comment = '# Not found: nothing is published at this URL.\n';
  const bodies: Record<string, string> = {
    jsonld: '{\n  "@context": "https://schema.org",\n  "@graph": []\n}\n',
    turtle: comment,
    ntriples: comment,
    nquads: comment,
    trig: comment,
    rdfxml:
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- Not found: nothing is published at this URL. -->\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
  };
  return {
    path,
    representations: [
      createRepresentation(
        'html',
        'text/html; charset=utf-8',
        locationOf(path, HTML_EXTENSION),
        renderNotFoundPage(config),
      ),
      ...formats.map((format) =>
        createRepresentation(
          format.name,
          contentTypeOf(format),
          locationOf(path, format.extension),
          bodies[format.name] ?? comment,
        ),
      ),
    ],
    negotiated: true,
  };
}

/**
 * Content-Type header value of an RDF format: text/* types say their charset (RFC 9110 §8.3.2;
 * without it, text/* defaults to US-ASCII in old clients); the application/* RDF types are
 * UTF-8 by registration and take no charset parameter.
 */
export function contentTypeOf(format: RdfFormat): string {
  return format.mediaType.startsWith('text/')
    ? `${format.mediaType}; charset=utf-8`
    : format.mediaType;
}
