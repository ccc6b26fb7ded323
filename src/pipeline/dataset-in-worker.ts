import { availableParallelism } from 'node:os';
import { toDisplayPath } from '../load/load-sources.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { quadsFromTable } from '../rdf/term-ids.js';
import { createPool, type Pool } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { DatasetReply, DatasetTask } from './dataset-worker.js';
import type { DatasetOutcome, ProjectLocation } from './run-pipeline.js';

/** The worker thread {@link runPipelineInWorker} runs in; one per server, replaced when ended. */
export type DatasetWorker = Pool<DatasetTask, DatasetReply>;

/**
 * Creates the one-thread pool the pipeline runs in. Close it when done (`close()`); idle, it
 * does not keep the process alive.
 */
export function createDatasetWorker(): DatasetWorker {
  return createPool<DatasetTask, DatasetReply>({
    entry: workerEntry(import.meta.url, 'dataset-worker'),
    purpose: 'building the dataset',
    size: 1,
  });
}

/** Options for {@link runPipelineInWorker}. */
export interface InWorkerOptions {
  /** Time the run may take once the worker has taken it; then the worker is ended. */
  timeoutMs?: number | undefined;
  /** Threads for validation's per-file layers, started by the worker (default: one per core). */
  workers?: number | undefined;
}

/**
 * Runs `buildDataset` for the project in the worker thread and returns its outcome, the quads
 * rebuilt from the tables the worker transferred. Past `timeoutMs` the worker is ended (its
 * validation threads with it) and the outcome is one `pipeline/timeout` error located at the
 * data folder. Rejects with a `ProfileGraphError` (exit 2) for what `buildDataset` itself throws
 * (a missing data folder, broken shapes) and when the worker fails.
 */
export async function runPipelineInWorker(
  worker: DatasetWorker,
  location: ProjectLocation,
  options: InWorkerOptions = {},
): Promise<DatasetOutcome> {
  const outcome = await worker.run(
    { location, workers: options.workers ?? availableParallelism() },
    { timeoutMs: options.timeoutMs },
  );
  if (!outcome.ok) {
    if (outcome.diagnostic.code === 'runtime/timeout') {
      return {
        ok: false,
        diagnostics: [
          {
            code: 'pipeline/timeout',
            severity: 'error',
            message: `Loading and validating the data took longer than ${String(options.timeoutMs)} ms and was stopped.`,
            file: toDisplayPath(location.dataDir, location.root),
            hint: 'find the file that makes validation slow (profile-graph validate --timings FILE), or raise the budget',
          },
        ],
        files: 0,
        triples: 0,
        timings: {},
      };
    }
    throw new ProfileGraphError(outcome.error?.diagnostics ?? [outcome.diagnostic]);
  }
  const reply = outcome.value;
  if (!reply.ok) return reply;
  return {
    ok: true,
    dataset: {
      quads: quadsFromTable(reply.quads),
      shapes: quadsFromTable(reply.shapes),
      lastModified: reply.lastModified,
      media: reply.media,
    },
    diagnostics: reply.diagnostics,
    files: reply.files,
    timings: reply.timings,
  };
}
