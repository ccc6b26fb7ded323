/**
 * The stages a long run reports, in the order they run, each with what it counts: `setup`
 * (reading the configuration, shapes and vocabulary), `files` (JSON syntax, JSON Schema and
 * JSON-LD, per file), `dataset` (the canonical graph), `vocabulary` and `integrity` (node
 * occurrences), `shacl` (parts of the graph), `render` (documents), `write` (the export's
 * last files and its swap into place) and `push` (triples sent to a store).
 */
export const PROGRESS_STAGES = {
  setup: 'steps',
  files: 'files',
  dataset: 'triples',
  vocabulary: 'nodes',
  integrity: 'nodes',
  shacl: 'parts',
  render: 'documents',
  write: 'steps',
  push: 'triples',
} as const;

/** A stage of {@link PROGRESS_STAGES}. */
export type ProgressStage = keyof typeof PROGRESS_STAGES;

/**
 * Told about long work as it goes: the stage and how many of how many items are done (a stage
 * reports `0/total` when it starts and `total/total` when it ends). Long commands show it;
 * everything else ignores it.
 */
export type ProgressListener = (stage: ProgressStage, done: number, total: number) => void;

/** Counts a stage's items for a {@link ProgressListener}: see {@link countProgress}. */
export interface ProgressCounter {
  /** One more item done; the listener hears of it every `every` items. */
  tick(): void;
  /** The stage is done: the listener hears `total/total`. */
  end(): void;
}

/**
 * A counter that tells `listener` of `stage` at its start (`0/total`), every `every` items (so
 * a loop over millions of nodes calls it thousands of times, not millions) and at its end. Without
 * a listener it counts nothing.
 */
export function countProgress(
  listener: ProgressListener | undefined,
  stage: ProgressStage,
  total: number,
  every = 1024,
): ProgressCounter {
  if (listener === undefined) return { tick: () => undefined, end: () => undefined };
  let done = 0;
  listener(stage, 0, total);
  return {
    tick() {
      done++;
      if (done % every === 0 && done < total) listener(stage, done, total);
    },
    end() {
      listener(stage, total, total);
    },
  };
}
