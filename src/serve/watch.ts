import path from 'node:path';
import { watch } from 'chokidar';

/** A running watcher from {@link watchDirectories}. */
export interface Watcher {
  /** Resolves once every directory is being watched (edits before that may be missed). */
  ready: Promise<void>;
  /** Stops watching and cancels a pending run; resolves once the watches are released. */
  close(): Promise<void>;
}

/** Options for {@link watchDirectories}. */
export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs (default 150 ms). */
  debounceMs?: number;
  /** Called when the file system reports a watch error or `onChange` rejects (watching goes on). */
  onError?: (error: Error) => void;
}

/**
 * Calls `onChange` with the absolute paths that changed (sorted, each once) once things settle
 * after edits anywhere under the directories. Editors save in several steps (write a temp file,
 * rename it over the original; `sed -i` does the same), so events are debounced; changes that
 * arrive while `onChange` runs schedule exactly one more run afterwards, so the last edit always
 * wins. Each directory's parent is watched rather than the directory itself, so a directory
 * that is removed and restored (`rm -rf data`, a `git checkout`) is still seen afterwards.
 */
export function watchDirectories(
  directories: readonly string[],
  onChange: (changed: readonly string[]) => Promise<void>,
  options: WatchOptions = {},
): Watcher {
  const debounceMs = options.debounceMs ?? 150;
  const targets = [...new Set(directories.map((directory) => path.resolve(directory)))];
  const parents = [...new Set(targets.map((target) => path.dirname(target)))];
  const within = (file: string) =>
    targets.some((target) => file === target || file.startsWith(target + path.sep));

  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;
  const pending = new Set<string>();
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const changed = [...pending].sort();
    pending.clear();
    try {
      await onChange(changed);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A failing reload must not end the process (an unhandled rejection would); it is reported.
      run().catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      });
    }, debounceMs);
  };

  const watcher = watch(parents, {
    ignoreInitial: true,
    // Everything beside the watched directories in their parents (node_modules, dist, .git) is
    // skipped, so watching the parent costs no more than watching the directories.
    ignored: (file: string) => {
      const absolute = path.resolve(file);
      return !parents.includes(absolute) && !within(absolute);
    },
  });
  watcher.on('all', (_event, file) => {
    const absolute = path.resolve(file);
    if (closed || !within(absolute)) return;
    pending.add(absolute);
    schedule();
  });
  watcher.on('error', (error) => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  });
  const ready = new Promise<void>((resolve) => {
    watcher.once('ready', () => {
      resolve();
    });
  });
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** Names the changed files relative to `root` for the log: at most `limit`, then a count. */
export function describeChanges(changed: readonly string[], root: string, limit = 5): string {
  const names = changed.map((file) => path.relative(root, file).split(path.sep).join('/'));
  const shown = names.slice(0, limit).join(', ');
  const more = names.length > limit ? ` and ${String(names.length - limit)} more` : '';
  return `${String(names.length)} ${names.length === 1 ? 'change' : 'changes'}: ${shown}${more}`;
}
