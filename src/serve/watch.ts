import { watch, type FSWatcher } from 'node:fs';

/** Stops a watcher started by {@link watchDirectories}. */
export type StopWatching = () => void;

/**
 * Calls `onChange` once things settle after edits under any of the directories (recursive;
 * editors write files in several steps, so events are debounced). Changes that arrive while
 * `onChange` runs schedule exactly one more run afterwards, so the last edit always wins.
 */
export function watchDirectories(
  directories: readonly string[],
  onChange: () => Promise<void>,
  debounceMs = 150,
): StopWatching {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await onChange();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };
  const watchers: FSWatcher[] = directories.map((directory) =>
    watch(directory, { recursive: true }, schedule),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
