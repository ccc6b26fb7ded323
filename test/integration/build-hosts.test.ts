import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { HOST_NAMES, type HostName } from '../../src/export/hosts.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

let work: string;
const BASE = 'http://localhost:8080/';

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-hosts-'));
});

async function build(argv: string[], cwd = REPO_ROOT) {
  const io = capturedIo({ cwd });
  const status = await main(['build', ...argv], io);
  return { status, out: io.out, err: io.err };
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Every site-internal URL path an HTML page or the sitemap points at (href, src, <loc>). */
function linksOf(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"|<loc>([^<]*)<\/loc>/g)) {
    const raw = (match[1] ?? match[2] ?? '').replaceAll('&amp;', '&');
    if (raw === '' || raw.startsWith('#')) continue;
    const url = new URL(raw, BASE);
    if (url.origin !== new URL(BASE).origin) continue;
    links.push(decodeURIComponent(url.pathname));
  }
  return links;
}

/**
 * The exported file a host sends for a URL path: the file itself, or for a canonical URL its
 * page (`/x` → `x.html`, `/` → `index.html`), as every one of these hosts maps them, or for an
 * RDF-only resource the rewrite `_redirects` names.
 */
function fileFor(root: string, urlPath: string, rewrites: ReadonlyMap<string, string>): string {
  const rewritten = rewrites.get(urlPath) ?? urlPath;
  const relative = rewritten.slice(1);
  for (const candidate of [
    relative,
    rewritten.endsWith('/') ? `${relative}index.html` : `${relative}.html`,
  ]) {
    if (candidate !== '' && existsSync(path.join(root, candidate))) return candidate;
  }
  return '';
}

const EXPECTED: Record<
  HostName,
  { configs: string[]; formats: string[]; siblings: boolean; notFound: string[] }
> = {
  nginx: {
    configs: ['nginx/maps.conf', 'nginx/server.conf'],
    formats: ['html', 'jsonld', 'ttl', 'nt', 'nq', 'trig', 'rdf'],
    siblings: true,
    notFound: ['.htaccess', '_headers', '_redirects'],
  },
  apache: {
    configs: ['.htaccess'],
    formats: ['html', 'jsonld', 'ttl', 'nt', 'nq', 'trig', 'rdf'],
    siblings: true,
    notFound: ['nginx/server.conf', '_headers'],
  },
  netlify: {
    configs: ['_headers', '_redirects'],
    formats: ['html', 'jsonld', 'ttl', 'nt'],
    siblings: false,
    notFound: ['nginx/server.conf', '.htaccess'],
  },
  cloudflare: {
    configs: ['_headers', '_redirects'],
    formats: ['html', 'jsonld', 'ttl', 'nt'],
    siblings: false,
    notFound: ['nginx/server.conf', '.htaccess'],
  },
  'github-pages': {
    configs: [],
    formats: ['html', 'jsonld', 'ttl', 'nt'],
    siblings: false,
    notFound: ['nginx/server.conf', '.htaccess', '_headers', '_redirects'],
  },
  s3: {
    configs: [],
    formats: ['html', 'jsonld', 'ttl', 'nt'],
    siblings: false,
    notFound: ['nginx/server.conf', '.htaccess', '_headers', '_redirects'],
  },
};

describe('build --host', { timeout: 180_000 }, () => {
  it.each(HOST_NAMES)(
    '%s: writes its formats and configurations, and no page links to a missing file',
    async (host) => {
      const out = path.join(work, host);
      const result = await build(['--host', host, '--out', out]);
      expect(result.err).toBe('');
      expect(result.status).toBe(0);
      const files = await filesUnder(out);
      const expected = EXPECTED[host];
      for (const config of expected.configs) expect(files).toContain(config);
      for (const absent of expected.notFound) expect(files).not.toContain(absent);
      const personFiles = files
        .filter((file) => file.startsWith('people/sheng-zha.'))
        .map((file) => file.slice('people/sheng-zha.'.length));
      expect(personFiles.filter((extension) => !/\.(?:gz|br)$/.test(extension)).sort()).toEqual(
        [...expected.formats].sort(),
      );
      expect(files.some((file) => /\.(?:gz|br)$/.test(file))).toBe(expected.siblings);
      // The expanded and flattened JSON-LD forms are exported only when asked.
      expect(files.some((file) => file.startsWith('.profile-graph/jsonld/'))).toBe(false);
      const marker = JSON.parse(
        await readFile(path.join(out, '.profile-graph/export.json'), 'utf8'),
      ) as { host: string };
      expect(marker.host).toBe(host);

      const rewrites = new Map<string, string>();
      if (files.includes('_redirects')) {
        for (const line of (await readFile(path.join(out, '_redirects'), 'utf8')).split('\n')) {
          const [from, to] = line.split(' ');
          if (from?.startsWith('/') && to !== undefined) rewrites.set(from, to);
        }
      }
      const dangling: string[] = [];
      let crawled = 0;
      for (const file of files.filter((name) => /\.html$|^sitemap.*\.xml$/.test(name))) {
        for (const link of linksOf(await readFile(path.join(out, file), 'utf8'))) {
          crawled++;
          if (fileFor(out, link, rewrites) === '') dangling.push(`${file} → ${link}`);
        }
      }
      expect(crawled).toBeGreaterThan(300);
      expect(dangling).toEqual([]);
    },
  );

  it('--formats chooses the RDF formats, and pages link to exactly those', async () => {
    const out = path.join(work, 'formats');
    const result = await build(['--host', 'netlify', '--formats', 'ttl,rdf', '--out', out]);
    expect(result.status).toBe(0);
    const files = await filesUnder(out);
    expect(files.filter((file) => file.startsWith('people/sheng-zha.')).sort()).toEqual([
      'people/sheng-zha.html',
      'people/sheng-zha.rdf',
      'people/sheng-zha.ttl',
    ]);
    const page = await readFile(path.join(out, 'people/sheng-zha.html'), 'utf8');
    const alternates = [...page.matchAll(/<link rel="alternate" type="[^"]*" href="([^"]*)"/g)]
      .map((match) => match[1])
      .filter((href) => href?.startsWith('/people/sheng-zha.'));
    expect(alternates).toEqual(['/people/sheng-zha.ttl', '/people/sheng-zha.rdf']);
    // The page still embeds its JSON-LD, though no .jsonld file is written.
    expect(page).toContain('<script type="application/ld+json">');
  });

  it('--jsonld-forms exports the expanded and flattened forms', async () => {
    const out = path.join(work, 'forms');
    const result = await build(['--host', 'nginx', '--jsonld-forms', '--out', out]);
    expect(result.status).toBe(0);
    const files = await filesUnder(out);
    expect(files).toContain('.profile-graph/jsonld/expanded/people/sheng-zha.jsonld');
    expect(files).toContain('.profile-graph/jsonld/flattened/people/sheng-zha.jsonld');
  });

  it('the configuration\'s "host" is the default, and --host wins over it', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'pg-host-config-'));
    await writeFile(
      path.join(project, 'profile-graph.config.json'),
      `${JSON.stringify({ data: path.join(REPO_ROOT, 'data'), host: 'netlify' })}\n`,
    );
    const hostOf = async (out: string) =>
      (
        JSON.parse(await readFile(path.join(out, '.profile-graph/export.json'), 'utf8')) as {
          host: string;
        }
      ).host;
    const configured = path.join(work, 'configured');
    expect(await build(['--no-cache', '--out', configured], project)).toMatchObject({ status: 0 });
    expect(await hostOf(configured)).toBe('netlify');
    expect(await filesUnder(configured)).toContain('_redirects');
    const flagged = path.join(work, 'flagged');
    expect(
      await build(['--no-cache', '--host', 'apache', '--out', flagged], project),
    ).toMatchObject({ status: 0 });
    expect(await hostOf(flagged)).toBe('apache');
  });

  it.each(['validate', 'build', 'serve'])(
    '%s: a "host" in the configuration that names no host is located (exit 2)',
    async (command) => {
      const project = await mkdtemp(path.join(tmpdir(), 'pg-host-bad-'));
      await writeFile(
        path.join(project, 'profile-graph.config.json'),
        `{\n  "data": ${JSON.stringify(path.join(REPO_ROOT, 'data'))},\n  "host": "netlfy"\n}\n`,
      );
      const io = capturedIo({ cwd: project });
      const status = await main([command, '--no-cache'], io);
      expect({ status, out: io.out, err: io.err }).toEqual({
        status: 2,
        out: '',
        err: 'profile-graph.config.json:3:3 error config/invalid "host" "netlfy" is not a host build writes for; choose one of nginx, apache, netlify, cloudflare, github-pages, s3. (did you mean "netlify"?)\n',
      });
    },
  );

  it.each([
    [
      ['--host', 'vercel'],
      'build --host: unknown host "vercel"; choose one of nginx, apache, netlify, cloudflare, github-pages, s3.',
    ],
    [
      ['--formats', 'ttl,yaml'],
      'build --formats: unknown format "yaml"; choose from html, jsonld (.jsonld), turtle (.ttl), ntriples (.nt), nquads (.nq), trig (.trig), rdfxml (.rdf).',
    ],
    [
      ['--formats', ''],
      'build --formats: no format named; choose from html, jsonld (.jsonld), turtle (.ttl), ntriples (.nt), nquads (.nq), trig (.trig), rdfxml (.rdf).',
    ],
  ])('%j is a usage error (exit 2), before anything is built', async (argv, message) => {
    const out = path.join(work, 'never');
    const result = await build([...argv, '--out', out]);
    expect(result.status).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
