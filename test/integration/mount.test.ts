// profile-graph/server mounted in a host application: an express app and a plain node:http
// server answer the profile's resources with exactly the status, headers and bytes the `serve`
// command sends, and hand every other request to the host.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ProfileGraphError } from '../../src/model/diagnostic.js';
import { profileGraph, type ProfileGraphHandler } from '../../src/server.js';
import { capturedIo } from '../support/captured-io.js';
import { rawRequest, type Reply } from '../support/http-client.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${String(address.port)}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}

/** The headers that describe the response (Date is the clock's, not the server's choice). */
function described(reply: Reply): Record<string, unknown> {
  const { date, ...rest } = reply.headers;
  expect(date).toBeDefined();
  return rest;
}

let handler: ProfileGraphHandler;
let stopServe: () => void = () => undefined;
let serveExit: Promise<number>;
let serveOrigin: string;
let expressServer: Server;
let expressOrigin: string;
let plainServer: Server;
let plainOrigin: string;

beforeAll(async () => {
  const shutdown = new Promise<void>((resolve) => {
    stopServe = resolve;
  });
  const io = capturedIo({ cwd: REPO_ROOT, shutdown });
  serveExit = main(['serve', '--port', '0', '--quiet'], io);
  handler = await profileGraph({ cwd: REPO_ROOT });
  for (let waited = 0; !/Serving .* at http:\/\/\S+\//.test(io.out); waited += 100) {
    if (waited > 120_000) throw new Error(`serve did not start: ${io.out}${io.err}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  serveOrigin = /Serving .* at (http:\/\/\S+?)\//.exec(io.out)?.[1] ?? '';

  const app = express();
  app.use(handler);
  app.get('/host-route', (_request, response) => {
    response.type('text/plain').send('the host app');
  });
  app.use((_request, response) => {
    response.status(404).type('text/plain').send('the host app 404');
  });
  expressServer = createServer(app);
  expressOrigin = await listen(expressServer);

  plainServer = createServer((request, response) => {
    handler(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('the host server 404');
    });
  });
  plainOrigin = await listen(plainServer);
}, 180_000);

afterAll(async () => {
  stopServe();
  await serveExit;
  await close(expressServer);
  await close(plainServer);
});

describe('profile-graph/server', () => {
  it('publishes the bundled profile as serve does', () => {
    expect(handler.documents).toBe(25);
    expect(handler.triples).toBeGreaterThan(0);
  });

  it.each([
    ['/', { accept: 'text/html' }, 200],
    ['/people/sheng-zha', { accept: 'text/turtle' }, 200],
    ['/people/sheng-zha', { accept: 'text/turtle', 'accept-encoding': 'br, gzip' }, 200],
    ['/people/sheng-zha.jsonld', {}, 200],
    ['/', { accept: 'application/n-triples;q=0.9, text/html;q=0.1' }, 200],
    ['/people/sheng-zha', { accept: 'image/png' }, 406],
    ['/sitemap.xml', {}, 200],
  ])('GET %s %j: the same status, headers and bytes as serve', async (target, headers, status) => {
    const served = await rawRequest(serveOrigin, 'GET', target, headers);
    expect(served.status).toBe(status);
    const plain = await rawRequest(plainOrigin, 'GET', target, headers);
    const viaExpress = await rawRequest(expressOrigin, 'GET', target, headers);
    expect(plain.status).toBe(status);
    expect(described(plain)).toEqual(described(served));
    expect(plain.body.equals(served.body)).toBe(true);
    // express adds its own X-Powered-By to every response of the host app (its default); the
    // handler adds and removes nothing.
    expect(viaExpress.status).toBe(status);
    expect(described(viaExpress)).toEqual({ ...described(served), 'x-powered-by': 'Express' });
    expect(viaExpress.body.equals(served.body)).toBe(true);
  });

  it("sends serve's entity pages but for the query page's link, which only serve has", async () => {
    const headers = { accept: 'text/html' };
    const served = await rawRequest(serveOrigin, 'GET', '/people/sheng-zha', headers);
    const plain = await rawRequest(plainOrigin, 'GET', '/people/sheng-zha', headers);
    expect([served.status, plain.status]).toEqual([200, 200]);
    const link = /<p class="query-this">[^\n]*\n/;
    expect(served.body.toString('utf8')).toMatch(link);
    expect(plain.body.toString('utf8')).not.toMatch(link);
    expect(served.body.toString('utf8').replace(link, '')).toBe(plain.body.toString('utf8'));
  });

  it('answers conditional requests and HEAD as serve does', async () => {
    const first = await rawRequest(plainOrigin, 'GET', '/people/sheng-zha', {
      accept: 'text/turtle',
    });
    const etag = String(first.headers.etag);
    for (const [method, headers] of [
      ['GET', { accept: 'text/turtle', 'if-none-match': etag }],
      ['HEAD', { accept: 'text/turtle' }],
    ] as const) {
      const served = await rawRequest(serveOrigin, method, '/people/sheng-zha', headers);
      const mounted = await rawRequest(expressOrigin, method, '/people/sheng-zha', headers);
      expect(mounted.status).toBe(served.status);
      expect(described(mounted)).toEqual({ ...described(served), 'x-powered-by': 'Express' });
    }
  });

  it('passes paths it does not publish to the host application', async () => {
    expect((await rawRequest(expressOrigin, 'GET', '/host-route')).text).toBe('the host app');
    const missing = await rawRequest(expressOrigin, 'GET', '/no-such-page', {
      accept: 'text/turtle',
    });
    expect([missing.status, missing.text]).toEqual([404, 'the host app 404']);
    const plain = await rawRequest(plainOrigin, 'GET', '/no-such-page');
    expect([plain.status, plain.text]).toEqual([404, 'the host server 404']);
    // serve itself answers the same path with its own negotiated 404.
    expect((await rawRequest(serveOrigin, 'GET', '/no-such-page')).status).toBe(404);
  });

  it('rejects invalid data with the located diagnostics (exit code 1)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-mount-'));
    await cp(path.join(REPO_ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
    await cp(path.join(REPO_ROOT, 'shapes'), path.join(dir, 'shapes'), { recursive: true });
    await writeFile(path.join(dir, 'data/people/sheng-zha.jsonld'), '{ "@context": ');
    const rejected = await profileGraph({ cwd: dir }).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(ProfileGraphError);
    expect((rejected as ProfileGraphError).exitCode).toBe(1);
    expect((rejected as ProfileGraphError).diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'syntax/invalid-json',
        file: 'data/people/sheng-zha.jsonld',
        line: 1,
      }),
    );
  });

  it('leaves nothing running once the host server closes (the process exits by itself)', async () => {
    // A fresh process: a timer, worker or socket left behind would keep it alive past the
    // time limit, and execFile would then reject.
    const script = path.join(await mkdtemp(path.join(tmpdir(), 'pg-mount-')), 'host.mts');
    await writeFile(
      script,
      `import { createServer, get } from 'node:http';
import { profileGraph } from ${JSON.stringify(path.join(REPO_ROOT, 'src', 'server.ts'))};
const handler = await profileGraph({ cwd: ${JSON.stringify(REPO_ROOT)} });
const server = createServer((request, response) => {
  handler(request, response, () => { response.writeHead(404); response.end(); });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const status = await new Promise((resolve, reject) => {
  get(\`http://127.0.0.1:\${server.address().port}/people/sheng-zha\`, { agent: false, headers: { accept: 'text/turtle' } }, (reply) => {
    reply.resume();
    reply.on('end', () => resolve(reply.statusCode));
  }).on('error', reject);
});
server.close();
console.log(status);
`,
    );
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', script], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
    expect(stdout.trim()).toBe('200');
  });
});
