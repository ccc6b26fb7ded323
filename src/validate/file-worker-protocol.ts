import type { DataFile } from '../load/load-sources.js';
import type { FileCheck } from './file-check.js';

/** What a file worker is started with. */
export interface FileWorkerData {
  shapesDir: string;
  root: string;
  baseUrl: string;
}

/** Files for a worker to check: each with its place in the sorted list (its blank node prefix). */
export interface FileBatch {
  id: number;
  files: { file: DataFile; index: number }[];
}

/** A worker's answer: one result per file, in order; quads as n3 term ids, 4 per quad. */
export type FileBatchResult =
  | { id: number; results: (Omit<FileCheck, 'quads'> & { quadIds: string[] })[]; error?: never }
  | { id: number; error: string; results?: never };
