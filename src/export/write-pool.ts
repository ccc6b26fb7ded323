import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry.js';
import type { ExportFile } from './export-file.js';
import type {
  WriteWorkerData,
  WriteWorkerMessage,
  WriteWorkerReply,
} from './write-worker-protocol.js';

/** What the writer threads wrote between them. */
export interface PoolSummary {
  files: number;
  bytes: number;
  /** Every folder they created (absolute paths). */
  folders: string[];
}

/** A batch is sent when it holds this many bytes or files: few messages, even load. */
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
/** Batches queued per thread: one being written, one waiting, so no thread waits for this one. */
const QUEUED_PER_WORKER = 2;

/**
 * Writer threads for a large export: this thread renders and hands over files in batches (the
 * bodies transferred, not copied); the threads compress and write them (see FileWriter).
 * `write` waits while every thread has its queue full, so memory stays bounded by the batches
 * in flight. The first failure (a thread's write error, a thread's death) rejects the next
 * `write` or `finish`; `close` always stops the threads.
 */
export class WriterPool {
  readonly #workers: { worker: Worker; queued: number }[];
  #batch: ExportFile[] = [];
  #batchBytes = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  #files = 0;
  #bytes = 0;
  readonly #folders: string[] = [];
  #finished = 0;

  constructor(root: string, mtime: Date, workers: number) {
    const { filename, options } = workerEntry(import.meta.url, 'write-worker');
    const workerData: WriteWorkerData = { root, mtimeMs: mtime.getTime() };
    this.#workers = Array.from({ length: workers }, () => {
      const entry = { worker: new Worker(filename, { ...options, workerData }), queued: 0 };
      entry.worker.on('message', (reply: WriteWorkerReply) => {
        this.#receive(entry, reply);
      });
      entry.worker.once('error', (error) => {
        this.#fail(error);
      });
      entry.worker.once('exit', (code) => {
        this.#fail(new Error(`an export writer thread stopped (exit code ${String(code)})`));
      });
      return entry;
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
    await this.#until(() => this.#workers.every((entry) => entry.queued === 0));
    for (const { worker } of this.#workers) worker.postMessage({ kind: 'finish' });
    await this.#until(() => this.#finished === this.#workers.length);
    return { files: this.#files, bytes: this.#bytes, folders: this.#folders };
  }

  /** Stops the threads (whatever state they are in). */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }

  async #send(): Promise<void> {
    await this.#until(() => this.#workers.some((entry) => entry.queued < QUEUED_PER_WORKER));
    const target = this.#workers.reduce((least, entry) =>
      entry.queued < least.queued ? entry : least,
    );
    const bytes = new Uint8Array(this.#batchBytes);
    const files: Extract<WriteWorkerMessage, { kind: 'write' }>['files'] = [];
    let end = 0;
    for (const file of this.#batch) {
      bytes.set(file.body, end);
      end += file.body.length;
      files.push({ path: file.path, end, compress: file.compress === true });
    }
    this.#batch = [];
    this.#batchBytes = 0;
    target.queued++;
    const message: WriteWorkerMessage = { kind: 'write', files, bytes: bytes.buffer };
    target.worker.postMessage(message, [bytes.buffer]);
  }

  #receive(entry: { queued: number }, reply: WriteWorkerReply): void {
    switch (reply.kind) {
      case 'written':
        entry.queued--;
        this.#files += reply.files;
        this.#bytes += reply.bytes;
        break;
      case 'finished':
        this.#finished++;
        for (const folder of reply.folders) this.#folders.push(folder);
        break;
      case 'error':
        // Shaped like the fs error it was, so the caller words it the same way.
        this.#fail(Object.assign(new Error(reply.message), { code: reply.code }));
        return;
    }
    this.#wake?.();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#wake?.();
  }

  async #until(condition: () => boolean): Promise<void> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (condition()) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }
}
