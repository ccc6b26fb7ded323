// The task module that runs the per-file layers (syntax, JSON Schema, JSON-LD) on a batch of
// files in a worker thread; see file-check-batches.ts. Quads travel as n3 term ids (4 strings per
// quad): exact, and far cheaper to clone than term objects.
import type { DataFile } from '../load/load-sources.js';
import type { SourceFile } from '../load/source-file.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { createDocumentLoader } from '../rdf/document-loader.js';
import { quadsToIds } from '../rdf/term-ids.js';
import { serveTasks } from '../runtime/serve-tasks.js';
import { checkFile, type FileCheck } from './file-check.js';
import { createJsonSchemaValidator, NO_JSON_SCHEMA } from './json-schema.js';

/** What a file worker is set up with. */
export interface FileWorkerData {
  shapesDir: string;
  root: string;
  baseUrl: string;
  /** Whether the JSON Schema layer runs (the `profile` rule set is chosen). */
  jsonSchema: boolean;
}

/** Files for a worker to check: each with its place in the sorted list (its blank node prefix). */
export interface FileBatch {
  id: number;
  files: { file: DataFile; index: number }[];
}

/** One file's result as it crosses threads: the source as plain data, quads as term ids. */
export type FileResult = Omit<FileCheck, 'quads' | 'source'> & {
  source?: Pick<SourceFile, 'path' | 'text' | 'json' | 'anchors'>;
  quadIds: string[];
};

serveTasks<FileBatch, FileResult[]>(async (data) => {
  const { shapesDir, root, baseUrl, jsonSchema } = data as FileWorkerData;
  const tools = {
    jsonSchema: jsonSchema ? await createJsonSchemaValidator(shapesDir, root) : NO_JSON_SCHEMA,
    documentLoader: createDocumentLoader(),
    baseUrl,
  };
  return async (batch) => {
    const results: FileResult[] = [];
    for (const { file, index } of batch.files) {
      let check: FileCheck;
      try {
        check = await checkFile(file, index, tools);
      } catch (error) {
        // Said at the file it happened in (the layers return diagnostics; this is a bug).
        throw new ProfileGraphError([
          {
            code: 'runtime/task-failed',
            severity: 'error',
            message: `Checking this file failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
            file: file.display,
          },
        ]);
      }
      const { quads, source, ...rest } = check;
      // The source as plain data: its positions are recomputed where needed, never cloned.
      const plain = source && {
        path: source.path,
        text: source.text,
        json: source.json,
        ...(source.anchors === undefined ? {} : { anchors: source.anchors }),
      };
      results.push({ ...rest, ...(plain ? { source: plain } : {}), quadIds: quadsToIds(quads) });
    }
    return results;
  };
});
