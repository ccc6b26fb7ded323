import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PAGE_STYLES } from '../../src/publish/html/styles.js';
import { capturedIo } from '../support/captured-io.js';
import { findNginx, send, startNginx } from '../support/nginx.js';
import { REPO_ROOT } from '../support/profile.js';

/**
 * Issue #17: `build --sparql-endpoint URL` exports the query page, and the host configurations
 * send it its own Content-Security-Policy (the editor's scripts, requests to the endpoint's
 * origin), while documents keep theirs.
 */
const ENDPOINT = 'http://127.0.0.1:9/sparql';
const QUERY_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' http://127.0.0.1:9; base-uri 'none'; form-action 'self' http://127.0.0.1:9; frame-ancestors 'none'";
// The hash of the one stylesheet pages carry (CSP 3 §8.3), computed here from its text.
const DOCUMENT_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PAGE_STYLES).digest('base64')}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

const NGINX = findNginx();
if (NGINX === undefined && process.env.CI === 'true')
  throw new Error('nginx not found; .ci/run must install the "nginx" package');

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-policy-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function build(host: string): Promise<{ dist: string; out: string }> {
  const dist = path.join(work, host, 'dist');
  const io = capturedIo({ cwd: REPO_ROOT });
  const status = await main(
    ['build', '--host', host, '--sparql-endpoint', ENDPOINT, '--out', dist],
    io,
  );
  expect(io.err).toBe('');
  expect(status).toBe(0);
  return { dist, out: io.out };
}

describe(
  'the query page gets its own Content-Security-Policy from the host configuration',
  {
    timeout: 120_000,
  },
  () => {
    it.skipIf(NGINX === undefined)(
      `nginx sends it on /sparql and /sparql.html, and the documents' on documents (${NGINX ?? 'skipped: nginx not installed'})`,
      async () => {
        const { dist, out } = await build('nginx');
        expect(out).not.toContain('note: ');
        const nginx = await startNginx(NGINX ?? 'nginx', dist, path.join(work, 'nginx'));
        try {
          for (const [target, accept, policy] of [
            ['/sparql', 'text/html', QUERY_PAGE_POLICY],
            ['/sparql.html', undefined, QUERY_PAGE_POLICY],
            ['/people/sheng-zha', 'text/html', DOCUMENT_POLICY],
            ['/people/sheng-zha.html', undefined, DOCUMENT_POLICY],
          ] as const) {
            const reply = await send(nginx.origin, target, accept ? { accept } : {});
            expect(reply.status, target).toBe(200);
            expect(reply.headers['content-type'], target).toBe('text/html; charset=utf-8');
            expect(reply.headers['content-security-policy'], target).toBe(policy);
          }
          // The service description in Turtle carries no page policy.
          const turtle = await send(nginx.origin, '/sparql', { accept: 'text/turtle' });
          expect(turtle.status).toBe(200);
          expect(turtle.headers['content-security-policy']).toBeUndefined();
        } finally {
          await nginx.stop();
        }
      },
    );

    it("apache: .htaccess sets it after the documents' policy, for the query page only", async () => {
      const { dist } = await build('apache');
      const lines = (await readFile(path.join(dist, '.htaccess'), 'utf8')).split('\n');
      const documents = lines.findIndex((line) =>
        line.startsWith(`Header always set Content-Security-Policy "${DOCUMENT_POLICY}"`),
      );
      const own = lines.indexOf(
        `Header always set Content-Security-Policy "${QUERY_PAGE_POLICY}" "expr=(%{reqenv:REDIRECT_PG_KEY} =~ /:html$/ || %{reqenv:PG_KEY} =~ /:html$/) && (%{reqenv:REDIRECT_PG_BASE} == '/sparql' || %{reqenv:PG_BASE} == '/sparql')"`,
      );
      expect(documents).toBeGreaterThan(0);
      expect(own).toBeGreaterThan(documents);
    });

    it.each([
      [
        'netlify',
        `/sparql\n  Content-Security-Policy: ${QUERY_PAGE_POLICY}\n\n/sparql.html\n  Content-Security-Policy: ${QUERY_PAGE_POLICY}\n`,
      ],
      [
        'cloudflare',
        `/sparql\n  ! Content-Security-Policy\n  Content-Security-Policy: ${QUERY_PAGE_POLICY}\n\n/sparql.html\n  ! Content-Security-Policy\n  Content-Security-Policy: ${QUERY_PAGE_POLICY}\n`,
      ],
    ])('%s: _headers has the query page rules, after the site-wide one', async (host, rules) => {
      const { dist, out } = await build(host);
      expect(out).not.toContain('note: ');
      const headers = await readFile(path.join(dist, '_headers'), 'utf8');
      const blocks = headers.split('\n\n');
      expect(blocks[1]).toBe(
        `/*\n  X-Content-Type-Options: nosniff\n  Access-Control-Allow-Origin: *\n  Access-Control-Expose-Headers: ETag, Link, Content-Location, Vary, Last-Modified\n  Cache-Control: public, max-age=300, must-revalidate\n  Content-Security-Policy: ${DOCUMENT_POLICY}\n  Referrer-Policy: strict-origin-when-cross-origin`,
      );
      expect(headers).toContain(`\n${rules}`);
    });

    it.each(['github-pages', 's3'])('%s: the build says the page gets no policy', async (host) => {
      const { out } = await build(host);
      expect(out).toContain(
        `note: ${host} reads no header rules, so no Content-Security-Policy protects the query page; where you can set headers, send sparql.html with ${QUERY_PAGE_POLICY}\n`,
      );
    });
  },
);
