// The task module of the export's writer threads (see write-pool.ts): compresses and writes the
// batches of files the main thread sends, while the main thread renders the next documents.
import type { WrittenFile } from './export-file.js';
import { FileWriter } from './file-writer.js';
import { serveTasks } from '../runtime/serve-tasks.js';

/** What a writer thread is set up with: the folder it writes into and the files' mtime. */
export interface WriteWorkerData {
  root: string;
  mtimeMs: number;
  /** The previous export, whose unchanged files are linked rather than written. */
  previous?: string;
}

/** A batch of files whose bodies lie end to end in `bytes` (transferred, not copied). */
export interface WriteBatch {
  files: { path: string; end: number; compress: boolean; owner?: string; link?: true }[];
  bytes: ArrayBuffer;
}

/** What a batch wrote, with the folders it created (absolute paths). A failed write throws its fs error. */
export interface BatchWritten {
  files: number;
  bytes: number;
  /** Of `files`, those linked from the previous export. */
  reused: number;
  folders: string[];
  /** The documents' files written or linked (see `FileWriter.written`). */
  written: WrittenFile[];
}

serveTasks<WriteBatch, BatchWritten>((data) => {
  const { root, mtimeMs, previous } = data as WriteWorkerData;
  const writer = new FileWriter(root, new Date(mtimeMs), previous);
  let foldersReported = 0;
  return (batch) => {
    const { files, bytes, reused } = writer;
    let start = 0;
    for (const file of batch.files) {
      writer.write({
        path: file.path,
        body: Buffer.from(batch.bytes, start, file.end - start),
        ...(file.compress ? { compress: true as const } : {}),
        ...(file.owner === undefined ? {} : { owner: file.owner }),
        ...(file.link ? { link: true as const } : {}),
      });
      start = file.end;
    }
    // A Set keeps insertion order: the folders made since the last batch are at its end.
    const folders = [...writer.folders].slice(foldersReported);
    foldersReported += folders.length;
    return {
      files: writer.files - files,
      bytes: writer.bytes - bytes,
      reused: writer.reused - reused,
      folders,
      // Taken out of the writer: each batch reports its own.
      written: writer.written.splice(0),
    };
  };
});
