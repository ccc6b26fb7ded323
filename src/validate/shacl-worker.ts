// A worker thread that runs SHACL on a large data graph (see validateInWorker): its heap is its
// own, sized for the job, so shacl-engine's copy of the graph, its indexes and its garbage stay
// out of the main thread's heap. Quads travel as n3 term ids, in chunks.
import { parentPort, workerData } from 'node:worker_threads';
import { toN3Quad, type Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { createShaclRun } from './shacl-engine.js';
import type {
  ShaclWorkerData,
  ShaclWorkerMessage,
  ShaclWorkerReply,
} from './shacl-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('shacl-worker must run in a worker thread');
const reply = (message: ShaclWorkerReply) => {
  port.postMessage(message);
};

const run = createShaclRun([...quadsFromIds((workerData as ShaclWorkerData).shapeIds)]);
// Reported when the run is asked for, as a rejected run rather than a crashed worker.
run.catch(() => undefined);
const data: Quad[] = [];

port.on('message', (message: ShaclWorkerMessage) => {
  if (message.kind === 'quads') {
    for (const quad of quadsFromIds(message.ids)) data.push(quad);
    return;
  }
  void (async () => {
    const report = await (await run)(data);
    // Report terms come from shacl-engine's RDF/JS factory: made n3 terms to get their ids.
    reply({ kind: 'report', ids: quadsToIds([...report].map(toN3Quad)) });
  })().catch((error: unknown) => {
    reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  });
});
