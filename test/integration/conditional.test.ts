import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopServer } from '../../src/serve/server.js';
import { rawRequest, type Reply } from '../support/http-client.js';
import { buildBundledSite, servedSparql, serveSite } from '../support/server.js';

// One conditional-request rule (RFC 9110 §13.2.2) for every GET answer, whoever renders it:
// a published document, a SPARQL result, the service description, the query page (HTML, here
// compressed) and an editor asset.

let origin: string;
let server: Server;
let assetPath: string;

beforeAll(async () => {
  ({ origin, server } = await serveSite(await buildBundledSite({}, { sparql: servedSparql() })));
  const page = await rawRequest(origin, 'GET', '/sparql', { accept: 'text/html' });
  const match = /src="(\/sparql\/assets\/[^"]+\.js)"/.exec(page.text);
  if (match?.[1] === undefined) throw new Error('the query page names no editor asset');
  assetPath = match[1];
});
afterAll(async () => {
  await stopServer(server);
});

const TARGETS: readonly [string, () => string, Record<string, string>][] = [
  ['a document', () => '/people/sheng-zha', { accept: 'text/turtle' }],
  [
    'a SPARQL GET result',
    () => `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 3')}`,
    { accept: 'application/sparql-results+json' },
  ],
  ['the service description', () => '/sparql', { accept: 'text/turtle' }],
  ['the query page', () => '/sparql', { accept: 'text/html', 'accept-encoding': 'gzip' }],
  ['an editor asset', () => assetPath, { 'accept-encoding': 'gzip' }],
];

describe.each(TARGETS)('conditional GET on %s', (_name, target, headers) => {
  const get = (extra: Record<string, string> = {}): Promise<Reply> =>
    rawRequest(origin, 'GET', target(), { ...headers, ...extra });
  let first: Reply;
  let etag: string;
  let lastModified: string;

  beforeAll(async () => {
    first = await get();
    etag = String(first.headers.etag);
    lastModified = String(first.headers['last-modified']);
  });

  it('sends a strong ETag and a Last-Modified with the 200', () => {
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false);
  });

  it.each<[string, number, (tag: string) => string]>([
    ['the exact tag', 304, (tag) => tag],
    ['the tag marked weak (W/)', 304, (tag) => `W/${tag}`],
    ['*', 304, () => '*'],
    ['a list holding the tag', 304, (tag) => `"other", ${tag}`],
    ['another tag', 200, () => '"other"'],
  ])('If-None-Match with %s → %i', async (_case, status, value) => {
    const reply = await get({ 'if-none-match': value(etag) });
    expect(reply.status).toBe(status);
    if (status === 304) {
      expect(reply.body.length).toBe(0);
      expect(reply.headers.etag).toBe(etag);
      expect(reply.headers['content-length']).toBeUndefined();
    }
  });

  it('If-Modified-Since at Last-Modified → 304; earlier → 200', async () => {
    expect((await get({ 'if-modified-since': lastModified })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await get({ 'if-modified-since': earlier })).status).toBe(200);
  });

  it('ignores If-Modified-Since when If-None-Match is present', async () => {
    const reply = await get({ 'if-modified-since': lastModified, 'if-none-match': '"other"' });
    expect(reply.status).toBe(200);
  });
});
