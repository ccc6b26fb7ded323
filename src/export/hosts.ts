import { ProfileGraphError } from '../model/diagnostic.js';
import { findRdfFormat, RDF_FORMATS, type RdfFormat } from '../rdf/formats.js';
import { renderApacheConfig } from './apache.js';
import type { NegotiationTables } from './negotiation-rules.js';
import { renderNginxConfig, type ConfigFile } from './nginx.js';
import type { ReferenceBehaviour } from './reference.js';
import type { Site } from '../publish/site.js';
import { renderStaticHostFiles, type DefaultReply } from './static-host.js';

/** The hosts `build --host` writes an export for. */
export type HostName = 'nginx' | 'apache' | 'netlify' | 'cloudflare' | 'github-pages' | 's3';

/** What a host's configurations are made from. */
export interface HostConfigInput {
  site: Site;
  reference: ReferenceBehaviour;
  tables: NegotiationTables;
  /** Each negotiated resource's default reply, when the export took them while streaming. */
  defaults?: readonly DefaultReply[] | undefined;
}

/** What an export for one host holds: which formats, which siblings, which configurations. */
export interface HostProfile {
  name: HostName;
  /**
   * Whether the host chooses a format by the Accept header (with the export's configuration):
   * then every format is worth writing; otherwise only the extension URLs pages link to are.
   */
  negotiates: boolean;
  /**
   * Whether the host sends a file's `.gz`/`.br` sibling to clients that accept it (nginx's
   * `gzip_static`/`brotli_static`, the `.htaccess` rewrite). The CDNs compress on the fly and
   * would publish the siblings as files of their own, so they get none.
   */
  precompressed: boolean;
  /** Whether its configuration sets response headers (CORS, Link, Content-Security-Policy). */
  setsHeaders: boolean;
  /** The host's configuration files, at paths relative to the export root. */
  configs(input: HostConfigInput): ConfigFile[];
}

const staticHostFiles =
  (host: 'netlify' | 'cloudflare') =>
  ({ site, reference, defaults }: HostConfigInput) =>
    renderStaticHostFiles(site, reference, defaults, host);

/** Every host, by name, in the order help texts list them (the default first). */
export const HOSTS: Readonly<Record<HostName, HostProfile>> = Object.freeze({
  nginx: {
    name: 'nginx',
    setsHeaders: true,
    negotiates: true,
    precompressed: true,
    configs: ({ reference, tables }) => renderNginxConfig(reference, tables),
  },
  apache: {
    name: 'apache',
    setsHeaders: true,
    negotiates: true,
    precompressed: true,
    configs: ({ reference, tables }) => [renderApacheConfig(reference, tables)],
  },
  netlify: {
    name: 'netlify',
    setsHeaders: true,
    negotiates: false,
    precompressed: false,
    configs: staticHostFiles('netlify'),
  },
  cloudflare: {
    name: 'cloudflare',
    setsHeaders: true,
    negotiates: false,
    precompressed: false,
    configs: staticHostFiles('cloudflare'),
  },
  // GitHub Pages and S3 read no header or rewrite files: the files are the whole export.
  'github-pages': {
    name: 'github-pages',
    setsHeaders: false,
    negotiates: false,
    precompressed: false,
    configs: () => [],
  },
  s3: {
    name: 's3',
    setsHeaders: false,
    negotiates: false,
    precompressed: false,
    configs: () => [],
  },
});

/** The host an export is written for when none is named. */
export const DEFAULT_HOST: HostName = 'nginx';

/** Every host name, for help texts and messages. */
export const HOST_NAMES = Object.keys(HOSTS) as HostName[];

/**
 * The RDF formats a host that cannot negotiate gets by default: the extension URLs the pages
 * link to that crawlers and people use (JSON-LD for search engines, Turtle to read, N-Triples
 * to process line by line).
 */
export const STATIC_HOST_FORMATS: readonly RdfFormat[] = RDF_FORMATS.filter((format) =>
  ['jsonld', 'turtle', 'ntriples'].includes(format.name),
);

/** The host named `name`; rejects (ProfileGraphError `usage/invalid`, exit 2) any other name. */
export function hostProfile(name: string, where: string): HostProfile {
  if (Object.hasOwn(HOSTS, name)) return HOSTS[name as HostName];
  throw new ProfileGraphError(
    [
      {
        code: 'usage/invalid',
        severity: 'error',
        message: `${where}: unknown host "${name}"; choose one of ${HOST_NAMES.join(', ')}.`,
      },
    ],
    2,
  );
}

/**
 * The formats of a comma-separated list of names, extensions or media types (`jsonld,ttl`), in
 * the registry's order; `html` may be listed and is implied (every document has its page).
 * Rejects (ProfileGraphError `usage/invalid`, exit 2) an empty list or an unknown name.
 */
export function parseFormatList(list: string, where: string): RdfFormat[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name.toLowerCase() !== 'html');
  const unknown = names.filter((name) => findRdfFormat(name) === undefined);
  if (unknown.length > 0 || list.trim() === '') {
    throw new ProfileGraphError(
      [
        {
          code: 'usage/invalid',
          severity: 'error',
          message: `${where}: ${
            unknown.length > 0
              ? `unknown format${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}`
              : 'no format named'
          }; choose from html, ${RDF_FORMATS.map((format) => `${format.name} (.${format.extension})`).join(', ')}.`,
        },
      ],
      2,
    );
  }
  const chosen = new Set(names.map((name) => findRdfFormat(name)?.name));
  return RDF_FORMATS.filter((format) => chosen.has(format.name));
}

/** The RDF formats an export for `host` publishes: `requested`, else the host's default. */
export function exportFormats(
  host: HostProfile,
  requested: readonly RdfFormat[] | undefined,
): readonly RdfFormat[] {
  return requested ?? (host.negotiates ? RDF_FORMATS : STATIC_HOST_FORMATS);
}
