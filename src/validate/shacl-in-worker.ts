import { availableParallelism, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { ReportQuad } from './shacl-engine.js';
import { partitionForShacl } from './shacl-partition.js';
import type {
  ShaclWorkerData,
  ShaclWorkerMessage,
  ShaclWorkerReply,
} from './shacl-worker-protocol.js';

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
}

/**
 * Validates `quads` against `shapes` in worker threads and resolves to the report's triples:
 * split into parts spread over the workers when the shapes allow, whole in one worker
 * otherwise. Together the workers' old generations may use half the machine's memory (at most
 * 16 GB). Rejects with the engine's message when the shapes cannot be evaluated, when a worker
 * dies, or when `signal` aborts; the workers are stopped in every case.
 */
export async function validateInWorkers(
  shapes: readonly Quad[],
  quads: readonly Quad[],
  { partition, workers = availableParallelism(), partQuads = PART_QUADS, signal }: WorkerValidation,
): Promise<ReportQuad[]> {
  const count = partition ? Math.max(1, Math.min(workers, Math.ceil(quads.length / partQuads))) : 1;
  const heapMb = Math.min(16_384, Math.floor(totalmem() / 2 / 1024 / 1024 / count));
  const { filename, options } = workerEntry(import.meta.url, 'shacl-worker');
  const shapeIds = quadsToIds(shapes);
  const pool = Array.from(
    { length: count },
    () =>
      new Worker(filename, {
        ...options,
        workerData: { shapeIds } satisfies ShaclWorkerData,
        resourceLimits: { maxOldGenerationSizeMb: heapMb },
      }),
  );
  try {
    const report: ReportQuad[] = [];
    let expected = 0;
    let answered = 0;
    let sent = false;
    let settle = (): void => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      settle = () => {
        if (sent && answered === expected) resolve();
      };
      for (const worker of pool) {
        worker.on('message', (reply: ShaclWorkerReply) => {
          if (reply.kind === 'error') {
            reject(new Error(reply.message));
            return;
          }
          for (const each of quadsFromIds(reply.ids)) report.push(each);
          answered++;
          settle();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          reject(new Error(`the SHACL worker stopped (exit code ${String(code)})`));
        });
      }
      signal?.addEventListener('abort', () => {
        reject(new Error('SHACL validation was no longer needed'));
      });
    });
    // Every part is posted at once: the main thread goes on to the vocabulary and integrity
    // layers, which do not yield, and the workers take their queues in order meanwhile.
    if (partition) {
      let index = 0;
      for (const part of partitionForShacl(quads, partition.incoming, partQuads)) {
        const worker = pool[index % count] as Worker;
        post(worker, part.quads, {
          kind: 'run',
          part: { owned: part.owned, labelPrefix: `p${String(index)}_` },
        });
        index++;
        expected++;
      }
    } else {
      post(pool[0] as Worker, quads, { kind: 'run' });
      expected++;
    }
    sent = true;
    settle();
    await finished;
    return report;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

/** Sends one graph to validate, in chunks, then the order to run it. */
function post(worker: Worker, quads: readonly Quad[], run: ShaclWorkerMessage): void {
  for (let start = 0; start < quads.length; start += CHUNK_QUADS)
    worker.postMessage({
      kind: 'quads',
      ids: quadsToIds(quads.slice(start, start + CHUNK_QUADS)),
    } satisfies ShaclWorkerMessage);
  worker.postMessage(run);
}
