import { ProfileGraphError } from '../model/diagnostic.js';
import { createPool, type Pool, type TaskOutcome } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import type { ExportFile, WrittenFile } from './export-file.js';
import type { BatchWritten, WriteBatch, WriteWorkerData } from './write-worker.js';

/** What the writer threads wrote between them. */
export interface PoolSummary {
  files: number;
  bytes: number;
  /** Of `files`, those linked from the previous export. */
  reused: number;
  /** Every folder they created (absolute paths). */
  folders: string[];
  /** The documents' files they wrote or linked (see `FileWriter.written`). */
  written: WrittenFile[];
}

/** A batch is sent when it holds this many bytes or files: few messages, even load. */
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
/** Batches held per thread: one being written, one waiting, so no thread waits for this one. */
const QUEUED_PER_WORKER = 2;

/**
 * Writer threads for a large export: this thread renders and hands over files in batches (the
 * bodies transferred, not copied); the threads compress and write them (see FileWriter).
 * `write` waits while every thread has its queue full, so memory stays bounded by the batches
 * in flight. The first failure rejects the next `write` or `finish`: a thread's write error as
 * the fs error it was (so the caller words it the same way), a thread's death as a
 * {@link ProfileGraphError} with its `runtime/*` diagnostic. `close` always stops the threads.
 */
export class WriterPool {
  readonly #pool: Pool<WriteBatch, BatchWritten>;
  #batch: ExportFile[] = [];
  #batchBytes = 0;
  readonly #writing = new Set<Promise<void>>();
  #failure: Error | undefined;
  #files = 0;
  #bytes = 0;
  #reused = 0;
  readonly #folders: string[] = [];
  readonly #written: WrittenFile[] = [];

  constructor(root: string, mtime: Date, workers: number, previous?: string) {
    const data: WriteWorkerData = {
      root,
      mtimeMs: mtime.getTime(),
      ...(previous === undefined ? {} : { previous }),
    };
    this.#pool = createPool({
      entry: workerEntry(import.meta.url, 'write-worker'),
      purpose: 'writing the export',
      size: workers,
      workerData: () => ({ data }),
      tasksPerWorker: QUEUED_PER_WORKER,
      maxQueued: 0,
    });
  }

  /** Adds a file to the current batch, sending it when full (after waiting for room). */
  async write(file: ExportFile): Promise<void> {
    this.#batch.push(file);
    this.#batchBytes += file.body.length;
    if (this.#batchBytes >= BATCH_BYTES || this.#batch.length >= BATCH_FILES) await this.#send();
  }

  /** Sends what is left, waits until every file is written, and reports what was. */
  async finish(): Promise<PoolSummary> {
    if (this.#batch.length > 0) await this.#send();
    await Promise.all(this.#writing);
    this.#throwIfFailed();
    return {
      files: this.#files,
      bytes: this.#bytes,
      reused: this.#reused,
      folders: this.#folders,
      written: this.#written,
    };
  }

  /** Stops the threads (whatever state they are in). */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #send(): Promise<void> {
    this.#throwIfFailed();
    await this.#pool.whenRoom();
    // A batch may have failed meanwhile.
    this.#throwIfFailed();
    const bytes = new Uint8Array(this.#batchBytes);
    const files: WriteBatch['files'] = [];
    let end = 0;
    for (const file of this.#batch) {
      bytes.set(file.body, end);
      end += file.body.length;
      files.push({
        path: file.path,
        end,
        compress: file.compress === true,
        ...(file.owner === undefined ? {} : { owner: file.owner }),
        ...(file.link ? { link: true as const } : {}),
      });
    }
    this.#batch = [];
    this.#batchBytes = 0;
    const writing = this.#pool
      .run({ files, bytes: bytes.buffer }, { transfer: [bytes.buffer] })
      .then((outcome) => {
        this.#writing.delete(writing);
        this.#receive(outcome);
      });
    this.#writing.add(writing);
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure;
  }

  #receive(outcome: TaskOutcome<BatchWritten>): void {
    if (outcome.ok) {
      this.#files += outcome.value.files;
      this.#bytes += outcome.value.bytes;
      this.#reused += outcome.value.reused;
      for (const folder of outcome.value.folders) this.#folders.push(folder);
      for (const file of outcome.value.written) this.#written.push(file);
      return;
    }
    const { diagnostic, error } = outcome;
    this.#failure ??=
      diagnostic.code === 'runtime/task-failed' && error
        ? // Shaped like the fs error it was, so the caller words it the same way.
          Object.assign(
            new Error(error.message),
            error.code === undefined ? {} : { code: error.code },
          )
        : new ProfileGraphError([diagnostic], 2);
  }
}
