import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import type { Representation } from '../publish/representation.js';
import {
  isDeferred,
  renderResource,
  type Resource,
  type Site,
  type SiteResource,
} from '../publish/site.js';
import type { BuildManifest } from './build-manifest.js';
import { COMPRESSED_SUFFIXES, filesOf, type ExportFile } from './export-file.js';
import { buildNegotiationTables, type NegotiationTables } from './negotiation-rules.js';
import { DEFAULT_HOST, HOSTS, type HostProfile } from './hosts.js';
import {
  formFile,
  INTERNAL_DIRECTORY,
  locationBase,
  referenceBehaviour,
  renderedResources,
} from './reference.js';
import { defaultReplyOf, type DefaultReply } from './static-host.js';

/** The body of a file taken from the previous export: the writer links it instead. */
const EMPTY = Buffer.alloc(0);

/** The file that marks a folder as a profile-graph export (so a rebuild may replace it). */
export const EXPORT_MARKER = `${INTERNAL_DIRECTORY}/export.json`;

/** What {@link planExport} can be told. */
export interface ExportOptions {
  /** Negotiation tables (default: built from the server's offers and the known client headers). */
  tables?: NegotiationTables;
  /**
   * The host the export is for (default nginx): it decides the configurations written and
   * whether files get `.gz`/`.br` siblings. The formats are the Site's: publish it with the
   * host's (see `exportFormats`), so pages link to no file the export lacks.
   */
  host?: HostProfile;
}

/**
 * Lays the Site out as files, in path order: every representation at its URL path
 * (`people/sheng-zha.ttl`, `index.html`, `dump.nq`, `.well-known/void.jsonld`, `sitemap.xml`),
 * for a host that serves them its precompressed `.gz` and `.br` siblings (the Site's own
 * variants: the bytes `serve` sends), the JSON-LD expanded and flattened forms the Site has under
 * `.profile-graph/jsonld/`, the 404 page in every format (`404.html`, `404.ttl`…), the host's
 * configurations (nginx: `nginx/maps.conf`, `nginx/server.conf`; Apache: `.htaccess`; Netlify
 * and Cloudflare Pages: `_headers`, `_redirects`) and the export marker. Nothing in it depends
 * on the time or the machine: the same Site gives the same bytes.
 *
 * Rejects (ProfileGraphError, exit 1) a Site whose URLs cannot be files: a path with an empty,
 * `.` or `..` segment, a backslash or NUL, or two URLs that would share a file (for example a
 * document at `/index` next to the profile page's `/index.html`).
 */
export function planExport(site: Site, options: ExportOptions = {}): ExportFile[] {
  const layout = new ExportLayout();
  const files: ExportFile[] = [];
  const sources = sourcesOf(site);
  const host = options.host ?? HOSTS[DEFAULT_HOST];
  for (const resource of [...renderedResources(site), site.notFound])
    for (const file of resourceFiles(resource, sources, layout, host)) files.push(...filesOf(file));
  for (const file of generatedFiles(site, options, layout)) files.push(file);
  layout.finish();
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What {@link streamExport} can be told, beyond {@link ExportOptions}. */
export interface StreamExportOptions extends ExportOptions {
  /** Told after each resource is laid out (stage `render`: it is rendered then, on demand). */
  onProgress?: ProgressListener;
  /** Milliseconds spent rendering resources on demand, added up as they are rendered. */
  timing?: { renderMs: number };
  /**
   * The build manifest of the previous export (see {@link BuildManifest}): documents whose
   * render key did not change are taken from that export rather than rendered, and every
   * document rendered is noted in it.
   */
  manifest?: BuildManifest;
}

/**
 * The files of {@link planExport}, one resource at a time, rendering each resource that
 * renders on demand just before its files are yielded, so a writer can store them and the
 * cache can let them go: memory stays bounded by the render cache, not the site. The same
 * files as planExport, in resource order rather than path order; layout problems are thrown
 * after the last file (a writer staging its output discards it then).
 */
export async function* streamExport(
  site: Site,
  options: StreamExportOptions = {},
): AsyncGenerator<ExportFile> {
  const layout = new ExportLayout();
  const sources = sourcesOf(site);
  const host = options.host ?? HOSTS[DEFAULT_HOST];
  const resources = [...site.resources.values(), site.notFound];
  const defaults: DefaultReply[] = [];
  const documentPaths = new Set(site.documents.map((document) => document.path));
  for (const [index, entry] of resources.entries()) {
    const reused =
      options.manifest && isDeferred(entry) && documentPaths.has(entry.path)
        ? options.manifest.reuse(entry)
        : undefined;
    if (reused !== undefined) {
      options.onProgress?.('render', index + 1, resources.length);
      defaults.push(reused.reply);
      const source = sources.get(entry.path) ?? entry.path;
      for (const file of reused.files) {
        const path = layout.placeFile(file.path, source);
        if (path !== undefined) yield { path, body: EMPTY, owner: entry.path, link: true as const };
      }
      continue;
    }
    const resource = await ready(entry, options.timing);
    options.onProgress?.('render', index + 1, resources.length);
    // Taken while the resource is at hand: the static-host files need it after the last one.
    const reply =
      resource.negotiated && resource !== site.notFound
        ? defaultReplyOf(site, resource)
        : undefined;
    if (reply) defaults.push(reply);
    // Only documents that render on demand are kept in the manifest: the others are few.
    const owner =
      options.manifest && isDeferred(entry) && documentPaths.has(entry.path)
        ? entry.path
        : undefined;
    if (owner !== undefined && reply) options.manifest?.rendered(resource, reply);
    yield* resourceFiles(resource, sources, layout, host, owner);
  }
  const sample = site.documents[0] && site.resources.get(site.documents[0].path);
  if (sample) await ready(sample, options.timing);
  yield* generatedFiles(site, options, layout, defaults);
  layout.finish();
}

/** Renders a resource that renders on demand (again, if the cache let it go). */
async function ready(
  resource: SiteResource,
  timing: { renderMs: number } | undefined,
): Promise<Resource> {
  const started = performance.now();
  const rendered = await renderResource(resource);
  if (timing) timing.renderMs += performance.now() - started;
  return rendered;
}

/**
 * Where each file goes, checked as files are added: URL paths that cannot be files, two
 * sources sharing a file, and (at the end) a file that another file needs as a folder.
 */
class ExportLayout {
  readonly #files = new Map<string, string>();
  readonly #problems: Diagnostic[] = [];

  /** The file path for a URL path, or undefined (and a recorded problem) when it cannot be one. */
  place(urlPath: string, source: string): string | undefined {
    const path = filePathOf(urlPath);
    if (path === undefined) {
      this.#problems.push({
        code: 'export/unsafe-path',
        severity: 'error',
        message: `The URL path "${urlPath}" of ${source} cannot be a file (empty, "." or ".." segment, backslash or NUL).`,
        focusNode: source,
      });
      return undefined;
    }
    const taken = this.#files.get(path);
    if (taken !== undefined) {
      this.#problems.push({
        code: 'export/path-collision',
        severity: 'error',
        message: `${source} and ${taken} would both be written to "${path}".`,
        focusNode: source,
      });
      return undefined;
    }
    this.#files.set(path, source);
    return path;
  }

  /** Takes a file path (a file of the previous export) as {@link place} takes a URL path. */
  placeFile(path: string, source: string): string | undefined {
    return this.place(`/${path.split('/').map(encodeURIComponent).join('/')}`, source);
  }

  /** Rejects (ProfileGraphError, exit 1) with every problem found, if any. */
  finish(): void {
    // A file cannot also be a folder on the way to another file.
    for (const path of this.#files.keys()) {
      for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        const folder = this.#files.get(path.slice(0, slash));
        if (folder !== undefined) {
          this.#problems.push({
            code: 'export/path-collision',
            severity: 'error',
            message: `${folder} is written to "${path.slice(0, slash)}", which ${this.#files.get(path) ?? path} needs as a folder.`,
            focusNode: folder,
          });
        }
      }
    }
    if (this.#problems.length > 0) throw new ProfileGraphError(this.#problems, 1);
  }
}

/**
 * The files of one (readable) resource: each representation and its compressed variants, or,
 * for a representation that leaves them to the writer, one file that asks for them (and whose
 * siblings' names are taken now, so collisions are still found here).
 */
function* resourceFiles(
  resource: Resource,
  sources: ReadonlyMap<string, string>,
  layout: ExportLayout,
  host: HostProfile,
  owner?: string,
): Generator<ExportFile> {
  const source = sources.get(resource.path) ?? resource.path;
  const owned = owner === undefined ? {} : { owner };
  const representationFiles = function* (urlPath: string, representation: Representation) {
    const { identity, gzip, br } = representation.variants;
    if (!host.precompressed) {
      const path = layout.place(urlPath, source);
      if (path !== undefined) yield { path, body: identity.body, ...owned };
      return;
    }
    if (representation.compressLater) {
      const path = layout.place(urlPath, source);
      const siblings = Object.values(COMPRESSED_SUFFIXES).map((suffix) =>
        layout.place(`${urlPath}${suffix}`, source),
      );
      if (path !== undefined && !siblings.includes(undefined))
        yield { path, body: identity.body, compress: true as const, ...owned };
      return;
    }
    for (const [suffix, variant] of [
      ['', identity],
      [COMPRESSED_SUFFIXES.gzip, gzip],
      [COMPRESSED_SUFFIXES.br, br],
    ] as const) {
      if (variant === undefined) continue;
      const path = layout.place(`${urlPath}${suffix}`, source);
      if (path !== undefined) yield { path, body: variant.body, ...owned };
    }
  };
  for (const representation of resource.representations)
    yield* representationFiles(representation.contentLocation, representation);
  for (const form of ['expanded', 'flattened'] as const) {
    const representation = resource.jsonLdProfiles?.[form];
    if (representation)
      yield* representationFiles(formFile(form, locationBase(resource.path)), representation);
  }
}

/** The host's configurations and the export marker. */
function generatedFiles(
  site: Site,
  options: ExportOptions,
  layout: ExportLayout,
  defaults?: readonly DefaultReply[],
): ExportFile[] {
  const reference = referenceBehaviour(site);
  const tables = options.tables ?? buildNegotiationTables();
  const host = options.host ?? HOSTS[DEFAULT_HOST];
  const generated = [
    ...host.configs({ site, reference, tables, defaults }),
    {
      path: EXPORT_MARKER,
      body: `${JSON.stringify(
        {
          generator: 'profile-graph',
          host: host.name,
          baseUrl: site.config.baseUrl,
          documents: site.documents.length,
          triples: site.quads.length,
        },
        null,
        2,
      )}\n`,
    },
  ];
  const files: ExportFile[] = [];
  for (const file of generated) {
    const path = layout.place(`/${file.path}`, `the generated ${file.path}`);
    if (path !== undefined) files.push({ path, body: Buffer.from(file.body, 'utf8') });
  }
  return files;
}

/** How each resource is named in messages: its document's IRI, else its path. */
function sourcesOf(site: Site): Map<string, string> {
  const sources = new Map<string, string>([[site.notFound.path, 'the 404 page']]);
  for (const document of site.documents) sources.set(document.path, `<${document.iri}>`);
  return sources;
}

/**
 * The file a URL path is stored in: percent-decoded (web servers map decoded paths to files),
 * without the leading `/`. Undefined when the path would escape the root or cannot be a file.
 */
export function filePathOf(urlPath: string): string | undefined {
  if (!urlPath.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.slice(1));
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..'))
    return undefined;
  return decoded;
}
