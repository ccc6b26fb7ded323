import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import type { Representation } from '../publish/representation.js';
import type { Resource, Site } from '../publish/site.js';
import { renderApacheConfig } from './apache.js';
import { buildNegotiationTables, type NegotiationTables } from './negotiation-rules.js';
import { renderNginxConfig } from './nginx.js';
import { formFile, INTERNAL_DIRECTORY, locationBase, referenceBehaviour } from './reference.js';
import { renderStaticHostFiles } from './static-host.js';

/** One file of the export: a POSIX path relative to the export root, and its bytes. */
export interface ExportFile {
  path: string;
  body: Buffer;
}

/** The file that marks a folder as a profile-graph export (so a rebuild may replace it). */
export const EXPORT_MARKER = `${INTERNAL_DIRECTORY}/export.json`;

/** What {@link planExport} can be told. */
export interface ExportOptions {
  /** Negotiation tables (default: built from the server's offers and the known client headers). */
  tables?: NegotiationTables;
}

/**
 * Lays the Site out as files, in path order: every representation at its URL path
 * (`people/sheng-zha.ttl`, `index.html`, `dump.nq`, `.well-known/void.jsonld`, `sitemap.xml`),
 * its precompressed `.gz` and `.br` siblings (the Site's own variants: the bytes `serve` sends),
 * the JSON-LD expanded and flattened forms under `.profile-graph/jsonld/`, the 404 page in every
 * format (`404.html`, `404.ttl`…), the host configurations (`nginx/maps.conf`,
 * `nginx/server.conf`, `.htaccess`, `_headers`, `_redirects`) and the export marker. Nothing in
 * it depends on the time or the machine: the same Site gives the same bytes.
 *
 * Rejects (ProfileGraphError, exit 1) a Site whose URLs cannot be files: a path with an empty,
 * `.` or `..` segment, a backslash or NUL, or two URLs that would share a file (for example a
 * document at `/index` next to the profile page's `/index.html`).
 */
export function planExport(site: Site, options: ExportOptions = {}): ExportFile[] {
  const files = new Map<string, { body: Buffer; source: string }>();
  const problems: Diagnostic[] = [];
  const add = (urlPath: string, body: Buffer, source: string) => {
    const path = filePathOf(urlPath);
    if (path === undefined) {
      problems.push({
        code: 'export/unsafe-path',
        severity: 'error',
        message: `The URL path "${urlPath}" of ${source} cannot be a file (empty, "." or ".." segment, backslash or NUL).`,
        focusNode: source,
      });
      return;
    }
    const taken = files.get(path);
    if (taken) {
      problems.push({
        code: 'export/path-collision',
        severity: 'error',
        message: `${source} and ${taken.source} would both be written to "${path}".`,
        focusNode: source,
      });
      return;
    }
    files.set(path, { body, source });
  };
  const addRepresentation = (urlPath: string, representation: Representation, source: string) => {
    add(urlPath, representation.variants.identity.body, source);
    const { gzip, br } = representation.variants;
    if (gzip) add(`${urlPath}.gz`, gzip.body, source);
    if (br) add(`${urlPath}.br`, br.body, source);
  };
  const addResource = (resource: Resource, source: string) => {
    for (const representation of resource.representations)
      addRepresentation(representation.contentLocation, representation, source);
    for (const form of ['expanded', 'flattened'] as const) {
      const representation = resource.jsonLdProfiles?.[form];
      if (representation)
        addRepresentation(formFile(form, locationBase(resource.path)), representation, source);
    }
  };

  for (const resource of site.resources.values()) addResource(resource, describe(site, resource));
  addResource(site.notFound, 'the 404 page');

  const reference = referenceBehaviour(site);
  const tables = options.tables ?? buildNegotiationTables();
  const generated = [
    ...renderNginxConfig(reference, tables),
    renderApacheConfig(reference, tables),
    ...renderStaticHostFiles(site, reference),
    {
      path: EXPORT_MARKER,
      body: `${JSON.stringify(
        {
          generator: 'profile-graph',
          baseUrl: site.config.baseUrl,
          documents: site.documents.length,
          triples: site.quads.length,
        },
        null,
        2,
      )}\n`,
    },
  ];
  for (const file of generated)
    add(`/${file.path}`, Buffer.from(file.body, 'utf8'), `the generated ${file.path}`);

  // A file cannot also be a folder on the way to another file.
  for (const path of files.keys()) {
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      const folder = files.get(path.slice(0, slash));
      if (folder) {
        problems.push({
          code: 'export/path-collision',
          severity: 'error',
          message: `${folder.source} is written to "${path.slice(0, slash)}", which ${files.get(path)?.source ?? path} needs as a folder.`,
          focusNode: folder.source,
        });
      }
    }
  }
  if (problems.length > 0) throw new ProfileGraphError(problems, 1);
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, { body }]) => ({ path, body }));
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

function describe(site: Site, resource: Resource): string {
  const document = site.documents.find((each) => each.path === resource.path);
  return document ? `<${document.iri}>` : resource.path;
}
