import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { ReportQuad } from './shacl-engine.js';
import type { ShaclWorkerData, ShaclWorkerReply } from './shacl-worker-protocol.js';

/**
 * From this many triples, SHACL runs in a worker thread. shacl-engine copies the graph into its
 * own indexed dataset and allocates heavily while it validates: at 2 million triples that no
 * longer fits next to the rest of validation in V8's default 4 GB heap, and a worker's heap
 * limit is its own.
 */
export const SHACL_WORKER_MIN_QUADS = 200_000;
/** Quads per message, so no single message holds the whole graph twice. */
const CHUNK_QUADS = 100_000;

/**
 * Validates `quads` against `shapes` in a new worker thread whose old generation may use half
 * the machine's memory (at most 16 GB), and resolves to the report's triples. Rejects with the
 * engine's message when the shapes cannot be evaluated, or when the worker dies.
 */
export async function validateInWorker(
  shapes: readonly Quad[],
  quads: readonly Quad[],
  signal?: AbortSignal,
): Promise<Iterable<ReportQuad>> {
  const { filename, options } = workerEntry(import.meta.url, 'shacl-worker');
  const heapMb = Math.min(16_384, Math.floor(totalmem() / 2 / 1024 / 1024));
  const worker = new Worker(filename, {
    ...options,
    workerData: { shapeIds: quadsToIds(shapes) } satisfies ShaclWorkerData,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  try {
    const report = new Promise<ShaclWorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => {
        reject(new Error(`the SHACL worker stopped (exit code ${String(code)})`));
      });
      signal?.addEventListener('abort', () => {
        reject(new Error('SHACL validation was no longer needed'));
      });
    });
    for (let start = 0; start < quads.length; start += CHUNK_QUADS)
      worker.postMessage({
        kind: 'quads',
        ids: quadsToIds(quads.slice(start, start + CHUNK_QUADS)),
      });
    worker.postMessage({ kind: 'run' });
    const answer = await report;
    if (answer.kind === 'error') throw new Error(answer.message);
    return [...quadsFromIds(answer.ids)];
  } finally {
    await worker.terminate();
  }
}
