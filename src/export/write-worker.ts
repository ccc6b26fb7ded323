// A writer thread of the export (see write-pool.ts): compresses and writes the batches of files
// the main thread sends, while the main thread renders the next documents.
import { parentPort, workerData } from 'node:worker_threads';
import { FileWriter } from './file-writer.js';
import type {
  WriteWorkerData,
  WriteWorkerMessage,
  WriteWorkerReply,
} from './write-worker-protocol.js';

const { root, mtimeMs } = workerData as WriteWorkerData;
const port = parentPort;
if (port === null) throw new Error('write-worker must run in a worker thread');

const writer = new FileWriter(root, new Date(mtimeMs));
const reply = (message: WriteWorkerReply) => {
  port.postMessage(message);
};

port.on('message', (message: WriteWorkerMessage) => {
  if (message.kind === 'finish') {
    reply({ kind: 'finished', folders: [...writer.folders] });
    return;
  }
  const { files, bytes } = writer;
  try {
    let start = 0;
    for (const file of message.files) {
      writer.write({
        path: file.path,
        body: Buffer.from(message.bytes, start, file.end - start),
        ...(file.compress ? { compress: true as const } : {}),
      });
      start = file.end;
    }
  } catch (error) {
    const { code, message: text } = error as NodeJS.ErrnoException;
    reply({ kind: 'error', ...(code === undefined ? {} : { code }), message: text });
    return;
  }
  reply({ kind: 'written', files: writer.files - files, bytes: writer.bytes - bytes });
});
