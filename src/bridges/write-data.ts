import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { toDisplayPath } from '../load/load-sources.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import type { DataFileOut } from './data-files.js';

/** Options for {@link writeDataFiles}. */
export interface WriteDataOptions {
  /** Replace files that exist (`--force`). */
  force?: boolean;
  /** Paths in diagnostics are shown relative to this folder. */
  cwd: string;
}

/**
 * Writes the files under `outDir` (created if missing) and returns the paths written. Each file
 * is written to a temporary name beside it and renamed over its target, so a reader never sees
 * half a file. Without `force`, nothing is written when any target exists: throws a
 * `ProfileGraphError` (exit 2) with one `bridge/file-exists` per file in the way. A failed
 * write is `io/write-failed` (exit 2).
 */
export async function writeDataFiles(
  outDir: string,
  files: readonly DataFileOut[],
  options: WriteDataOptions,
): Promise<string[]> {
  const targets = files.map((file) => ({
    file,
    target: path.join(outDir, ...file.path.split('/')),
  }));
  if (!options.force) {
    const existing: Diagnostic[] = [];
    for (const { target } of targets) {
      if (await stat(target).catch(() => undefined))
        existing.push({
          code: 'bridge/file-exists',
          severity: 'error',
          message: 'The file exists; give --force to replace it (nothing was written).',
          file: toDisplayPath(target, options.cwd),
        });
    }
    if (existing.length > 0) throw new ProfileGraphError(existing, 2);
  }
  const written: string[] = [];
  for (const { file, target } of targets) {
    await writeAtomically(target, `${JSON.stringify(file.json, null, 2)}\n`, options.cwd);
    written.push(toDisplayPath(target, options.cwd));
  }
  return written;
}

/** Writes `text` to `target` through a temporary file renamed over it. */
export async function writeAtomically(target: string, text: string, cwd: string): Promise<void> {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ProfileGraphError(
      [
        {
          code: 'io/write-failed',
          severity: 'error',
          message: `Cannot write ${toDisplayPath(target, cwd)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
        },
      ],
      2,
    );
  }
}
