/** What a writer thread is started with: the folder it writes into and the files' mtime. */
export interface WriteWorkerData {
  root: string;
  mtimeMs: number;
}

/**
 * To a writer thread: a batch of files whose bodies lie end to end in `bytes` (transferred, not
 * copied), or the order to finish and report its folders.
 */
export type WriteWorkerMessage =
  | {
      kind: 'write';
      files: { path: string; end: number; compress: boolean }[];
      bytes: ArrayBuffer;
    }
  | { kind: 'finish' };

/** From a writer thread: a batch written (with what it wrote), its folders, or why it failed. */
export type WriteWorkerReply =
  | { kind: 'written'; files: number; bytes: number }
  | { kind: 'finished'; folders: string[] }
  | { kind: 'error'; code?: string; message: string };
