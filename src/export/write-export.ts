import { randomBytes } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ProfileGraphError } from '../model/diagnostic.js';
import { EXPORT_MARKER, type ExportFile } from './plan.js';

/** What was written: the number of files and their total size in bytes. */
export interface ExportSummary {
  files: number;
  bytes: number;
}

/**
 * Writes the files into `outDir` atomically: everything goes to a new sibling folder
 * (`.<name>.tmp-<random>`), every file and folder gets `mtime` (the Site's Last-Modified, so a
 * web server's Last-Modified and `serve`'s agree, and the tree is reproducible), and only then
 * does the folder replace `outDir` by rename. If anything fails before that, the temporary
 * folder is removed and `outDir` is untouched.
 *
 * The replacement is two renames (`outDir` aside, the new folder in): POSIX has no atomic
 * exchange of non-empty folders, so for that instant `outDir` does not exist; it never holds a
 * mix of old and new files. Refuses (ProfileGraphError, exit 2) to replace anything that is not
 * a previous export (no `.profile-graph/export.json`) unless it is an empty folder, so a typo in
 * `--out` cannot delete a source tree.
 */
export async function writeExport(
  files: Iterable<ExportFile> | AsyncIterable<ExportFile>,
  outDir: string,
  mtime: Date,
): Promise<ExportSummary> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  if (parent === target) throw outError(`Refusing to export to the filesystem root "${target}".`);
  await checkReplaceable(target);
  await mkdir(parent, { recursive: true });

  const suffix = `${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(target)}.tmp-${suffix}`);
  let bytes = 0;
  let count = 0;
  try {
    await mkdir(staging);
    const folders = new Set<string>();
    // Synchronous calls on purpose: for hundreds of thousands of small files, each
    // fs.promises call is a thread-pool round trip costing several times the write itself,
    // and `build` has nothing else to do meanwhile.
    for await (const file of files) {
      count++;
      const destination = path.join(staging, ...file.path.split('/'));
      const folder = path.dirname(destination);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        for (let each = folder; each !== staging && !folders.has(each); each = path.dirname(each))
          folders.add(each);
      }
      writeFileSync(destination, file.body);
      utimesSync(destination, mtime, mtime);
      bytes += file.body.length;
    }
    // Deepest folders first, so setting a child's time does not change its parent's afterwards.
    for (const folder of [...folders, staging].sort((a, b) => b.length - a.length))
      utimesSync(folder, mtime, mtime);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw writeError(error, target);
  }

  const previous = path.join(parent, `.${path.basename(target)}.old-${suffix}`);
  let moved = false;
  try {
    await rename(target, previous);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(staging, { recursive: true, force: true });
      throw writeError(error, target);
    }
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (moved) await rename(previous, target);
    await rm(staging, { recursive: true, force: true });
    throw writeError(error, target);
  }
  if (moved) await rm(previous, { recursive: true, force: true });
  return { files: count, bytes };
}

async function checkReplaceable(target: string): Promise<void> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw writeError(error, target);
  }
  if (!info.isDirectory())
    throw outError(`"${target}" exists and is not a folder; choose another --out.`);
  const entries = await readdir(target);
  if (entries.length === 0) return;
  try {
    await lstat(path.join(target, ...EXPORT_MARKER.split('/')));
  } catch {
    throw outError(
      `"${target}" is not empty and is not a profile-graph export (no ${EXPORT_MARKER}); remove it or choose another --out.`,
    );
  }
}

function outError(message: string): ProfileGraphError {
  return new ProfileGraphError([{ code: 'io/not-an-export', severity: 'error', message }], 2);
}

function writeError(error: unknown, target: string): ProfileGraphError {
  if (error instanceof ProfileGraphError) return error;
  const { code, message } = error as NodeJS.ErrnoException;
  return new ProfileGraphError(
    [
      {
        code: 'io/write-failed',
        severity: 'error',
        message: `Could not write the export to "${target}" (${code ?? 'error'}): ${message}. The previous export, if any, is unchanged.`,
      },
    ],
    2,
  );
}
