#!/usr/bin/env node
import { main } from './cli/main.js';

// The only file that touches `process`: everything else receives its I/O through CliIo.
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  cwd: process.cwd(),
  isTty: process.stdout.isTTY,
  env: process.env,
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
