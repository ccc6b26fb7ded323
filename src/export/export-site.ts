import type { ProgressListener } from '../model/progress.js';
import type { Site } from '../publish/site.js';
import { planExport, type ExportOptions } from './plan.js';
import { CLOUDFLARE_HEADER_RULES } from './static-host.js';
import { writeExport, type ExportSummary } from './write-export.js';

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
  options: ExportOptions & { onProgress?: ProgressListener } = {},
): Promise<ExportResult> {
  const files = planExport(site, options);
  const summary = await writeExport(files, outDir, site.lastModified, options.onProgress);
  const notes: string[] = [];
  const headers = files.find((file) => file.path === '_headers');
  const rules = headers ? (headers.body.toString('utf8').match(/^\//gm) ?? []).length : 0;
  if (rules > CLOUDFLARE_HEADER_RULES) {
    notes.push(
      `_headers has ${String(rules)} rules; Cloudflare Pages accepts ${String(CLOUDFLARE_HEADER_RULES)} (Netlify has no limit): the per-document Link rules are what to drop there.`,
    );
  }
  return { ...summary, notes };
}
