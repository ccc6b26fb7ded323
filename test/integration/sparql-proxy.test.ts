import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Site } from '../../src/publish/site.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { createApp } from '../../src/serve/app.js';
import { startServer, stopServer } from '../../src/serve/server.js';
import { createRemoteEngine, type RemoteEngineOptions } from '../../src/sparql/remote-engine.js';
import { createSparqlRoutes, sparqlService } from '../../src/sparql/routes.js';
import { createAuthorizedFetch } from '../../src/store/store-client.js';
import { capturedIo } from '../support/captured-io.js';
import { rawRequest, type Reply } from '../support/http-client.js';
import { REPO_ROOT } from '../support/profile.js';
import { buildBundledSite } from '../support/server.js';

/**
 * `/sparql` in front of an external store (`serve --sparql-endpoint`), against a local
 * node:http server that plays the store: what it is sent, and how each way a store can fail
 * (down, slow, resetting, garbage, error statuses, answers over the limits) is answered.
 */

/** What the fake store does with the next request. */
type Behaviour = (request: IncomingMessage, response: ServerResponse, body: string) => void;

interface FakeStore {
  url: string;
  /** The requests it received: method, headers and the form body's parameters. */
  received: { headers: IncomingMessage['headers']; form: URLSearchParams }[];
  behave(behaviour: Behaviour): void;
  close(): Promise<void>;
}

async function startFakeStore(): Promise<FakeStore> {
  let behaviour: Behaviour = () => undefined;
  const received: FakeStore['received'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, form: new URLSearchParams(body) });
      behaviour(request, response, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/sparql`,
    received,
    behave(next) {
      behaviour = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const json = (value: unknown): Behaviour => {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' });
    response.end(JSON.stringify(value));
  };
};

const TWO_ROWS = {
  head: { vars: ['s'] },
  results: {
    bindings: [
      { s: { type: 'uri', value: 'http://localhost:8080/people/a#id' } },
      { s: { type: 'uri', value: 'http://localhost:8080/people/b#id' } },
    ],
  },
};

const GRAPH = 'http://localhost:8080/';
const SELECT = 'SELECT ?s WHERE { ?s a <http://schema.org/Person> }';

let site: Site;
let store: FakeStore;
const servers: Server[] = [];

beforeAll(async () => {
  site = await buildBundledSite();
  store = await startFakeStore();
});
afterAll(async () => {
  await store.close();
});
afterEach(async () => {
  store.received.length = 0;
  for (const server of servers.splice(0)) await stopServer(server);
});

/** Serves the bundled Site with /sparql answered by the fake store (or `endpoint`). */
async function proxy(
  options: Partial<RemoteEngineOptions> = {},
  served: Site = site,
): Promise<string> {
  const siteRef: SiteRef = { current: served };
  const engine = createRemoteEngine({
    endpoint: new URL(store.url),
    graph: GRAPH,
    timeoutMs: 1000,
    ...options,
  });
  const app = createApp(siteRef, { routes: [createSparqlRoutes(siteRef, { engine }).router] });
  const server = await startServer(siteRef, app, { port: 0, host: '127.0.0.1' });
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${String(port)}`;
}

const get = (origin: string, query: string, headers: Record<string, string> = {}) =>
  rawRequest(origin, 'GET', `/sparql?query=${encodeURIComponent(query)}`, headers);

function expectFailure(reply: Reply, status: number, code: string, text: RegExp): void {
  expect({ status: reply.status, code: reply.headers['x-error-code'] }).toEqual({ status, code });
  expect(reply.text).toMatch(text);
  // A stack frame (`    at fn (file.js:1:2)`), not the located `at line 1, column 12:`.
  expect(reply.text).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
}

describe('/sparql forwarded to a store', () => {
  it('sends the query over the protocol with the site BASE and the pushed graph, then negotiates the answer', async () => {
    store.behave(json(TWO_ROWS));
    const origin = await proxy();
    const reply = await get(origin, SELECT, { Accept: 'text/csv' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.text).toBe(
      's\r\nhttp://localhost:8080/people/a#id\r\nhttp://localhost:8080/people/b#id\r\n',
    );
    const [sent] = store.received;
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers.accept).toBe('application/sparql-results+json');
    expect(sent?.form.get('query')).toBe(`BASE <http://localhost:8080/>\n${SELECT}`);
    expect(sent?.form.getAll('default-graph-uri')).toEqual([GRAPH]);
    expect(sent?.form.getAll('named-graph-uri')).toEqual([GRAPH]);
  });

  it("keeps the request's own dataset, and the query's FROM", async () => {
    store.behave(json(TWO_ROWS));
    const origin = await proxy();
    const mine = 'http://example.org/other';
    await rawRequest(
      origin,
      'GET',
      `/sparql?query=${encodeURIComponent(SELECT)}&default-graph-uri=${encodeURIComponent(mine)}`,
    );
    await get(origin, `SELECT ?s FROM <${mine}> WHERE { ?s ?p ?o }`);
    expect(store.received.map((each) => each.form.getAll('default-graph-uri'))).toEqual([
      [mine],
      [],
    ]);
    expect(store.received.map((each) => each.form.getAll('named-graph-uri'))).toEqual([[], []]);
  });

  it('validates with the ETag only: the store changes with pushes the Site never sees', async () => {
    store.behave(json(TWO_ROWS));
    const origin = await proxy();
    const first = await get(origin, SELECT);
    expect(first.headers['last-modified']).toBeUndefined();
    const since = await get(origin, SELECT, {
      'If-Modified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT',
    });
    expect(since.status).toBe(200);
    const etag = String(first.headers.etag);
    expect((await get(origin, SELECT, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('answers CONSTRUCT from the N-Triples the store sends, in the negotiated format', async () => {
    store.behave((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/n-triples; charset=UTF-8' });
      response.end(
        '<http://localhost:8080/people/a#id> <http://schema.org/name> "A" .\n<http://localhost:8080/people/a#id> <http://schema.org/knows> _:b1 .\n',
      );
    });
    const origin = await proxy();
    const reply = await get(origin, 'CONSTRUCT WHERE { ?s ?p ?o }', {
      Accept: 'application/n-quads',
    });
    expect(reply.status).toBe(200);
    expect(store.received[0]?.headers.accept).toBe('application/n-triples, text/turtle;q=0.9');
    expect(reply.text).toContain(
      '<http://localhost:8080/people/a#id> <http://schema.org/name> "A" .',
    );
    expect(reply.text.trim().split('\n')).toHaveLength(2);
  });

  it.each([
    ['an update', 'INSERT DATA { <a> <b> <c> }', 'sparql/update-refused'],
    [
      'SERVICE',
      'SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }',
      'sparql/service-refused',
    ],
    [
      'a query nested too deep',
      `SELECT * {${'{'.repeat(70)}${'}'.repeat(70)}}`,
      'sparql/too-complex',
    ],
  ])('refuses %s here, before the store sees it', async (_name, query, code) => {
    store.behave(json(TWO_ROWS));
    const origin = await proxy();
    expectFailure(await get(origin, query), 400, code, /./);
    expect(store.received).toHaveLength(0);
  });

  it('gives 504 sparql/store-timeout when the store does not answer in the time limit', async () => {
    store.behave(() => undefined);
    const origin = await proxy({ timeoutMs: 300 });
    const started = Date.now();
    const reply = await get(origin, SELECT);
    expectFailure(
      reply,
      504,
      'sparql/store-timeout',
      /did not answer within the time limit of 0\.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives 504 when the store stops sending halfway through its answer', async () => {
    store.behave((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' });
      response.write('{"head":{"vars":["s"]},"results":{"bindings":[');
    });
    const origin = await proxy({ timeoutMs: 300 });
    expectFailure(await get(origin, SELECT), 504, 'sparql/store-timeout', /time limit/);
  });

  it('gives 502 sparql/store-unreachable when the store resets the connection', async () => {
    store.behave((request) => {
      request.socket.destroy();
    });
    const origin = await proxy();
    expectFailure(
      await get(origin, SELECT),
      502,
      'sparql/store-unreachable',
      /could not be queried/,
    );
  });

  it('gives 502 sparql/store-unreachable when nothing listens at the endpoint', async () => {
    const closed = await startFakeStore();
    await closed.close();
    const origin = await proxy({ endpoint: new URL(closed.url) });
    expectFailure(
      await get(origin, SELECT),
      502,
      'sparql/store-unreachable',
      /could not be queried: ECONNREFUSED/,
    );
  });

  it.each([
    [
      'bytes that are not JSON',
      'application/sparql-results+json',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    ],
    ['JSON that is not a result', 'application/sparql-results+json', Buffer.from('{"rows":[]}')],
    ['HTML', 'text/html', Buffer.from('<html>Login</html>')],
    [
      'an ASK answer to a SELECT',
      'application/sparql-results+json',
      Buffer.from('{"boolean":true}'),
    ],
  ])('gives 502 sparql/store-bad-answer for %s', async (_name, type, bytes) => {
    store.behave((_request, response) => {
      response.writeHead(200, { 'Content-Type': type });
      response.end(bytes);
    });
    const origin = await proxy();
    expectFailure(
      await get(origin, SELECT),
      502,
      'sparql/store-bad-answer',
      /is not a SELECT result/,
    );
  });

  it('gives 502 for broken N-Triples to a CONSTRUCT', async () => {
    store.behave((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/n-triples' });
      response.end('<a> <b> "unterminated .\n');
    });
    const origin = await proxy();
    expectFailure(
      await get(origin, 'CONSTRUCT WHERE { ?s ?p ?o }'),
      502,
      'sparql/store-bad-answer',
      /application\/n-triples that is not a CONSTRUCT result/,
    );
  });

  it.each([
    [400, 'Virtuoso 37000 Error SP030: SPARQL compiler', 400, 'sparql/store-refused'],
    [503, 'overloaded', 503, 'sparql/store-busy'],
    [500, 'internal', 502, 'sparql/store-failed'],
    [401, 'who are you', 502, 'sparql/store-failed'],
  ])('maps a store answering %i to %i %s, quoting it', async (status, text, expected, code) => {
    store.behave((_request, response) => {
      response.writeHead(status, { 'Content-Type': 'text/plain' });
      response.end(text);
    });
    const origin = await proxy();
    const reply = await get(origin, SELECT);
    expectFailure(reply, expected, code, new RegExp(`answered ${String(status)} .*: ${text}`));
    if (expected === 503) expect(reply.headers['retry-after']).toBe('1');
  });

  it('holds the row limit and the byte limit on the store answer', async () => {
    store.behave(json(TWO_ROWS));
    const rows = await proxy({ maxResults: 1 });
    expectFailure(await get(rows, SELECT), 400, 'sparql/too-many-results', /more than 1 solutions/);
    store.behave((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' });
      // Endless: the byte limit must stop reading, not wait for the end.
      const chunk = JSON.stringify(TWO_ROWS).repeat(100);
      const write = () => {
        if (!response.destroyed && response.write(chunk)) setImmediate(write);
      };
      response.on('drain', write);
      write();
    });
    const bytes = await proxy({ maxResultBytes: 10_000 });
    expectFailure(
      await get(bytes, SELECT),
      400,
      'sparql/result-too-large',
      /larger than 10000 bytes/,
    );
  });

  it('answers the store’s authentication challenge with the credentials, never showing them', async () => {
    store.behave((request, response) => {
      const expected = `Basic ${Buffer.from('reader:s3cret-pw').toString('base64')}`;
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="store"' });
        response.end('s3cret-pw is wrong');
        return;
      }
      json(TWO_ROWS)(request, response, '');
    });
    const good = await proxy({
      fetch: createAuthorizedFetch({
        kind: 'password',
        user: 'reader',
        password: 's3cret-pw',
        source: 'test',
      }),
    });
    expect((await get(good, SELECT)).status).toBe(200);
    const bad = await proxy({
      fetch: createAuthorizedFetch({
        kind: 'password',
        user: 'reader',
        password: 'nope',
        source: 'test',
      }),
    });
    const reply = await get(bad, SELECT);
    expectFailure(reply, 502, 'sparql/store-failed', /answered 401/);
    expect(reply.text).not.toContain('nope');
  });

  it('names the store and its graph in the service description', async () => {
    // As `serve --sparql-endpoint` publishes it: the Site's /sparql resource describes the store.
    const proxied = await buildBundledSite(
      {},
      {
        sparql: sparqlService('http://localhost:8080/', {
          proxiedTo: { endpoint: store.url, graph: GRAPH },
        }),
      },
    );
    const origin = await proxy({}, proxied);
    const reply = await rawRequest(origin, 'GET', '/sparql', { Accept: 'application/n-triples' });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(
      `<${store.url}> <http://www.w3.org/ns/sparql-service-description#endpoint> <${store.url}> .`,
    );
    expect(reply.text).toMatch(
      /<http:\/\/www\.w3\.org\/ns\/sparql-service-description#name> <http:\/\/localhost:8080\/> \./,
    );
  });
});

describe('serve --sparql-endpoint', { timeout: 120_000 }, () => {
  /** Runs `serve` in `cwd` until `finish`, which expects a clean exit. */
  async function startServe(
    cwd: string,
    flags: string[],
  ): Promise<{ origin: string; finish: () => Promise<void> }> {
    let stop: () => void = () => undefined;
    const shutdown = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const io = capturedIo({ cwd, shutdown });
    io.env = {};
    const exit = main(['serve', '--port', '0', '--quiet', ...flags], io);
    let origin: string | undefined;
    for (let i = 0; i < 600 && origin === undefined; i++) {
      origin = /Serving .* at (http:\/\/\S+?)\//.exec(io.out)?.[1];
      if (origin === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (origin === undefined) throw new Error(`not serving: ${io.out} ${io.err}`);
    return {
      origin,
      async finish() {
        stop();
        expect(await exit).toBe(0);
      },
    };
  }

  it('forwards /sparql to the store and names it in VoID', async () => {
    store.behave(json(TWO_ROWS));
    const { origin, finish } = await startServe(REPO_ROOT, ['--sparql-endpoint', store.url]);
    try {
      const reply = await get(origin, SELECT, { Accept: 'application/sparql-results+json' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text)).toEqual(TWO_ROWS);
      // The store's graph was pushed from the configured base, whatever port serve is on.
      expect(store.received[0]?.form.getAll('default-graph-uri')).toEqual([GRAPH]);
      const voidReply = await rawRequest(origin, 'GET', '/.well-known/void', {
        Accept: 'application/n-triples',
      });
      expect(voidReply.text).toContain(`<http://rdfs.org/ns/void#sparqlEndpoint> <${store.url}> .`);
    } finally {
      await finish();
    }
  });

  it('takes the store from sparqlEndpoint in the configuration, and refuses a bad one there (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-proxy-'));
    const config = (sparqlEndpoint: string) =>
      writeFile(
        path.join(dir, 'profile-graph.config.json'),
        JSON.stringify({
          baseUrl: GRAPH,
          data: path.join(REPO_ROOT, 'data'),
          shapes: path.join(REPO_ROOT, 'shapes'),
          sparqlEndpoint,
        }),
      );
    await config('ftp://127.0.0.1/sparql');
    const bad = capturedIo({ cwd: dir });
    expect(await main(['serve', '--port', '0'], bad)).toBe(2);
    expect(bad.err).toContain('profile-graph.config.json:1:');
    expect(bad.err).toContain(
      'error config/invalid "sparqlEndpoint" must be an absolute http(s) URL.',
    );

    await config(store.url);
    store.behave(json(TWO_ROWS));
    const { origin, finish } = await startServe(dir, []);
    try {
      expect((await get(origin, SELECT)).status).toBe(200);
      expect(store.received).toHaveLength(1);
    } finally {
      await finish();
    }
  });

  it.each([
    [['--sparql-endpoint', 'http://user:pw@127.0.0.1:1/sparql'], /carries credentials/],
    [['--sparql-endpoint', 'ftp://127.0.0.1/sparql'], /must be an http\(s\) URL/],
    [['--sparql-graph', 'http://localhost:8080/'], /--sparql-graph needs --sparql-endpoint/],
  ])('refuses %j (exit 2), saying why', async (flags, message) => {
    const io = capturedIo({ cwd: REPO_ROOT });
    expect(await main(['serve', '--port', '0', ...flags], io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err).not.toContain('pw@');
  });
});
