import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/profile.js';

const BIN = [
  path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
  path.join(REPO_ROOT, 'src/bin.ts'),
];

/**
 * Runs the CLI with its stdout read end closed before it writes anything, as `… | head -c1`
 * does once it has its byte: every write to stdout then fails with EPIPE.
 */
function runIntoClosedPipe(argv: readonly string[]) {
  const child = spawn(process.execPath, [...BIN, ...argv], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    err += chunk;
  });
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  return { child, exit, stderr: () => err };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('a closed stdout (EPIPE) is a quiet end', { timeout: 120_000 }, () => {
  it.each([
    ['convert', ['convert', '--data', 'data', '--to', 'turtle']],
    ['query', ['query', '--data', 'data', 'SELECT * WHERE { ?s ?p ?o }']],
  ])('%s exits 0 with nothing on stderr', async (_name, argv) => {
    const run = runIntoClosedPipe(argv);
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toBe('');
  });

  it('build exits 0 with nothing on stderr', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'pg-epipe-')), 'site');
    const run = runIntoClosedPipe(['build', '--out', out]);
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toBe('');
  });

  it('serve goes on answering after its access log hits the closed pipe', async () => {
    const port = await freePort();
    const run = runIntoClosedPipe(['serve', '--port', String(port)]);
    const url = `http://127.0.0.1:${String(port)}/people/sheng-zha`;
    const deadline = Date.now() + 90_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = await fetch(url).then(
        (reply) => reply.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    // Each request writes an access-log line into the closed pipe.
    for (let request = 0; request < 3; request += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await fetch(url)).status).toBe(200);
    }
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toBe('');
  });
});
