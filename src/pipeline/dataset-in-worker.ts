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
 * How long the dataset worker may stay without a run before it is ended (30 s, the query
 * workers' figure). Its heap grows under a burst of reloads (about 40 MB after the first build,
 * 270 MB under `--watch` edits every second while serving) and V8 gave almost none of it back
 * while the thread lived (210 MB a minute later), nor does glibc give back what the thread's
 * arena held. Ending it returns both; the next reload starts a fresh worker, which costs its
 * setup (about 1 s more than a warm run, 4 s on a loaded machine) once after a pause.
 */
export const DATASET_IDLE_TIMEOUT_MS = 30_000;

/** Options for {@link createDatasetWorker}. */
export interface DatasetWorkerOptions {
  /** Time the worker may hold no run before it is ended (default {@link DATASET_IDLE_TIMEOUT_MS}). */
  idleTimeoutMs?: number | undefined;
}

/**
 * Creates the one-thread pool the pipeline runs in. Close it when done (`close()`); idle, it
 * does not keep the process alive, and after `idleTimeoutMs` without a run its thread is ended
 * (never during a run); the next run starts another.
 */
export function createDatasetWorker(options: DatasetWorkerOptions = {}): DatasetWorker {
  return createPool<DatasetTask, DatasetReply>({
    entry: workerEntry(import.meta.url, 'dataset-worker'),
    purpose: 'building the dataset',
    size: 1,
    idleTimeoutMs: options.idleTimeoutMs ?? DATASET_IDLE_TIMEOUT_MS,
    minWorkers: 0,
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
