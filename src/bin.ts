#!/usr/bin/env node
import { main } from './cli/main.js';

/**
 * A writer to stdout or stderr that ends quietly when the reader has gone (`… | head -1`):
 * EPIPE is emitted as an 'error' event, which would otherwise crash the process with a stack
 * trace (and take a running server down with it). After the first failure the stream is known
 * to be closed and later text is dropped, so a server keeps serving without its log.
 */
function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', () => {
    // EPIPE, or any other failure of the terminal or pipe: there is nowhere left to report it.
    closed = true;
  });
  return (text) => {
    if (closed || stream.destroyed) return;
    stream.write(text);
  };
}

// The only file that touches `process`: everything else receives its I/O through CliIo.
process.exitCode = await main(process.argv.slice(2), {
  stdout: pipeWriter(process.stdout),
  stderr: pipeWriter(process.stderr),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  cwd: process.cwd(),
  isTty: process.stdout.isTTY,
  env: process.env,
  progressLog: true,
  peakRssBytes: () => process.resourceUsage().maxRSS * 1024,
  shutdownRequested: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => {
        resolve();
      });
      process.once('SIGTERM', () => {
        resolve();
      });
    }),
});
