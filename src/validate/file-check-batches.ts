import type { DataFile } from '../load/load-sources.js';
import { sourceFileOf, type SourceFile } from '../load/source-file.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import type { Quad, Term } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { createPool } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import { checkFile, type FileCheck, type FileCheckTools, type FileStage } from './file-check.js';
import type { FileBatch, FileResult, FileWorkerData } from './file-worker.js';

/** Options for {@link checkFiles}. */
export interface CheckFilesOptions {
  /** Worker threads to use; 1 checks in this thread. */
  workers: number;
  /** What a worker needs to build its own JSON Schema validator. */
  workerData: FileWorkerData;
  onProgress?: ProgressListener;
  /** Fewest files worth starting workers for (default {@link PARALLEL_MIN_FILES}). */
  parallelMinFiles?: number;
  /** Results already known (from the cache), by file index: those files are not checked again. */
  known?: ReadonlyMap<number, FileCheck>;
  /** Told each result checked now (not known), as it crosses threads, so it can be cached. */
  onChecked?: (index: number, result: FileResult) => void;
}

/** What the per-file layers found in all files, in file order. */
export interface FilesChecked {
  sources: SourceFile[];
  diagnostics: Diagnostic[];
  /** Every clean file's quads, merged (not yet canonical). */
  quads: Quad[];
  /** Milliseconds per stage, summed over files (over threads, when workers ran). */
  ms: Record<FileStage, number>;
}

/** Below this many files, starting workers (about 0.5 s each) costs more than it saves. */
export const PARALLEL_MIN_FILES = 2000;
/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH_FILES = 250;

/**
 * Runs layers 1–3 (see {@link checkFile}) on every file: in this thread for small profiles,
 * else on `workers` worker threads, each with its own JSON Schema validator and JSON-LD
 * context cache. The result is the same either way, file for file: the order is the sorted
 * file order, and blank node labels depend on a file's index, not on the thread.
 */
export async function checkFiles(
  files: readonly DataFile[],
  tools: FileCheckTools,
  options: CheckFilesOptions,
): Promise<FilesChecked> {
  const checked: FilesChecked = {
    sources: [],
    diagnostics: [],
    quads: [],
    ms: { load: 0, schema: 0, jsonld: 0 },
  };
  const add = (result: {
    source?: SourceFile;
    diagnostics: Diagnostic[];
    quads: Iterable<Quad>;
    ms: Record<FileStage, number>;
  }) => {
    if (result.source) checked.sources.push(result.source);
    checked.diagnostics.push(...result.diagnostics);
    for (const each of result.quads) checked.quads.push(each);
    for (const stage of ['load', 'schema', 'jsonld'] as const)
      checked.ms[stage] += result.ms[stage];
  };

  const known = options.known ?? new Map<number, FileCheck>();
  const fresh = files.flatMap((file, index) => (known.has(index) ? [] : [{ file, index }]));
  // Known results are merged in file order between the fresh ones, so the outcome does not
  // depend on which files were cached.
  let merged = 0;
  const addKnownBefore = (end: number) => {
    for (; merged < end; merged++) {
      const result = known.get(merged);
      if (result) add(result);
    }
  };

  if (options.workers <= 1 || fresh.length < (options.parallelMinFiles ?? PARALLEL_MIN_FILES)) {
    for (const { file, index } of fresh) {
      options.onProgress?.('files', index + 1, files.length);
      addKnownBefore(index);
      const result = await checkFile(file, index, tools);
      if (options.onChecked) {
        const { source, quads, ...rest } = result;
        options.onChecked(index, {
          ...rest,
          ...(source
            ? { source: { path: source.path, text: source.text, json: source.json } }
            : {}),
          quadIds: quadsToIds(quads),
        });
      }
      add(result);
      merged = index + 1;
    }
    addKnownBefore(files.length);
    options.onProgress?.('files', files.length, files.length);
    return checked;
  }

  const batches: FileBatch[] = [];
  for (let start = 0; start < fresh.length; start += BATCH_FILES) {
    batches.push({ id: batches.length, files: fresh.slice(start, start + BATCH_FILES) });
  }
  // Results are merged as they come, in batch order, while the workers go on with later ones.
  const waiting = new Map<number, BatchResults>();
  // Shared by every file's quads while they are merged, then dropped (see quadsFromIds).
  const terms = new Map<string, Term>();
  let nextBatch = 0;
  await runBatches(batches, options, files.length, known.size, (id, results) => {
    waiting.set(id, results);
    for (let ready = waiting.get(nextBatch); ready !== undefined; ready = waiting.get(nextBatch)) {
      const batch = batches[nextBatch++];
      waiting.delete(nextBatch - 1);
      for (const [offset, result] of ready.entries()) {
        const index = batch?.files[offset]?.index ?? merged;
        addKnownBefore(index);
        options.onChecked?.(index, result);
        const { quadIds, source, ...rest } = result;
        merged = index + 1;
        add({
          ...rest,
          ...(source
            ? { source: sourceFileOf(source.path, source.text, source.json, source.anchors) }
            : {}),
          quads: quadsFromIds(quadIds, terms),
        });
      }
    }
  });
  addKnownBefore(files.length);
  return checked;
}

type BatchResults = FileResult[];

/**
 * Hands batches to a pool of workers, two at a time each (so a worker never waits for this
 * thread between batches), and passes each batch's results on as they arrive. Rejects with a
 * {@link ProfileGraphError} (exit code 2) carrying the pool's diagnostic when a batch fails.
 */
async function runBatches(
  batches: readonly FileBatch[],
  options: CheckFilesOptions,
  totalFiles: number,
  knownFiles: number,
  onResults: (batchId: number, results: BatchResults) => void,
): Promise<void> {
  const pool = createPool<FileBatch, BatchResults>({
    entry: workerEntry(import.meta.url, 'file-worker'),
    purpose: 'checking files',
    size: Math.min(options.workers, batches.length),
    workerData: () => ({ data: options.workerData }),
    tasksPerWorker: 2,
  });
  let done = knownFiles;
  try {
    await Promise.all(
      batches.map(async (batch) => {
        const outcome = await pool.run(batch);
        if (!outcome.ok) throw new ProfileGraphError([outcome.diagnostic], 2);
        done += outcome.value.length;
        options.onProgress?.('files', done, totalFiles);
        onResults(batch.id, outcome.value);
      }),
    );
  } finally {
    await pool.close();
  }
}
