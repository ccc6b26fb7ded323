import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/export/export-site.js';
import { planExport } from '../../src/export/plan.js';
import type { Site } from '../../src/publish/site.js';
import { renderedResources } from '../../src/export/reference.js';
import { OFFERS } from '../../src/http/media-types.js';
import { stopServer } from '../../src/serve/server.js';
import { NEGOTIATION_TABLE } from '../support/negotiation-table.js';
import { findNginx, send, startNginx, type Reply } from '../support/nginx.js';
import { buildBundledSite, serveSite } from '../support/server.js';

/**
 * The static export behind a real nginx answers like `serve`: Debian's nginx, started as the
 * current user under a temporary prefix on 127.0.0.1 with the generated configuration, over
 * the exported folder; `serve` (the in-process server) on the same Site. For every document ×
 * every Accept header of the negotiation table, every format URL, the RDF-only resources, the
 * table's other rows, 406, 304, HEAD, OPTIONS, 405, 414, bad paths and a gzip case, both must
 * give the same status, Content-Type, Vary and body bytes (decompressed when the codings
 * differ: nginx has no brotli), and the same negotiation, caching, CORS and security headers.
 * What nginx does differently by design is asserted as such at the end, with the reason.
 *
 * Locally the test skips (saying why) without nginx; under CI (CI=true) that is a failure,
 * since .ci/run installs the Debian package.
 */
const NGINX = findNginx();
if (NGINX === undefined && process.env.CI === 'true') {
  throw new Error('nginx not found; .ci/run must install the "nginx" package');
}

/** Headers both servers must send alike (transport, validators and length are compared apart). */
const COMPARED_HEADERS = [
  'content-type',
  'vary',
  'content-location',
  'link',
  'cache-control',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'allow',
  'x-content-type-options',
  'content-security-policy',
  'referrer-policy',
] as const;

function summary(reply: Reply) {
  return {
    status: reply.status,
    headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, reply.headers[name]])),
    lastModified:
      reply.status === 200 || reply.status === 304 ? reply.headers['last-modified'] : '-',
    body: reply.body.toString('latin1'),
  };
}

const documentAccepts = [
  ...new Map(
    NEGOTIATION_TABLE.filter(([path]) => path === '/people/sheng-zha').map(([, accept]) => [
      accept,
      accept,
    ]),
  ).values(),
  'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"',
  'application/ld+json;profile="http://www.w3.org/ns/json-ld#flattened"',
  'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded";q=0, application/ld+json',
];

describe.skipIf(NGINX === undefined)(
  `the static export behind nginx answers like serve (${NGINX ?? 'skipped: nginx not installed'})`,
  () => {
    let site: Site;
    let work: string;
    let stopNginx: (() => Promise<void>) | undefined;
    let nginxOrigin: string;
    let serveOrigin: string;
    let server: Server;

    beforeAll(async () => {
      site = await buildBundledSite();
      work = await mkdtemp(path.join(tmpdir(), 'pg-nginx-'));
      const dist = path.join(work, 'dist');
      await exportSite(site, dist);
      ({ server, origin: serveOrigin } = await serveSite(site));

      ({ origin: nginxOrigin, stop: stopNginx } = await startNginx(NGINX ?? 'nginx', dist, work));
    }, 120_000);

    afterAll(async () => {
      await stopNginx?.();
      await stopServer(server);
      await rm(work, { recursive: true, force: true });
    });

    async function compare(target: string, headers: Record<string, string> = {}, method = 'GET') {
      const [fromServe, fromNginx] = await Promise.all([
        send(serveOrigin, target, headers, method),
        send(nginxOrigin, target, headers, method),
      ]);
      return { serve: summary(fromServe), nginx: summary(fromNginx), fromServe, fromNginx };
    }

    /** Compares a batch and reports every difference at once, naming the request. */
    async function expectSame(
      cases: readonly { target: string; headers?: Record<string, string>; method?: string }[],
    ) {
      const differences: unknown[] = [];
      for (const { target, headers = {}, method = 'GET' } of cases) {
        const { serve, nginx: fromNginx } = await compare(target, headers, method);
        if (JSON.stringify(serve) !== JSON.stringify(fromNginx)) {
          differences.push({
            request: `${method} ${target} ${JSON.stringify(headers)}`,
            serve,
            nginx: fromNginx,
          });
        }
      }
      expect(differences).toEqual([]);
    }

    it.each(documentAccepts)('every document with Accept %j', async (accept) => {
      await expectSame(
        site.documents.map((document) => ({
          target: document.path,
          headers: withAccept(accept),
        })),
      );
    });

    it.each(NEGOTIATION_TABLE.filter(([path]) => path !== '/people/sheng-zha'))(
      'GET %s with Accept %j (the table row)',
      async (target, accept, status, contentType) => {
        const { serve, nginx: fromNginx } = await compare(target, withAccept(accept));
        expect(serve.status).toBe(status);
        expect(serve.headers['content-type']).toBe(contentType);
        expect(fromNginx).toEqual(serve);
      },
    );

    it('every format URL of every resource, and every resource with every media type', async () => {
      const cases: { target: string; headers?: Record<string, string> }[] = [];
      for (const resource of renderedResources(site)) {
        for (const representation of resource.representations)
          cases.push({ target: representation.contentLocation });
        if (resource.negotiated)
          for (const offer of OFFERS)
            cases.push({ target: resource.path, headers: { accept: offer.mediaType } });
      }
      await expectSame(cases);
    });

    it('?format= on documents, RDF-only resources, plain files and unknown paths', async () => {
      const cases = [];
      for (const target of [
        '/people/sheng-zha',
        '/',
        '/dump',
        '/.well-known/void',
        '/sitemap.xml',
        '/nowhere',
        '/people/sheng-zha.ttl',
      ])
        for (const format of [
          'ttl',
          'html',
          'jsonld',
          'text/turtle',
          'application/rdf%2Bxml',
          'yaml',
          '',
          'NT',
          '+nq+',
        ])
          // A 406 quotes the value: serve decodes it first, nginx cannot (asserted below).
          if (!(
            target === '/sitemap.xml' && decodeURIComponent(format.replaceAll('+', ' ')) !== format
          ))
            cases.push({ target: `${target}?format=${format}` });
      cases.push(
        { target: '/people/sheng-zha?format' },
        { target: '/people/sheng-zha?a=1&format=nt&format=ttl' },
      );
      await expectSame(cases);
    });

    it('unknown paths and files that are not URLs of the site get the negotiated 404', async () => {
      const files = planExport(site).map((file) => `/${file.path}`);
      const notUrls = files.filter(
        (file) => !site.byLocation.has(file) && !site.resources.has(file),
      );
      expect(notUrls).toContain('/nginx/server.conf');
      expect(notUrls).toContain('/404.html');
      const cases = [];
      for (const target of [
        ...notUrls.slice(0, 40),
        '/404',
        '/index',
        '/people/',
        '/people',
        '/people/sheng-zha/',
        '/people/sheng-zha.TTL',
        '/people/sheng-zha.ttl.gz',
        '/.profile-graph/export.json',
        '/nginx/maps.conf',
        '/.htaccess',
        '/_headers',
      ])
        for (const accept of [
          undefined,
          'text/turtle',
          'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"',
          'image/png',
        ])
          cases.push({ target, headers: withAccept(accept) });
      await expectSame(cases);
    });

    it("conditional requests: If-None-Match with each server's own ETag, If-Modified-Since", async () => {
      for (const [target, accept] of [
        ['/people/sheng-zha', 'text/turtle'],
        ['/', 'text/html'],
        ['/people/sheng-zha.jsonld', 'text/html'],
        ['/dump', 'application/n-triples'],
        ['/sitemap.xml', '*/*'],
      ] as const) {
        for (const encoding of ['identity', 'gzip']) {
          const headers = { accept, 'accept-encoding': encoding };
          const first = await compare(target, headers);
          expect(first.nginx).toEqual(first.serve);
          const serveTag = String(first.fromServe.headers.etag);
          const nginxTag = String(first.fromNginx.headers.etag);
          const [serve304, nginx304] = await Promise.all([
            send(serveOrigin, target, { ...headers, 'if-none-match': serveTag }),
            send(nginxOrigin, target, { ...headers, 'if-none-match': nginxTag }),
          ]);
          expect(summary(nginx304)).toEqual(summary(serve304));
          expect(serve304.status).toBe(304);
          const [serveWeak, nginxWeak] = await Promise.all([
            send(serveOrigin, target, { ...headers, 'if-none-match': `W/${serveTag}` }),
            send(nginxOrigin, target, { ...headers, 'if-none-match': `W/${nginxTag}` }),
          ]);
          expect(summary(nginxWeak)).toEqual(summary(serveWeak));
          await expectSame([
            { target, headers: { ...headers, 'if-none-match': '"other"' } },
            {
              target,
              headers: { ...headers, 'if-modified-since': site.lastModified.toUTCString() },
            },
            {
              target,
              headers: { ...headers, 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
            },
            {
              target,
              headers: {
                ...headers,
                'if-modified-since': site.lastModified.toUTCString(),
                'if-none-match': '"other"',
              },
            },
          ]);
        }
      }
    });

    it("sends the same gzip bytes as serve (the .gz siblings are the Site's own variants)", async () => {
      for (const [target, accept] of [
        ['/people/sheng-zha', 'text/turtle'],
        ['/', undefined],
        ['/dump', 'application/rdf+xml'],
        ['/nowhere', undefined],
      ] as const) {
        const headers = { 'accept-encoding': 'gzip', ...withAccept(accept) };
        const { fromServe, fromNginx, serve, nginx: fromNginx2 } = await compare(target, headers);
        expect(fromNginx.headers['content-encoding']).toBe('gzip');
        expect(fromServe.headers['content-encoding']).toBe('gzip');
        expect(fromNginx.raw.equals(fromServe.raw)).toBe(true);
        expect(fromNginx2).toEqual(serve);
      }
      // A client that takes brotli too gets br from serve, gzip from nginx: the same content.
      const both = await compare('/people/sheng-zha', {
        accept: 'text/turtle',
        'accept-encoding': 'gzip, br',
      });
      expect(both.fromServe.headers['content-encoding']).toBe('br');
      expect(both.fromNginx.headers['content-encoding']).toBe('gzip');
      expect(both.nginx).toEqual(both.serve);
    });

    it('HEAD, OPTIONS, other methods, over-long URLs and bad paths', async () => {
      await expectSame([
        { target: '/people/sheng-zha', headers: { accept: 'text/turtle' }, method: 'HEAD' },
        { target: '/nowhere', method: 'HEAD' },
        {
          target: '/people/sheng-zha',
          headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
          method: 'OPTIONS',
        },
        { target: '/nowhere', method: 'OPTIONS' },
        ...['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => ({
          target: '/people/sheng-zha',
          method,
        })),
        { target: `/${'a'.repeat(3000)}` },
        { target: `/people/sheng-zha?${'a'.repeat(2100)}` },
        { target: '/..%2f..%2fetc/passwd' },
        { target: '/people/%E0%A4%A' },
        { target: '/people/../data' },
        { target: '/people/./sheng-zha' },
        { target: '/people/%2e%2e/data' },
        { target: '/%00' },
        { target: '/people\\sheng-zha' },
      ]);
    });

    it("malformed Accept headers: 400 with serve's text", async () => {
      await expectSame(
        [';;;', 'json', 'text/', '*/html', 'text/html;q=abc'].map((accept) => ({
          target: '/people/sheng-zha',
          headers: { accept },
        })),
      );
    });

    it('300 generated Accept headers agree (nginx PCRE evaluates the same tables as the unit tests)', async () => {
      const types = [
        'text/html',
        'application/xhtml+xml',
        'application/ld+json',
        'application/json',
        'text/turtle',
        'text/n3',
        'application/n-triples',
        'text/plain',
        'application/n-quads',
        'application/trig',
        'application/rdf+xml',
        'application/xml',
        'text/*',
        'application/*',
        '*/*',
        'image/png',
      ];
      const params = [
        '',
        ';charset=utf-8',
        ';charset=latin1',
        ';profile="http://www.w3.org/ns/json-ld#flattened"',
        ' ; level=1',
      ];
      const weights = ['', ';q=1', ';q=0', ';q=0.9', ';q=0.5', ';q=.2', ';q=0.01', ' ; q = 0.7'];
      let seed = 7;
      const next = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const cases = [];
      for (let i = 0; i < 300; i++) {
        const parts = Array.from(
          { length: 1 + next(4) },
          () =>
            `${types[next(types.length)] ?? ''}${params[next(params.length)] ?? ''}${weights[next(weights.length)] ?? ''}`,
        );
        cases.push({
          target: i % 2 === 0 ? '/people/sheng-zha' : '/dump',
          headers: { accept: parts.join(', ') },
        });
      }
      await expectSame(cases);
    });

    // What nginx does differently by design: asserted, so the README's list stays true.
    describe('documented differences (README, "### build")', () => {
      it('refuses no content coding: identity;q=0 is a 406 from serve, identity from nginx', async () => {
        const { fromServe, fromNginx } = await compare('/people/sheng-zha', {
          'accept-encoding': 'identity;q=0',
        });
        expect(fromServe.status).toBe(406);
        expect(fromNginx.status).toBe(200);
      });

      it('quotes an unknown ?format= value as sent, where serve quotes it decoded', async () => {
        for (const format of ['application/rdf%2Bxml', '+nq+']) {
          const { serve, nginx: fromNginx } = await compare(`/sitemap.xml?format=${format}`);
          expect(fromNginx.status).toBe(406);
          expect(fromNginx.headers).toEqual(serve.headers);
          const decoded = decodeURIComponent(format.replaceAll('+', ' '));
          expect(fromNginx.body).toBe(serve.body.replace(`"${decoded}"`, `"${format}"`));
        }
      });

      it('sends its own ETags (mtime-size) and no Last-Modified on a 404', async () => {
        const { fromServe, fromNginx } = await compare('/people/sheng-zha.ttl');
        expect(fromNginx.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
        expect(fromNginx.headers.etag).not.toBe(fromServe.headers.etag);
        const missing = await compare('/nowhere');
        expect(missing.fromServe.headers['last-modified']).toBe(site.lastModified.toUTCString());
        expect(missing.fromNginx.headers['last-modified']).toBeUndefined();
      });

      it('needs both validators to pass: a matching ETag with an old If-Modified-Since is a 200', async () => {
        const serveTag = String((await send(serveOrigin, '/people/sheng-zha.ttl')).headers.etag);
        const nginxTag = String((await send(nginxOrigin, '/people/sheng-zha.ttl')).headers.etag);
        const old = 'Thu, 01 Jan 1970 00:00:00 GMT';
        expect(
          (
            await send(serveOrigin, '/people/sheng-zha.ttl', {
              'if-none-match': serveTag,
              'if-modified-since': old,
            })
          ).status,
        ).toBe(304);
        expect(
          (
            await send(nginxOrigin, '/people/sheng-zha.ttl', {
              'if-none-match': nginxTag,
              'if-modified-since': old,
            })
          ).status,
        ).toBe(200);
      });

      it('compares weights in tenths: 0.95 and 0.9 tie and the server order decides', async () => {
        const { serve, nginx: fromNginx } = await compare('/people/sheng-zha', {
          accept: 'text/turtle;q=0.95, application/ld+json;q=0.9',
        });
        expect(serve.headers['content-type']).toBe('text/turtle; charset=utf-8');
        expect(fromNginx.headers['content-type']).toBe('application/ld+json');
      });
    });

    it('serves the export exactly as planned (no file changed on the way)', async () => {
      const files = planExport(site);
      const sitemap = files.find((file) => file.path === 'sitemap.xml');
      expect(sitemap).toBeDefined();
      expect(await readFile(path.join(work, 'dist', 'sitemap.xml'))).toEqual(sitemap?.body);
    });
  },
);

/** Request headers with this Accept header, or none. */
function withAccept(accept: string | undefined): Record<string, string> {
  return accept === undefined ? {} : { accept };
}
