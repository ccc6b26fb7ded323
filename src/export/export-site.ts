import type { Site } from '../publish/site.js';
import type { ExportFile } from './export-file.js';
import { streamExport, type StreamExportOptions } from './plan.js';
import { CLOUDFLARE_HEADER_RULES } from './static-host.js';
import { writeExport, type ExportSummary, type WriteExportOptions } from './write-export.js';

/** What an export wrote, and what the user should know about it. */
export interface ExportResult extends ExportSummary {
  /** Host limits the output runs into (one sentence each). */
  notes: string[];
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
  options: StreamExportOptions & WriteExportOptions = {},
): Promise<ExportResult> {
  let headers: ExportFile | undefined;
  const files = async function* () {
    for await (const file of streamExport(site, options)) {
      if (file.path === '_headers') headers = file;
      yield file;
    }
  };
  const summary = await writeExport(files(), outDir, site.lastModified, options);
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
  };
}
