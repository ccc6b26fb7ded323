import { randomBytes } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ProfileGraphError } from '../model/diagnostic.js';
import type { ExportFile } from './export-file.js';
import { FileWriter } from './file-writer.js';
import { EXPORT_MARKER } from './plan.js';
import { WriterPool } from './write-pool.js';

/** What was written: the number of files and their total size in bytes. */
export interface ExportSummary {
  files: number;
  bytes: number;
}

/** Options for {@link writeExport}. */
export interface WriteExportOptions {
  /** Writer threads that compress and write while this thread renders; 1 writes here. */
  workers?: number;
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
 * `--out` cannot delete a source tree. Files that ask for compressed siblings get them here
 * (see `ExportFile.compress`), on writer threads when `workers` is more than 1.
 */
export async function writeExport(
  files: Iterable<ExportFile> | AsyncIterable<ExportFile>,
  outDir: string,
  mtime: Date,
  options: WriteExportOptions = {},
): Promise<ExportSummary> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  if (parent === target) throw outError(`Refusing to export to the filesystem root "${target}".`);
  await checkReplaceable(target);
  await mkdir(parent, { recursive: true });

  const suffix = `${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(target)}.tmp-${suffix}`);
  let summary: ExportSummary;
  try {
    await mkdir(staging);
    summary = await writeAll(files, staging, mtime, options.workers ?? 1);
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
  return summary;
}

/** Writes every file under `root`, here or on writer threads, then dates the folders. */
async function writeAll(
  files: Iterable<ExportFile> | AsyncIterable<ExportFile>,
  root: string,
  mtime: Date,
  workers: number,
): Promise<ExportSummary> {
  const writer = new FileWriter(root, mtime);
  const pool = workers > 1 ? new WriterPool(root, mtime, workers) : undefined;
  try {
    for await (const file of files) {
      if (pool) await pool.write(file);
      else writer.write(file);
    }
    const pooled = await pool?.finish();
    const folders = new Set([...writer.folders, ...(pooled?.folders ?? []), root]);
    // Deepest folders first, so setting a child's time does not change its parent's afterwards.
    for (const folder of [...folders].sort((a, b) => b.length - a.length))
      utimesSync(folder, mtime, mtime);
    return {
      files: writer.files + (pooled?.files ?? 0),
      bytes: writer.bytes + (pooled?.bytes ?? 0),
    };
  } finally {
    await pool?.close();
  }
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
