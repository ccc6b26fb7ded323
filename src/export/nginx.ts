import type { NegotiationTables } from './negotiation-rules.js';
import { renderMaps } from './nginx/maps.js';
import { renderServer } from './nginx/server.js';
import type { ReferenceBehaviour } from './reference.js';

/** A generated configuration file: path relative to the export root, and its text. */
export interface ConfigFile {
  path: string;
  body: string;
}

/**
 * The nginx configuration that answers like `serve` from the exported files, in two parts:
 * `nginx/maps.conf` (include in `http {}`: the negotiation tables and lookups, as `map`s) and
 * `nginx/server.conf` (include in the `server {}` whose `root` is the export). The routing runs
 * in the server-rewrite phase, in `respond`'s order: OPTIONS (204 preflight), other methods
 * (405), over-long targets (414), bad paths (400), then the canonical path (a document when its
 * `.html` file exists; the RDF-only resources and plain files by name), then a format URL (its
 * file exists), else the 404 page; `?format=` before the Accept header; 406 and 400 with
 * `serve`'s texts; finally a rewrite to the file, which nginx sends with `gzip_static`, its
 * own ETag and the Last-Modified of the file's mtime (the export sets it to the Site's).
 * Every header value and text comes from `reference` (asked of `respond`), so the two agree.
 */
export function renderNginxConfig(
  reference: ReferenceBehaviour,
  tables: NegotiationTables,
): ConfigFile[] {
  return [
    { path: 'nginx/maps.conf', body: renderMaps(reference, tables) },
    { path: 'nginx/server.conf', body: renderServer(reference) },
  ];
}
