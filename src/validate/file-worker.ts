// A worker thread running the per-file layers (syntax, JSON Schema, JSON-LD) for the files the
// main thread sends in batches; see check-files.ts. Quads travel as n3 term ids (4 strings per
// quad): exact, and far cheaper to clone than term objects.
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentLoader } from '../rdf/document-loader.js';
import { quadsToIds } from '../rdf/term-ids.js';
import { checkFile } from './file-check.js';
import type { FileBatch, FileBatchResult, FileWorkerData } from './file-worker-protocol.js';
import { createJsonSchemaValidator } from './json-schema.js';

const { shapesDir, root, baseUrl } = workerData as FileWorkerData;
const port = parentPort;
if (port === null) throw new Error('file-worker must run in a worker thread');

const tools = {
  jsonSchema: await createJsonSchemaValidator(shapesDir, root),
  documentLoader: createDocumentLoader(),
  baseUrl,
};

// The main thread keeps two batches queued here; they run one after the other, like the files
// within a batch.
let previous: Promise<void> = Promise.resolve();

port.on('message', (batch: FileBatch) => {
  previous = previous
    .then(async () => {
      const results: FileBatchResult['results'] = [];
      for (const { file, index } of batch.files) {
        const { quads, source, ...check } = await checkFile(file, index, tools);
        const ids = quadsToIds(quads);
        // The source as plain data: its positions are recomputed where needed, never cloned.
        const plain = source && { path: source.path, text: source.text, json: source.json };
        results.push({ ...check, ...(plain ? { source: plain } : {}), quadIds: ids });
      }
      port.postMessage({ id: batch.id, results } satisfies FileBatchResult);
    })
    .catch((error: unknown) => {
      port.postMessage({
        id: batch.id,
        error: error instanceof Error ? error.message : String(error),
      });
    });
});
