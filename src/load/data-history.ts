import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** When the data was first published and last changed, as far as anything records it. */
export interface DataHistory {
  /** The oldest commit touching the directories; absent outside a git checkout. */
  created?: Date;
  /** The newest change: `SOURCE_DATE_EPOCH`, else git history plus uncommitted edits, else mtimes. */
  modified: Date;
  /** Where `modified` came from, for reports. */
  source: 'source-date-epoch' | 'git' | 'mtime';
}

/** The environment {@link readDataHistory} consults (a parameter, so tests need not mutate process.env). */
export interface HistoryEnvironment {
  SOURCE_DATE_EPOCH?: string | undefined;
}

/**
 * Reads when the given directories were created and last modified. The dates are facts the
 * profile's author never wrote but a ProfilePage needs (Google asks for dateCreated and
 * dateModified), so they come from the one honest record, version control:
 * - `created` is the committer date of the oldest commit touching the directories;
 * - `modified` is `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the
 *   newest commit touching them, or the newest mtime of a file with uncommitted changes when
 *   that is later (so `serve --watch` reflects an edit at once);
 * - outside git, `modified` falls back to the newest mtime and `created` is unknown.
 * File mtimes alone are not used inside git: a checkout sets them to the clone time, which
 * would make every build different and every date wrong. All dates are whole seconds (HTTP
 * dates have one-second resolution, RFC 9110 §5.6.7).
 */
export async function readDataHistory(
  directories: readonly string[],
  env: HistoryEnvironment,
): Promise<DataHistory> {
  const first = directories[0];
  const git = first === undefined ? undefined : await gitHistory(first, directories);
  const epoch = env.SOURCE_DATE_EPOCH;
  const created = git?.created;
  if (epoch !== undefined && /^\d+$/.test(epoch)) {
    const modified = new Date(Number(epoch) * 1000);
    // A history newer than the declared build date would date the page after its own build.
    const consistent = created !== undefined && created <= modified ? created : undefined;
    return {
      ...(consistent ? { created: consistent } : {}),
      modified,
      source: 'source-date-epoch',
    };
  }
  if (git?.modified !== undefined) {
    const edited = newestMtime(git.uncommitted);
    const modified = edited > git.modified ? edited : git.modified;
    return { ...(created ? { created } : {}), modified, source: 'git' };
  }
  return { modified: newestMtime(await filesUnder(directories)), source: 'mtime' };
}

interface GitHistory {
  created?: Date;
  modified?: Date;
  /** Absolute paths of files with uncommitted changes (modified, added or untracked). */
  uncommitted: string[];
}

/** The commit dates and uncommitted files of `directories`, or undefined outside a git work tree. */
async function gitHistory(
  cwd: string,
  directories: readonly string[],
): Promise<GitHistory | undefined> {
  // Together, not one after another: each git process costs a spawn and git's own start, and
  // three in a row were a tenth of a cold `validate` (outside a work tree all three fail).
  const [top, log, status] = await Promise.all([
    git(cwd, ['rev-parse', '--show-toplevel']),
    git(cwd, ['log', '--format=%cI', '--', ...directories]),
    git(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...directories]),
  ]);
  if (top === undefined || log === undefined || status === undefined) return undefined;
  const root = top.trim();
  const dates = log.split('\n').filter((line) => line !== '');
  const newest = dates[0];
  const oldest = dates.at(-1);
  return {
    ...(oldest === undefined ? {} : { created: wholeSeconds(new Date(oldest)) }),
    ...(newest === undefined ? {} : { modified: wholeSeconds(new Date(newest)) }),
    uncommitted: uncommittedFiles(status, root),
  };
}

/** Paths from `git status --porcelain=v1 -z` (renames carry their old path as a second entry). */
function uncommittedFiles(status: string, root: string): string[] {
  const entries = status.split('\0');
  const files: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index] ?? '';
    if (entry.length < 4) continue;
    const state = entry.slice(0, 2);
    // Deleted files have no mtime; the directory's own commit dates cover them.
    if (!state.includes('D')) files.push(path.join(root, entry.slice(3)));
    if (state.startsWith('R') || state.startsWith('C')) index++;
  }
  return files;
}

/** Runs git, resolving to its stdout, or undefined when git is missing or the command fails. */
function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // No optional locks: `status` must not take the index lock of a repository in use.
      ['--no-optional-locks', ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        resolve(error ? undefined : stdout);
      },
    );
  });
}

async function filesUnder(directories: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const directory of directories) {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries)
      if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
  return files;
}

/** Synchronous `stat`: a promise per file cost seconds on a directory of 100,000 files. */
function newestMtime(files: readonly string[]): Date {
  let newest = 0;
  for (const file of files) {
    const info = statSync(file, { throwIfNoEntry: false });
    if (info?.isFile()) newest = Math.max(newest, info.mtimeMs);
  }
  return wholeSeconds(new Date(newest));
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
