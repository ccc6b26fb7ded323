import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { isHtmlPage, parsePageBytes } from './html-scripts.js';
import {
  parseSourceBytes,
  parseSourceFile,
  type ParseResult,
  type SourceFile,
} from './source-file.js';

/** The data files of a profile, parsed, plus every syntax diagnostic found while reading them. */
export interface LoadedSources {
  sources: SourceFile[];
  diagnostics: Diagnostic[];
}

/** File name endings read as data. */
const DATA_EXTENSIONS = ['.jsonld', '.json'];

/** A data file: its absolute path and the path reported in diagnostics. */
export interface DataFile {
  file: string;
  display: string;
  /** The file's content when it is given rather than read (a document validated from memory). */
  bytes?: Uint8Array;
}

/**
 * The `*.jsonld` / `*.json` files under `dataDir`, recursively, sorted by display path (so the
 * graph and every output is deterministic). Throws a {@link ProfileGraphError} (exit code 2) if
 * `dataDir` is missing or not a directory, or holds no such file (`io/no-data`).
 */
export async function listDataFiles(dataDir: string, root: string): Promise<DataFile[]> {
  const absolute = await requireDirectory(dataDir, root, 'Data');
  let entries;
  try {
    entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  } catch (error) {
    // A folder that cannot be listed (EACCES) hides data: a problem outside the data (exit 2).
    const failed = (error as NodeJS.ErrnoException).path ?? absolute;
    throw new ProfileGraphError([unreadable(error, toDisplayPath(failed, root))]);
  }
  const files = entries
    .filter((entry) => entry.isFile() && DATA_EXTENSIONS.includes(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({ file, display: toDisplayPath(file, root) }))
    .sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // A mistyped or unbuilt folder validates nothing; passing it would let CI check nothing green.
  if (files.length === 0) {
    const shown = toDisplayPath(absolute, root);
    throw new ProfileGraphError([
      {
        code: 'io/no-data',
        severity: 'error',
        message: `No data files (${DATA_EXTENSIONS.map((ext) => `*${ext}`).join(', ')}) in ${shown}.`,
        file: shown,
      },
    ]);
  }
  return files;
}

/**
 * Reads every `*.jsonld` / `*.json` file under `dataDir` (recursively, in sorted path order, so
 * the resulting graph and every output is deterministic) and parses each into a
 * {@link SourceFile}. Paths are reported relative to `root`, in POSIX form.
 *
 * Bad JSON is a diagnostic, not an exception; the file is left out of `sources`. Throws a
 * {@link ProfileGraphError} (exit code 2) only if `dataDir` is missing or not a directory.
 */
export async function loadSources(dataDir: string, root: string): Promise<LoadedSources> {
  const files = await listDataFiles(dataDir, root);

  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const result = readSourceFile(file);
    diagnostics.push(...result.diagnostics);
    if (result.ok) sources.push(result.source);
  }
  return { sources, diagnostics };
}

/**
 * Reads and parses one data file (see `parseSourceBytes`; an HTML page, `parsePageBytes`). A file that cannot be read (no
 * permission, a directory, an I/O error) is one `io/unreadable` error naming it, like any
 * other finding about the data; never a thrown `EACCES`.
 */
export function readSourceFile(
  { file, display, bytes: given }: DataFile,
  read: (file: string) => Uint8Array = readFileSync,
): ParseResult {
  const parse = isHtmlPage(file) ? parsePageBytes : parseSourceBytes;
  if (given) return parse(display, given);
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: for thousands of small files, fs.promises.readFile's four thread
    // pool round trips (open, stat, read, close) cost 10-20 times the read itself.
    bytes = read(file);
  } catch (error) {
    return { ok: false, diagnostics: [{ ...unreadable(error, display), file: display }] };
  }
  return parse(display, bytes);
}

/** An `io/unreadable` error for a failed read of `shown`, with the system's reason. */
function unreadable(error: unknown, shown: string): Diagnostic {
  const { code, message } = error as NodeJS.ErrnoException;
  return {
    code: 'io/unreadable',
    severity: 'error',
    message: `Cannot read ${shown}: ${code ?? message}.`,
  };
}

/**
 * Resolves `directory` against `root` and checks it is a directory; otherwise throws a
 * {@link ProfileGraphError} (`io/not-found`, exit 2) naming it, e.g. "Shapes directory not
 * found: shapes". Returns the absolute path.
 */
export async function requireDirectory(
  directory: string,
  root: string,
  label: string,
): Promise<string> {
  const absolute = path.resolve(root, directory);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ProfileGraphError([
      {
        code: 'io/not-found',
        severity: 'error',
        message: `${label} directory not found: ${toDisplayPath(absolute, root)}`,
      },
    ]);
  }
  return absolute;
}

/**
 * Reads and parses one JSON file (or standard input for `-`). Throws a
 * {@link ProfileGraphError} if the file cannot be read.
 */
export async function loadSourceFile(
  file: string,
  root = process.cwd(),
  readStdin: () => Promise<string> = readProcessStdin,
) {
  const text = file === '-' ? await readStdin() : await readTextFile(file, root);
  return parseSourceFile(file === '-' ? '-' : toDisplayPath(path.resolve(root, file), root), text);
}

/**
 * Reads a text file named by the user; a missing or unreadable file is a located
 * {@link ProfileGraphError} (exit code 2), never a raw `ENOENT` stack.
 */
export async function readTextFile(file: string, root = process.cwd()): Promise<string> {
  const absolute = path.resolve(root, file);
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ProfileGraphError([
      {
        code: notFound ? 'io/not-found' : 'io/unreadable',
        severity: 'error',
        message: notFound
          ? `File not found: ${toDisplayPath(absolute, root)}`
          : `Cannot read ${toDisplayPath(absolute, root)}: ${(error as Error).message}`,
      },
    ]);
  }
}

/** A path relative to `root` in POSIX form when it is inside `root`, else absolute. */
export function toDisplayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : file).split(path.sep).join('/');
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
