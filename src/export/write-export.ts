import { randomBytes } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ProfileGraphError } from '../model/diagnostic.js';
import type { ExportFile, WrittenFile } from './export-file.js';
import { FileWriter } from './file-writer.js';
import { INTERNAL_DIRECTORY } from './reference.js';
import { WriterPool } from './write-pool.js';

/**
 * The export's manifest: every file the export wrote (itself included), one POSIX path a line,
 * sorted. A rebuild may replace only what it lists, so build never deletes a file it did not
 * write.
 */
export const MANIFEST = `${INTERNAL_DIRECTORY}/files.txt`;

/** What was written: the number of files and their total size in bytes. */
export interface ExportSummary {
  files: number;
  bytes: number;
  /** Of `files`, those the previous export held with the same bytes, kept (linked) rather than written. */
  reused?: number;
  /** Top-level entries of the previous `outDir` kept in the new export (`.git`, `CNAME`…). */
  carried?: string[];
  /** Leftover folders of interrupted builds beside `outDir` that were removed or restored. */
  recovered?: string[];
}

/** Options for {@link writeExport}. */
export interface WriteExportOptions {
  /** Writer threads that compress and write while this thread renders; 1 writes here. */
  workers?: number;
  /** Folders the export is made from (data, shapes): `outDir` may not contain or be in them. */
  inputs?: readonly string[];
  /** Told of every file with an owner written or linked (the build manifest's files). */
  onWritten?: (file: WrittenFile) => void;
}

/** How many files in the way a refusal names before "and N more". */
const NAMED_IN_THE_WAY = 10;

/**
 * Writes the files into `outDir` atomically: everything goes to a new sibling folder
 * (`.<name>.tmp-<host>-<pid>-<random>`), every file and folder gets `mtime` (the Site's
 * Last-Modified, so a web server's Last-Modified and `serve`'s agree, and the tree is
 * reproducible), the manifest ({@link MANIFEST}) lists every file written, and only then does
 * the folder replace `outDir` by rename. If anything fails before that, the temporary folder is
 * removed and `outDir` is untouched.
 *
 * Rebuilding over an earlier export rewrites only what changed: a file the earlier export
 * holds with the same bytes is hard-linked into the new folder (see `FileWriter`), keeping its
 * mtime, and the files of documents that are gone are simply not in the new folder. The swap
 * below is the same, so this stays atomic.
 *
 * What may be replaced (else ProfileGraphError `io/not-an-export`, exit 2, naming the first
 * files in the way): a missing or empty folder, or one whose files are all listed in its
 * manifest, apart from what is carried. Carried over untouched (moved, never deleted) are the
 * top-level entries a publishing checkout keeps beside the site: names starting with a dot that
 * the previous export did not write (`.git`, `.nojekyll`, `.github`) and `CNAME` (GitHub Pages'
 * custom domain). A carried name the new export also writes (a hand-made `.htaccess`) is in the
 * way. `outDir` equal to, inside or around one of `inputs` is refused first
 * (`io/out-overlaps-input`, exit 2).
 *
 * Leftovers of interrupted builds (`kill -9`) beside `outDir` are dealt with first, but only
 * those of this host whose process is gone: a live build, or one on another host sharing the
 * folder, is never touched (see {@link recoverLeftovers}).
 *
 * The replacement is two renames (`outDir` aside, the new folder in): POSIX has no atomic
 * exchange of non-empty folders, so for that instant `outDir` does not exist; it never holds a
 * mix of old and new files. Files that ask for compressed siblings get them here (see
 * `ExportFile.compress`), on writer threads when `workers` is more than 1.
 */
export async function writeExport(
  files: Iterable<ExportFile> | AsyncIterable<ExportFile>,
  outDir: string,
  mtime: Date,
  options: WriteExportOptions = {},
): Promise<ExportSummary> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await checkOutDir(target, options.inputs ?? []);
  const recovered = await recoverLeftovers(target);
  await mkdir(parent, { recursive: true });

  const suffix = `${HOST}-${String(process.pid)}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(parent, `.${path.basename(target)}.tmp-${suffix}`);
  let summary: ExportSummary;
  try {
    await mkdir(staging);
    // Only an earlier export's own files are reused: a folder without a manifest is not one.
    const previous = (await readManifest(target)) === undefined ? undefined : target;
    summary = await writeAll(
      files,
      staging,
      mtime,
      options.workers ?? 1,
      previous,
      options.onWritten,
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw writeError(error, target);
  }

  // Looked at again: the folder may have changed while the export was rendered.
  let carried: string[];
  try {
    carried = (await inspectOutDir(target)).carried;
    const written = new Set(await readdir(staging));
    const clashing = carried.filter((name) => written.has(name));
    if (clashing.length > 0) throw inTheWay(target, clashing, 'clash');
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw writeError(error, target);
  }
  const moved: string[] = [];
  const moveBack = async () => {
    for (const name of moved) await rename(path.join(staging, name), path.join(target, name));
  };
  const previous = path.join(parent, `.${path.basename(target)}.old-${suffix}`);
  let aside = false as boolean;
  try {
    for (const name of carried) {
      await rename(path.join(target, name), path.join(staging, name));
      moved.push(name);
    }
    // Moving entries in changed the folder's time; the export's folders all carry `mtime`.
    if (moved.length > 0) utimesSync(staging, mtime, mtime);
    try {
      await rename(target, previous);
      aside = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(staging, target);
  } catch (error) {
    if (aside) await rename(previous, target);
    await moveBack();
    await rm(staging, { recursive: true, force: true });
    throw writeError(error, target);
  }
  if (aside) await rm(previous, { recursive: true, force: true });
  return {
    ...summary,
    ...(carried.length > 0 ? { carried } : {}),
    ...(recovered.length > 0 ? { recovered } : {}),
  };
}

/**
 * Checks, before anything is built, that `outDir` may receive an export: it does not overlap
 * an input folder, and it is missing, empty or replaceable (see {@link writeExport}). Rejects
 * with a ProfileGraphError (exit 2) otherwise.
 */
export async function checkOutDir(outDir: string, inputs: readonly string[]): Promise<void> {
  const target = path.resolve(outDir);
  if (path.dirname(target) === target)
    throw outError(`Refusing to export to the filesystem root "${target}".`);
  const out = await canonical(target);
  for (const input of inputs) {
    const folder = await canonical(path.resolve(input));
    if (within(out, folder))
      throw overlapError(
        `--out "${target}" ${out === folder ? 'is' : 'contains'} the input folder "${input}": replacing it would delete the input. Choose an --out outside it.`,
      );
    if (within(folder, out))
      throw overlapError(
        `--out "${target}" is inside the input folder "${input}": the export would become input. Choose an --out outside it.`,
      );
  }
  await inspectOutDir(target);
}

/** Whether `inner` is `outer` or lies inside it (both absolute, canonical). */
function within(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/** The path with symbolic links resolved as far as it exists, so two spellings compare equal. */
async function canonical(absolute: string): Promise<string> {
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute
      ? absolute
      : path.join(await canonical(parent), path.basename(absolute));
  }
}

/**
 * Decides whether `target` may be replaced, and what of it is carried into the new export.
 * Rejects (exit 2) a file, or a folder holding anything the previous export did not write.
 */
async function inspectOutDir(target: string): Promise<{ carried: string[] }> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { carried: [] };
    throw writeError(error, target);
  }
  if (!info.isDirectory())
    throw outError(`"${target}" exists and is not a folder; choose another --out.`);
  const listed = await readManifest(target);
  const ours = new Set([...(listed ?? [])].map((file) => file.split('/')[0]));
  const carried: string[] = [];
  const strangers: string[] = [];
  for (const entry of (await readdir(target, { withFileTypes: true })).sort(byName)) {
    if (!ours.has(entry.name) && carries(entry.name)) carried.push(entry.name);
    else await collectStrangers(target, entry.name, entry.isDirectory(), listed, strangers);
  }
  if (strangers.length > 0)
    throw inTheWay(target, strangers, listed === undefined ? 'no-manifest' : 'unlisted');
  return { carried };
}

/** Top-level names a publishing checkout keeps beside the site, which an export carries over. */
function carries(name: string): boolean {
  return name.startsWith('.') || name === 'CNAME';
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Adds every file (and empty folder) at or under `relative` that the manifest does not list. */
async function collectStrangers(
  root: string,
  relative: string,
  isFolder: boolean,
  listed: ReadonlySet<string> | undefined,
  strangers: string[],
): Promise<void> {
  if (!isFolder) {
    if (!listed?.has(relative)) strangers.push(relative);
    return;
  }
  const entries = (
    await readdir(path.join(root, ...relative.split('/')), { withFileTypes: true })
  ).sort(byName);
  // An empty folder holds nothing to lose, but a user made it unless the export needs it.
  if (entries.length === 0 && ![...(listed ?? [])].some((file) => file.startsWith(`${relative}/`)))
    strangers.push(`${relative}/`);
  for (const entry of entries)
    await collectStrangers(
      root,
      `${relative}/${entry.name}`,
      entry.isDirectory(),
      listed,
      strangers,
    );
}

/** The manifest's paths, or undefined when the folder has none. */
async function readManifest(folder: string): Promise<Set<string> | undefined> {
  let text;
  try {
    text = await readFile(path.join(folder, ...MANIFEST.split('/')), 'utf8');
  } catch {
    return undefined;
  }
  return new Set(text.split('\n').filter((line) => line !== ''));
}

/** Why files are in the way: unlisted in a manifest, in a folder without one, or clashing. */
type Obstacle = 'unlisted' | 'no-manifest' | 'clash';

function inTheWay(target: string, strangers: readonly string[], why: Obstacle) {
  const named = strangers.slice(0, NAMED_IN_THE_WAY).map((name) => `"${name}"`);
  const more = strangers.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${String(more)} more` : ''}`;
  return outError(
    why === 'unlisted'
      ? `"${target}" holds files the previous export did not write, which build will not delete: ${list}. Move them away or choose another --out.`
      : why === 'clash'
        ? `"${target}" holds ${list}, which build would carry over but the export also writes. Move it away or choose another --out.`
        : `"${target}" is not empty and is not a profile-graph export (no ${MANIFEST}); in the way: ${list}. Remove them or choose another --out.`,
  );
}

/** This host's name as it appears in temporary folders' names, which are told apart by it. */
export const HOST =
  hostname()
    .replace(/[^A-Za-z0-9.-]/g, '_')
    .slice(0, 64) || 'host';

/**
 * Deals with the temporary folders that builds into `target` killed on this host left beside
 * it (their process is gone), and returns their names:
 * - a staging folder `.<name>.tmp-…` is removed; if the build died while swapping (its
 *   manifest is written, and entries it does not list were carried in from `target`), the
 *   carried entries go back into `target` first, or the whole folder becomes `target` when the
 *   build died between its two renames;
 * - a previous export set aside (`.<name>.old-…`) becomes `target` again if `target` is
 *   missing, and is removed otherwise.
 * Folders of live processes, or of another host (same folder over NFS), are never touched.
 */
export async function recoverLeftovers(target: string): Promise<string[]> {
  const parent = path.dirname(target);
  const name = path.basename(target);
  let siblings: string[];
  try {
    siblings = await readdir(parent);
  } catch {
    return [];
  }
  const dead = siblings
    .map((sibling) => ({ sibling, parts: parseLeftover(sibling, name) }))
    .filter(({ parts }) => parts?.host === HOST && parts.pid !== process.pid && !isAlive(parts.pid))
    // Staging folders first: one of them may hold what `target` should become.
    .sort((a, b) => (a.parts?.kind === b.parts?.kind ? 0 : a.parts?.kind === 'tmp' ? -1 : 1));
  const recovered: string[] = [];
  for (const { sibling, parts } of dead) {
    const folder = path.join(parent, sibling);
    const targetExists = await exists(target);
    if (parts?.kind === 'tmp') {
      const listed = await readManifest(folder);
      if (listed !== undefined && !targetExists) {
        await rename(folder, target);
      } else {
        if (listed !== undefined) {
          const ours = new Set([...listed].map((file) => file.split('/')[0]));
          for (const entry of await readdir(folder)) {
            if (ours.has(entry) || (await exists(path.join(target, entry)))) continue;
            await rename(path.join(folder, entry), path.join(target, entry));
          }
        }
        await rm(folder, { recursive: true, force: true });
      }
    } else if (!targetExists) {
      await rename(folder, target);
    } else {
      await rm(folder, { recursive: true, force: true });
    }
    recovered.push(sibling);
  }
  return recovered;
}

/** The parts of a temporary folder's name for `name`, or undefined for any other name. */
function parseLeftover(
  sibling: string,
  name: string,
): { kind: 'tmp' | 'old'; host: string; pid: number } | undefined {
  const prefix = `.${name}.`;
  if (!sibling.startsWith(prefix)) return undefined;
  const match = /^(tmp|old)-(.+)-(\d+)-[0-9a-f]{8}$/.exec(sibling.slice(prefix.length));
  if (!match) return undefined;
  return { kind: match[1] as 'tmp' | 'old', host: match[2] ?? '', pid: Number(match[3]) };
}

/** Whether a process with this id runs on this host (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes every file under `root`, here or on writer threads, lists them, then dates the folders. */
async function writeAll(
  files: Iterable<ExportFile> | AsyncIterable<ExportFile>,
  root: string,
  mtime: Date,
  workers: number,
  previous: string | undefined,
  onWritten: ((file: WrittenFile) => void) | undefined,
): Promise<ExportSummary> {
  const writer = new FileWriter(root, mtime, previous);
  const pool = workers > 1 ? new WriterPool(root, mtime, workers, previous) : undefined;
  try {
    for await (const file of files) {
      if (pool) await pool.write(file);
      else writer.write(file);
    }
    const pooled = await pool?.finish();
    if (onWritten)
      for (const file of [...writer.written, ...(pooled?.written ?? [])]) onWritten(file);
    // Listed from the folder itself: whether a compressed sibling was worth writing is decided
    // by whichever thread wrote it.
    const written = (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => !entry.isDirectory())
      .map((entry) =>
        path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      );
    const manifest = Buffer.from(
      `${[...written, MANIFEST].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n')}\n`,
      'utf8',
    );
    writer.write({ path: MANIFEST, body: manifest });
    const reused = writer.reused + (pooled?.reused ?? 0);
    const folders = new Set([...writer.folders, ...(pooled?.folders ?? []), root]);
    // Deepest folders first, so setting a child's time does not change its parent's afterwards.
    for (const folder of [...folders].sort((a, b) => b.length - a.length))
      utimesSync(folder, mtime, mtime);
    return {
      files: writer.files + (pooled?.files ?? 0),
      bytes: writer.bytes + (pooled?.bytes ?? 0),
      ...(previous === undefined ? {} : { reused }),
    };
  } finally {
    await pool?.close();
  }
}

function outError(message: string): ProfileGraphError {
  return new ProfileGraphError([{ code: 'io/not-an-export', severity: 'error', message }], 2);
}

function overlapError(message: string): ProfileGraphError {
  return new ProfileGraphError([{ code: 'io/out-overlaps-input', severity: 'error', message }], 2);
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
