import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { TimingsRecord } from '../../src/cli/timings.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-build-'));
});

async function run(argv: string[], cwd = REPO_ROOT) {
  const io = capturedIo({ cwd });
  const status = await main(argv, io);
  return { status, out: io.out, err: io.err };
}

/** A copy of the bundled profile to break. */
async function copyProfile(name: string): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir);
  for (const entry of ['data', 'shapes', 'profile-graph.config.json'])
    await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

/** Every file under a folder with its bytes and mtime. */
async function snapshot(dir: string): Promise<Map<string, { body: Buffer; mtime: number }>> {
  const out = new Map<string, { body: Buffer; mtime: number }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), {
      body: await readFile(full),
      mtime: (await stat(full)).mtimeMs,
    });
  }
  return out;
}

describe('profile-graph build', { timeout: 120_000 }, () => {
  it('validates, exports the bundled profile and says how much it wrote', async () => {
    const out = path.join(work, 'first');
    const timings = path.join(work, 'timings.json');
    // Without the cache every layer runs: another test's run may have left the input cached.
    const result = await run(['build', '--out', out, '--timings', timings, '--no-cache']);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    expect(result.out).toMatch(
      /^Built 25 documents \(171 triples, 5 warnings: run validate\) into \S+first: \d+ files, \d+\.\d (?:kB|MB), in \d+\.\d s\n$/,
    );
    const files = await snapshot(out);
    const count = Number(/: (\d+) files/.exec(result.out)?.[1]);
    expect(files.size).toBe(count);
    for (const file of [
      'people/sheng-zha.ttl',
      'index.html',
      'people/sheng-zha.ttl.gz',
      'nginx/server.conf',
      '.profile-graph/files.txt',
    ])
      expect(files.has(file), file).toBe(true);
    // The manifest lists exactly the files written.
    const manifest = files.get('.profile-graph/files.txt')?.body.toString('utf8');
    expect(manifest).toBe(`${[...files.keys()].sort().join('\n')}\n`);
    // Rendering happens as the export is written, and is reported as its own stage.
    const record = JSON.parse(await readFile(timings, 'utf8')) as TimingsRecord;
    expect(record.command).toBe('build');
    expect(Object.keys(record.stages)).toEqual([
      'setup',
      'load',
      'schema',
      'jsonld',
      'vocabulary',
      'integrity',
      'shacl',
      'render',
      'write',
    ]);
    expect(record.stages.render).toBeGreaterThan(0);
  });

  it('writes byte-identical files with the same mtimes, run after run', async () => {
    // Two processes, as two builds would be: the RDF libraries number blank nodes per process.
    const exec = promisify(execFile);
    const bin = [
      path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(REPO_ROOT, 'src/bin.ts'),
    ];
    const a = path.join(work, 'same-a');
    const b = path.join(work, 'same-b');
    await exec(process.execPath, [...bin, 'build', '--out', a], { cwd: REPO_ROOT });
    await exec(process.execPath, [...bin, 'build', '--out', b], { cwd: REPO_ROOT });
    const [first, second] = [await snapshot(a), await snapshot(b)];
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, { body, mtime }] of first) {
      expect(second.get(file)?.body.equals(body), file).toBe(true);
      expect(second.get(file)?.mtime, file).toBe(mtime);
    }
  });

  it('refuses invalid data with the located diagnostics and writes nothing', async () => {
    const dir = await copyProfile('invalid');
    const out = path.join(dir, 'dist');
    expect((await run(['build'], dir)).status).toBe(0);
    const before = await snapshot(out);
    await writeFile(
      path.join(dir, 'data', 'people', 'broken.jsonld'),
      '{\n  "@context": "https://schema.org",\n  "name": "A",,\n}\n',
    );
    const result = await run(['build'], dir);
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(
      'data/people/broken.jsonld:3:15 error syntax/invalid-json Invalid JSON: Unexpected token Comma found.',
    );
    expect(result.err).toMatch(/Nothing was written\.\n$/);
    expect(await snapshot(out)).toEqual(before);
  });

  it('refuses URLs that would share a file, naming both IRIs, and keeps the previous export', async () => {
    const dir = await copyProfile('collision');
    const out = path.join(dir, 'dist');
    expect((await run(['build'], dir)).status).toBe(0);
    const before = await snapshot(out);
    await writeFile(
      path.join(dir, 'data', 'organizations', 'index.jsonld'),
      '{\n  "@context": "https://schema.org",\n  "@type": "Organization",\n  "@id": "index#id",\n  "name": "Index"\n}\n',
    );
    const result = await run(['build'], dir);
    expect(result.status).toBe(1);
    expect(result.err).toContain(
      'error export/path-collision <http://localhost:8080/index> and <http://localhost:8080/> would both be written to "index.html".',
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('keeps the previous export when writing fails half-way, and leaves no temporary folder', async () => {
    const dir = await copyProfile('long-name');
    const out = path.join(dir, 'dist');
    expect((await run(['build'], dir)).status).toBe(0);
    const before = await snapshot(out);
    const long = 'x'.repeat(300);
    await writeFile(
      path.join(dir, 'data', 'organizations', 'long.jsonld'),
      `{\n  "@context": "https://schema.org",\n  "@type": "Organization",\n  "@id": "organizations/${long}#id",\n  "name": "Long"\n}\n`,
    );
    const result = await run(['build'], dir);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(
      /^error io\/write-failed Could not write the export to ".*dist" \(ENAMETOOLONG\): .*The previous export, if any, is unchanged\.\n$/,
    );
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(dir)).filter((name) => name.includes('dist'))).toEqual(['dist']);
  });

  it.each([
    [['build', '--out', 'data'], 2, 'error io/out-overlaps-input --out "'],
    [['build', '--out', '.'], 2, 'error io/out-overlaps-input --out "'],
    [['build', '--out', 'src'], 2, 'error io/not-an-export "'],
    [
      ['build', '--outt', 'x'],
      2,
      'error cli/unknown-flag profile-graph build: unknown option "--outt" (see profile-graph help build)\n',
    ],
    [
      ['build', 'extra'],
      2,
      'error cli/unexpected-argument profile-graph build: unexpected argument "extra" (see profile-graph help build)\n',
    ],
    [['build', '--out', ' '], 2, 'error usage/invalid build: --out needs a folder name.\n'],
    [
      ['build', '--base-url', 'example.org'],
      2,
      'error usage/invalid Base URL "example.org" must be',
    ],
  ])('%j exits %i: %s', async (argv, status, message) => {
    const result = await run(argv);
    expect(result.status).toBe(status);
    expect(result.out).toBe('');
    expect(result.err.startsWith(message)).toBe(true);
    expect(result.err.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses --data inside --out before validating, and leaves the data as it was', async () => {
    const dir = await copyProfile('overlap');
    const site = path.join(dir, 'site');
    await cp(path.join(dir, 'data'), path.join(site, 'data'), { recursive: true });
    const before = await snapshot(site);
    const result = await run(['build', '--data', 'site/data', '--out', 'site'], dir);
    expect(result.status).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `error io/out-overlaps-input --out "${site}" contains the input folder "${path.join(site, 'data')}": replacing it would delete the input. Choose an --out outside it.\n`,
    );
    expect(await snapshot(site)).toEqual(before);
  });

  it('with --sparql-endpoint, exports the query page, description and VoID naming that endpoint', async () => {
    // An address reserved for examples (RFC 2606): the build names it and never contacts it.
    const endpoint = 'https://store.example/sparql';
    const out = path.join(work, 'with-sparql');
    const result = await run(['build', '--out', out, '--sparql-endpoint', endpoint]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const files = await snapshot(out);
    const text = (file: string) => files.get(file)?.body.toString('utf8') ?? '';
    for (const file of ['sparql.html', 'sparql.ttl', 'sparql.jsonld', 'sparql.rdf'])
      expect(files.has(file)).toBe(true);
    const page = text('sparql.html');
    expect(page).toContain(`<form id="query-form" method="get" action="${endpoint}">`);
    expect(page).toContain(
      `&quot;endpoint&quot;:&quot;${endpoint}&quot;`.replaceAll('&quot;', '"'),
    );
    expect(page).toContain('The endpoint is read-only; its own limits apply.');
    // The editor's files are exported, where the page loads them from.
    const assets = [...page.matchAll(/(?:src|href)="\/(sparql\/assets\/[^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets).toHaveLength(3);
    for (const asset of assets) expect(files.has(asset)).toBe(true);
    expect(text('sparql.ttl')).toContain(`sd:endpoint <${endpoint}>`);
    expect(text('.well-known/void.ttl')).toContain(`void#sparqlEndpoint> <${endpoint}>`);
    // The nginx configuration sends the page the policy it needs (query-page-policy.test.ts
    // checks it on a real nginx), so the build has nothing to add.
    expect(text('nginx/maps.conf')).toContain(
      "connect-src 'self' https://store.example; base-uri 'none'; form-action 'self' https://store.example;",
    );
    expect(result.out).not.toContain('note: ');
  });

  it('takes the endpoint from sparqlEndpoint in the configuration, and exports none without it', async () => {
    const dir = await copyProfile('sparql-config');
    const plain = await run(['build', '--out', 'plain'], dir);
    expect(plain.status).toBe(0);
    expect(
      [...(await snapshot(path.join(dir, 'plain'))).keys()].filter((file) =>
        file.includes('sparql'),
      ),
    ).toEqual([]);
    const file = path.join(dir, 'profile-graph.config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...config, sparqlEndpoint: 'https://store.example/q' }));
    const result = await run(['build', '--out', 'with'], dir);
    expect(result.status).toBe(0);
    const page = await readFile(path.join(dir, 'with', 'sparql.html'), 'utf8');
    expect(page).toContain('action="https://store.example/q"');
    await writeFile(file, JSON.stringify({ ...config, sparqlEndpoint: 'store.example/q' }));
    const bad = await run(['build', '--out', 'bad'], dir);
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('"sparqlEndpoint" must be an absolute http(s) URL.');
  });

  it('refuses a --sparql-endpoint that is not an absolute http(s) URL (exit 2)', async () => {
    const result = await run([
      'build',
      '--out',
      path.join(work, 'bad-sparql'),
      '--sparql-endpoint',
      'ftp://x/sparql',
    ]);
    expect(result.status).toBe(2);
    expect(result.err).toContain(
      'SPARQL endpoint "ftp://x/sparql" must be an absolute http(s) URL',
    );
  });

  it('prints its help', async () => {
    const result = await run(['build', '--help']);
    expect(result.status).toBe(0);
    expect(result.out).toContain('Usage: profile-graph build [options]');
    expect((await run(['--help'])).out).toContain('  build      export the site as static files');
  });
});
