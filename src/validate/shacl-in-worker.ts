import { availableParallelism, totalmem } from 'node:os';
import { ProfileGraphError } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import type { Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { createPool, type TaskOutcome } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { ReportQuad } from './shacl-engine.js';
import { partitionForShacl } from './shacl-partition.js';
import type { ShaclTask, ShaclWorkerData } from './shacl-worker.js';

/**
 * From this many triples, SHACL runs in worker threads. shacl-engine copies the graph into its
 * own indexed dataset and allocates heavily while it validates: at 2 million triples that no
 * longer fits next to the rest of validation in V8's default 4 GB heap, and a worker's heap
 * limit is its own.
 */
export const SHACL_WORKER_MIN_QUADS = 200_000;
/** Quads per message, so no single message holds the whole graph twice. */
const CHUNK_QUADS = 100_000;
/**
 * Triples per part when the graph is split (see shacl-partition.ts). Small enough that each
 * validation allocates little and the parts spread over the threads; large enough that the
 * neighbourhoods parts repeat stay a small share.
 */
export const PART_QUADS = 25_000;

/** How {@link validateInWorkers} runs. */
export interface WorkerValidation {
  /**
   * Set when the shapes allow validating the graph part by part, with the predicates parts
   * follow backwards (see shacl-locality.ts). Without it, one worker validates the whole graph.
   */
  partition?: { incoming: readonly string[] } | undefined;
  /** Worker threads for the parts (default: one per core). */
  workers?: number;
  /** Triples per part (default {@link PART_QUADS}). */
  partQuads?: number;
  signal?: AbortSignal | undefined;
  /** Hears of the parts (or, validated whole, the one run) as they finish (stage `shacl`). */
  onProgress?: ProgressListener | undefined;
}

/**
 * Validates `quads` against `shapes` in worker threads and resolves to the report's triples:
 * split into parts spread over the workers when the shapes allow, whole in one worker
 * otherwise. Together the workers' old generations may use half the machine's memory (at most
 * 16 GB). Rejects with the engine's message (a plain Error) when the shapes cannot be
 * evaluated, and with a {@link ProfileGraphError} carrying a `runtime/*` diagnostic (exit
 * code 2) when a worker dies or `signal` aborts; the workers are stopped in every case.
 */
export async function validateInWorkers(
  shapes: readonly Quad[],
  quads: readonly Quad[],
  {
    partition,
    workers = availableParallelism(),
    partQuads = PART_QUADS,
    signal,
    onProgress,
  }: WorkerValidation,
): Promise<ReportQuad[]> {
  const count = partition ? Math.max(1, Math.min(workers, Math.ceil(quads.length / partQuads))) : 1;
  const heapMb = Math.min(16_384, Math.floor(totalmem() / 2 / 1024 / 1024 / count));
  const shapeIds = quadsToIds(shapes);
  const pool = createPool<ShaclTask, string[] | undefined>({
    entry: workerEntry(import.meta.url, 'shacl-worker'),
    purpose: 'validating SHACL',
    size: count,
    workerData: () => ({ data: { shapeIds } satisfies ShaclWorkerData }),
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    // Every part is sent at once: the main thread goes on to the vocabulary and integrity
    // layers, which do not yield, and the workers take their queues in order meanwhile.
    tasksPerWorker: Infinity,
  });
  try {
    const runs: Promise<TaskOutcome<string[] | undefined>>[] = [];
    if (partition) {
      let index = 0;
      for (const part of partitionForShacl(quads, partition.incoming, partQuads)) {
        const labelPrefix = `p${String(index++)}_`;
        runs.push(
          pool.run(
            { kind: 'run', ids: quadsToIds(part.quads), part: { owned: part.owned, labelPrefix } },
            { signal },
          ),
        );
      }
    } else {
      // In chunks, so no single message holds the whole graph twice; the pool of one worker
      // takes them in order.
      for (let start = 0; ; start += CHUNK_QUADS) {
        const ids = quadsToIds(quads.slice(start, start + CHUNK_QUADS));
        const last = start + CHUNK_QUADS >= quads.length;
        runs.push(pool.run(last ? { kind: 'run', ids } : { kind: 'quads', ids }, { signal }));
        if (last) break;
      }
    }
    // A graph sent in chunks is one run: only its last message validates.
    const counted = partition ? runs : runs.slice(-1);
    let finished = 0;
    onProgress?.('shacl', 0, counted.length);
    for (const run of counted)
      void run.then(() => {
        onProgress?.('shacl', ++finished, counted.length);
      });
    const report: ReportQuad[] = [];
    for (const outcome of await Promise.all(runs.map(firstFailureRejects))) {
      for (const each of quadsFromIds(outcome ?? [])) report.push(each);
    }
    return report;
  } finally {
    await pool.close();
  }
}

/** A run's report ids, or its failure as a rejection (see {@link validateInWorkers}). */
async function firstFailureRejects(
  running: Promise<TaskOutcome<string[] | undefined>>,
): Promise<string[] | undefined> {
  const outcome = await running;
  if (outcome.ok) return outcome.value;
  // The engine's own error: the shapes cannot be evaluated (shacl.ts says so).
  if (outcome.diagnostic.code === 'runtime/task-failed' && outcome.error)
    throw new Error(outcome.error.message);
  throw new ProfileGraphError([outcome.diagnostic], 2);
}
