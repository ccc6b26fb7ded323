import path from 'node:path';
import type { Site } from '../publish/site.js';
import type { CacheStore } from '../runtime/cache-store.js';
import { BuildManifest, type ManifestCounts } from './build-manifest.js';
import { DEFAULT_HOST, HOSTS } from './hosts.js';
import type { ExportFile } from './export-file.js';
import { streamExport, type StreamExportOptions } from './plan.js';
import { CLOUDFLARE_HEADER_RULES } from './static-host.js';
import { writeExport, type ExportSummary, type WriteExportOptions } from './write-export.js';

/** What an export wrote, and what the user should know about it. */
export interface ExportResult extends ExportSummary {
  /** Host limits the output runs into (one sentence each). */
  notes: string[];
  /** With a build cache: documents rendered, and taken unchanged from the previous export. */
  documents?: ManifestCounts;
}

/** The build cache {@link exportSite} keeps its manifest in (see {@link BuildManifest}). */
export interface ExportCache {
  store: CacheStore;
  /** profile-graph's version: another version's manifest is not used. */
  version: string;
}

/**
 * Exports the Site into `outDir` (see {@link planExport} for the layout and
 * {@link writeExport} for the atomic replacement); every file's mtime is the Site's
 * Last-Modified. Rejects with a ProfileGraphError: exit 1 for URLs that cannot be files, exit 2
 * for an `outDir` that is not a previous export or cannot be written.
 */
export async function exportSite(
  site: Site,
  outDir: string,
  options: StreamExportOptions & WriteExportOptions & { cache?: ExportCache } = {},
): Promise<ExportResult> {
  let headers: ExportFile | undefined;
  const { cache, ...rest } = options;
  const manifest =
    cache &&
    BuildManifest.open(cache.store, path.resolve(outDir), {
      version: cache.version,
      host: (options.host ?? HOSTS[DEFAULT_HOST]).name,
    });
  const files = async function* () {
    for await (const file of streamExport(site, { ...rest, ...(manifest ? { manifest } : {}) })) {
      if (file.path === '_headers') headers = file;
      yield file;
    }
  };
  const summary = await writeExport(files(), outDir, site.lastModified, {
    ...rest,
    ...(manifest
      ? {
          onWritten: ([owner, file, size, mtimeMs]) => {
            manifest.addFile(owner, { path: file, size, mtimeMs });
          },
        }
      : {}),
  });
  manifest?.save();
  const notes: string[] = [];
  if (summary.carried)
    notes.push(
      `kept from the previous folder, untouched: ${summary.carried.join(', ')} (top-level dot entries and CNAME are carried over).`,
    );
  if (summary.recovered)
    notes.push(`cleaned up after interrupted builds: ${summary.recovered.join(', ')}.`);
  const rules = headers ? (headers.body.toString('utf8').match(/^\//gm) ?? []).length : 0;
  if (rules > CLOUDFLARE_HEADER_RULES) {
    notes.push(
      `_headers has ${String(rules)} rules; Cloudflare Pages accepts ${String(CLOUDFLARE_HEADER_RULES)} (Netlify has no limit): the per-document Link rules are what to drop there.`,
    );
  }
  return {
    files: summary.files,
    bytes: summary.bytes,
    ...(summary.reused === undefined ? {} : { reused: summary.reused }),
    notes,
    ...(manifest ? { documents: manifest.counts } : {}),
  };
}
