import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_STYLES_CSP_SOURCE } from '../../src/publish/html/styles.js';
import { currentResource, type Site } from '../../src/publish/site.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { RDF_FORMATS } from '../../src/rdf/formats.js';
import { readRdf } from '../../src/rdf/read-rdf.js';
import { stopServer } from '../../src/serve/server.js';
import { NEGOTIATION_TABLE } from '../support/negotiation-table.js';
import { rawRequest, type Reply } from '../support/http-client.js';
import { REPO_ROOT } from '../support/profile.js';
import { buildBundledSite, serveSite } from '../support/server.js';

let site: Site;
let origin: string;
let server: Server;
const documentLoader = createDocumentLoader();

// As `serve` runs: documents rendered on first request. The budget holds only a few documents,
// so the tests below also exercise eviction and re-rendering.
const CACHE_BYTES = 64 * 1024;

beforeAll(async () => {
  site = await buildBundledSite({}, { renderOnDemand: { maxBytes: CACHE_BYTES } });
  ({ origin, server } = await serveSite(site));
});
afterAll(async () => {
  await stopServer(server);
});

/** A raw HTTP request to the server under test. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return rawRequest(origin, method, path, headers);
}

describe('content negotiation (RFC 9110 §12)', () => {
  it.each(NEGOTIATION_TABLE)(
    'GET %s with Accept %j → %i %s',
    async (path, accept, status, contentType) => {
      const reply = await get(path, accept === undefined ? {} : { accept });
      expect(reply.status).toBe(status);
      expect(reply.headers['content-type']).toBe(contentType);
    },
  );

  it('honours the JSON-LD profile parameter (expanded, flattened)', async () => {
    const expanded = await get('/people/sheng-zha', {
      accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"',
    });
    expect(expanded.headers['content-type']).toBe(
      'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"',
    );
    expect(Array.isArray(JSON.parse(expanded.body.toString()))).toBe(true);
    const flattened = await get('/people/sheng-zha', {
      accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#flattened"',
    });
    expect(JSON.parse(flattened.body.toString())).toHaveProperty('@graph');
  });

  it('lists the available representations in a 406 body', async () => {
    const reply = await get('/people/sheng-zha', { accept: 'image/png' });
    expect(reply.body.toString()).toContain('text/turtle  /people/sheng-zha.ttl');
    expect(reply.body.toString()).toContain('text/html  /people/sheng-zha.html');
  });
});

describe('rendering on first request', () => {
  it('renders nothing before a request, then keeps the cache within its budget', async () => {
    const fresh = await buildBundledSite({}, { renderOnDemand: { maxBytes: CACHE_BYTES } });
    expect(fresh.cache?.size).toEqual({ resources: 0, bytes: 0 });
    for (const document of site.documents) await get(document.path, { accept: 'text/turtle' });
    expect(site.cache?.size.bytes).toBeLessThanOrEqual(CACHE_BYTES);
    expect(site.cache?.size.resources).toBeLessThan(site.documents.length);
  });

  it('answers a burst of concurrent requests for uncached documents, each with its own bytes', async () => {
    const eager = await buildBundledSite();
    const paths = site.documents.map((document) => document.path);
    const replies = await Promise.all(
      [...paths, ...paths].map((path) => get(path, { accept: 'application/n-triples' })),
    );
    for (const [index, reply] of replies.entries()) {
      const path = paths[index % paths.length] ?? '';
      const entry = eager.resources.get(path);
      const expected = (entry && currentResource(entry))?.representations.find(
        (each) => each.id === 'ntriples',
      )?.variants.identity.body;
      expect(reply.status, path).toBe(200);
      expect(reply.body.equals(expected ?? Buffer.alloc(0)), path).toBe(true);
    }
  });
});

describe('headers', () => {
  it('sends the negotiation, caching, CORS and security headers on a document', async () => {
    const reply = await get('/people/sheng-zha', { accept: 'text/turtle' });
    expect(reply.headers).toMatchObject({
      vary: 'Accept, Accept-Encoding',
      'content-location': '/people/sheng-zha.ttl',
      'cache-control': 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'ETag, Link, Content-Location, Vary, Last-Modified',
      'x-content-type-options': 'nosniff',
      'last-modified': site.lastModified.toUTCString(),
    });
    expect(reply.headers.etag).toMatch(/^"[\w-]{22}"$/);
    const link = String(reply.headers.link);
    for (const [type, href] of [
      ['text/html', '/people/sheng-zha.html'],
      ['application/ld+json', '/people/sheng-zha.jsonld'],
      ['application/rdf+xml', '/people/sheng-zha.rdf'],
      ['application/n-triples', '/people/sheng-zha.nt'],
    ]) {
      expect(link).toContain(`<${String(href)}>; rel="alternate"; type="${String(type)}"`);
    }
    expect(link).not.toContain('/people/sheng-zha.ttl>');
  });

  it('sends a strict Content-Security-Policy on HTML only', async () => {
    const html = await get('/people/sheng-zha');
    expect(html.headers['content-security-policy']).toBe(
      `default-src 'none'; style-src ${PAGE_STYLES_CSP_SOURCE}; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect((await get('/people/sheng-zha.ttl')).headers['content-security-policy']).toBeUndefined();
  });

  it('varies only on Accept-Encoding for a format URL', async () => {
    expect((await get('/people/sheng-zha.ttl')).headers.vary).toBe('Accept-Encoding');
  });

  it('gives every representation and encoding its own strong ETag', async () => {
    const etags = new Set<string>();
    for (const accept of [
      'text/html',
      'text/turtle',
      'application/ld+json',
      'application/rdf+xml',
    ]) {
      for (const encoding of ['identity', 'gzip', 'br']) {
        const reply = await get('/people/sheng-zha', { accept, 'accept-encoding': encoding });
        etags.add(String(reply.headers.etag));
      }
    }
    expect(etags.size).toBe(12);
  });

  it('compresses with brotli or gzip as negotiated, with the same content', async () => {
    const plain = await get('/', { accept: 'text/turtle' });
    const br = await get('/', { accept: 'text/turtle', 'accept-encoding': 'gzip, br' });
    const gzip = await get('/', { accept: 'text/turtle', 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotliDecompressSync(br.body)).toEqual(plain.body);
    expect(gunzipSync(gzip.body)).toEqual(plain.body);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect((await get('/', { 'accept-encoding': 'identity;q=0' })).status).toBe(406);
  });
});

describe('conditional requests, methods and bad input', () => {
  it('answers 304 to a matching If-None-Match, checked after negotiation', async () => {
    const turtle = await get('/people/sheng-zha', { accept: 'text/turtle' });
    const etag = String(turtle.headers.etag);
    const again = await get('/people/sheng-zha', { accept: 'text/turtle', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // The same validator does not match another representation of the same URL.
    expect(
      (await get('/people/sheng-zha', { accept: 'text/html', 'if-none-match': etag })).status,
    ).toBe(200);
    expect(
      (await get('/people/sheng-zha', { accept: 'text/turtle', 'if-none-match': `W/${etag}` }))
        .status,
    ).toBe(304);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, unless If-None-Match disagrees', async () => {
    const since = site.lastModified.toUTCString();
    expect((await get('/people/sheng-zha', { 'if-modified-since': since })).status).toBe(304);
    expect(
      (await get('/people/sheng-zha', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' }))
        .status,
    ).toBe(200);
    expect(
      (await get('/people/sheng-zha', { 'if-modified-since': since, 'if-none-match': '"other"' }))
        .status,
    ).toBe(200);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const head = await get('/people/sheng-zha', { accept: 'text/turtle' }, 'HEAD');
    const full = await get('/people/sheng-zha', { accept: 'text/turtle' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe(full.headers.etag);
  });

  it('answers a CORS preflight', async () => {
    const reply = await get(
      '/people/sheng-zha',
      { origin: 'https://example.org', 'access-control-request-method': 'GET' },
      'OPTIONS',
    );
    expect(reply.status).toBe(204);
    expect(reply.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, OPTIONS',
      allow: 'GET, HEAD, OPTIONS',
    });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 and Allow', async (method) => {
    const reply = await get('/people/sheng-zha', {}, method);
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it.each([
    ['/..%2f..%2fetc/passwd', 400],
    ['/people/%E0%A4%A', 400],
    ['/people/../data', 400],
    ['/%00', 400],
    [`/${'a'.repeat(3000)}`, 414],
  ])('refuses %s with %i, never a 500', async (path, status) => {
    expect((await get(path)).status).toBe(status);
  });

  it('answers a malformed Accept header with 400', async () => {
    expect((await get('/people/sheng-zha', { accept: ';;;' })).status).toBe(400);
  });

  it('refuses an Accept header over 4096 characters with 400 and says why', async () => {
    const accept = `${'text/turtle;q=0.5, '.repeat(800)}*/*`;
    expect(accept.length).toBeGreaterThan(15_000);
    const reply = await get('/people/sheng-zha', { accept });
    expect(reply.status).toBe(400);
    expect(reply.body.toString('utf8')).toBe(
      `Malformed Accept header: the header is ${accept.length} characters long; at most 4096 are accepted\n`,
    );
  });
});

describe('documents', () => {
  it('serves every document in every RDF format as exactly its graph', async () => {
    for (const document of site.documents) {
      for (const format of RDF_FORMATS) {
        const reply = await get(document.path, { accept: format.mediaType });
        expect(reply.status).toBe(200);
        const parsed = await readRdf(reply.body.toString('utf8'), {
          format: format.name,
          file: `${document.path}.${format.extension}`,
          baseUrl: 'http://localhost:8080/',
          documentLoader,
        });
        expect(parsed.diagnostics).toEqual([]);
        expect(
          isomorphic(parsed.quads, document.quads),
          `${document.path} as ${format.label}`,
        ).toBe(true);
      }
    }
  });

  it('embeds in each HTML page JSON-LD that yields exactly the Turtle of the same document', async () => {
    for (const document of site.documents) {
      const html = (await get(document.path)).body.toString('utf8');
      const scripts = [
        ...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
      ];
      expect(scripts).toHaveLength(1);
      const embedded = await readRdf(scripts[0]?.[1] ?? '', {
        format: 'jsonld',
        file: document.path,
        baseUrl: 'http://localhost:8080/',
        documentLoader,
      });
      const turtle = await get(document.path, { accept: 'text/turtle' });
      const fromTurtle = await readRdf(turtle.body.toString('utf8'), {
        format: 'turtle',
        file: document.path,
        baseUrl: 'http://localhost:8080/',
        documentLoader,
      });
      expect(isomorphic(embedded.quads, fromTurtle.quads), document.path).toBe(true);
    }
  });

  it('makes / a ProfilePage with mainEntity and the dates of the data’s git history', async () => {
    const html = (await get('/')).body.toString('utf8');
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
    const graph = (JSON.parse(json ?? '{}') as { '@graph': Record<string, unknown>[] })['@graph'];
    const page = graph.find((node) => node['@type'] === 'ProfilePage');
    const commits = execFileSync('git', ['log', '--format=%cI', '--', 'data'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    const day = (iso: string | undefined) => new Date(iso ?? '').toISOString().slice(0, 10);
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'data'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(page).toMatchObject({
      '@id': 'http://localhost:8080/',
      mainEntity: { '@id': 'http://localhost:8080/people/sheng-zha#id' },
      dateCreated: day(commits.at(-1)),
    });
    // An uncommitted edit of data/ (a developer's tree, never CI's clean clone) dates it later.
    if (dirty === '') expect(page?.dateModified).toBe(day(commits[0]));
    else expect(String(page?.dateModified) >= day(commits[0])).toBe(true);
  });

  it('dereferences every IRI in the data (without its fragment) to a description of it', async () => {
    const iris = new Set(
      site.quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value),
    );
    for (const iri of iris) {
      const url = new URL(iri);
      const reply = await get(url.pathname, { accept: 'text/turtle' });
      expect(reply.status, iri).toBe(200);
      expect(reply.body.toString('utf8'), iri).toContain(`<${iri}>`);
    }
  });

  it('serves a sitemap of every HTML document and robots.txt pointing at it', async () => {
    const sitemap = (await get('/sitemap.xml')).body.toString('utf8');
    for (const document of site.documents) expect(sitemap).toContain(`<loc>${document.iri}</loc>`);
    expect((await get('/robots.txt')).body.toString('utf8')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: http://localhost:8080/sitemap.xml\n',
    );
  });
});

describe('validators', () => {
  it('gives byte-identical formats of one document distinct strong ETags (N-Triples vs N-Quads)', async () => {
    const nt = await get('/organizations/amazon', { accept: 'application/n-triples' });
    const nq = await get('/organizations/amazon', { accept: 'application/n-quads' });
    expect(nt.body).toEqual(nq.body);
    expect(nt.headers.etag).not.toBe(nq.headers.etag);
  });
});
