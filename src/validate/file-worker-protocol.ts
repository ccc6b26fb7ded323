import type { DataFile } from '../load/load-sources.js';
import type { SourceFile } from '../load/source-file.js';
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

/** One file's result as it crosses threads: the source as plain data, quads as term ids. */
export type FileResult = Omit<FileCheck, 'quads' | 'source'> & {
  source?: Pick<SourceFile, 'path' | 'text' | 'json'>;
  quadIds: string[];
};

/** A worker's answer: one result per file, in order; quads as n3 term ids, 4 per quad. */
export type FileBatchResult =
  | { id: number; results: FileResult[]; error?: never }
  | { id: number; error: string; results?: never };
