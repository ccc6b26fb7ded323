// Issue #14 item 4: real framework sites embed the profile through profile-graph/embed.
// examples/astro and examples/next each build one static page from data/ (`astro build`,
// `next build` with `output: 'export'`), offline. The built page must validate as the page
// profile-graph builds itself does (`validate` on the HTML: no error, the same findings), and
// the graph it embeds must be the graph `convert --data data` writes.
//
// The examples depend on profile-graph as `file:../..`: this checkout, its dist/ (`npm run
// build`, which .ci/run runs before the tests). Their node_modules come from `npm ci` in each
// example (.ci/run, with the network); locally the test skips an example not installed, saying
// so, and under CI (CI=true) that is a failure.
//
// Both sides run outside git with the same SOURCE_DATE_EPOCH, so the page's dateModified is the
// same day and neither has a dateCreated from history (the examples read no history).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { jsonLdOfPage } from '../../src/load/html-scripts.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { Quad } from '../../src/rdf/data-factory.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { readRdf } from '../../src/rdf/read-rdf.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);

/** 2026-01-01T00:00:00Z: the build date of every page here. */
const SOURCE_DATE_EPOCH = '1767225600';
const BASE_URL = 'http://localhost:8080/';

interface Example {
  name: string;
  /** The build's output folder, relative to the example. */
  out: string;
}

const EXAMPLES: Example[] = [
  { name: 'astro', out: 'dist' },
  { name: 'next', out: 'out' },
];

const folderOf = (example: Example) => path.join(REPO_ROOT, 'examples', example.name);
const installed = (example: Example) => existsSync(path.join(folderOf(example), 'node_modules'));

if (process.env.CI === 'true') {
  for (const example of EXAMPLES.filter((candidate) => !installed(candidate)))
    throw new Error(`examples/${example.name} has no node_modules; .ci/run must npm ci there`);
  if (!existsSync(path.join(REPO_ROOT, 'dist/embed.js')))
    throw new Error('dist/embed.js not found; .ci/run must run npm run build before the tests');
}

/** What a finding says, without where: the pages differ in layout, not in content. */
const finding = (d: Diagnostic) => `${d.severity} ${d.code}: ${d.message}`;

/** Runs the CLI in `cwd` with the fixed build date: exit status and standard output. */
async function cli(args: string[], cwd: string) {
  const io = capturedIo({ cwd });
  io.env = { SOURCE_DATE_EPOCH };
  const status = await main(args, io);
  return { status, out: io.out, err: io.err };
}

async function readQuads(text: string, format: 'jsonld' | 'nquads'): Promise<Quad[]> {
  const read = await readRdf(text, {
    format,
    file: '-',
    baseUrl: BASE_URL,
    documentLoader: createDocumentLoader(),
  });
  expect(read.diagnostics).toEqual([]);
  return read.quads;
}

/** The profile project (data, shapes, configuration) copied outside git. */
let project = '';
/** `convert --data data`'s graph. */
let converted: Quad[] = [];
/** What `validate` finds on the page profile-graph builds for the profile (its index.html). */
let ownPageFindings: string[] = [];

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'pg-frameworks-'));
  for (const entry of ['data', 'shapes', 'profile-graph.config.json'])
    await cp(path.join(REPO_ROOT, entry), path.join(project, entry), { recursive: true });
  const convert = await cli(['convert', '--data', 'data', '--to', 'nquads', '--no-cache'], project);
  expect(convert).toMatchObject({ status: 0, err: '' });
  converted = await readQuads(convert.out, 'nquads');
  const build = await cli(['build', '--out', 'site', '--no-cache'], project);
  expect(build.status).toBe(0);
  const own = await cli(['validate', 'site/index.html', '--format', 'json', '--no-cache'], project);
  expect(own.status).toBe(0);
  ownPageFindings = (JSON.parse(own.out) as Diagnostic[]).map(finding).sort();
}, 180_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe.each(EXAMPLES)('examples/$name', (example) => {
  const folder = folderOf(example);
  const skip = installed(example)
    ? undefined
    : `skipped: examples/${example.name} not installed (cd examples/${example.name} && npm ci)`;
  let page = '';

  beforeAll(async () => {
    if (skip) return;
    await rm(path.join(folder, example.out), { recursive: true, force: true });
    await exec('npm', ['run', 'build'], {
      cwd: folder,
      env: {
        ...process.env,
        SOURCE_DATE_EPOCH,
        // Nothing may reach the network: no usage reports.
        ASTRO_TELEMETRY_DISABLED: '1',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    page = await readFile(path.join(folder, example.out, 'index.html'), 'utf8');
  }, 600_000);

  it.skipIf(skip)(
    `builds a page that validates clean, as profile-graph's own page does ${skip ?? ''}`,
    async () => {
      const validated = await cli(
        ['validate', path.join(folder, example.out), '--format', 'json', '--no-cache'],
        REPO_ROOT,
      );
      expect(validated.status).toBe(0);
      const diagnostics = JSON.parse(validated.out) as Diagnostic[];
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // Every finding is on the profile page, and they are the findings of profile-graph's page.
      expect(new Set(diagnostics.map((d) => path.basename(d.file ?? '')))).toEqual(
        new Set(['index.html']),
      );
      expect(diagnostics.map(finding).sort()).toEqual(ownPageFindings);
    },
  );

  it.skipIf(skip)(
    `embeds one graph, isomorphic to convert --data data's ${skip ?? ''}`,
    async () => {
      const jsonLd = jsonLdOfPage(page);
      expect(jsonLd.blocks).toBe(1);
      // The one script's JSON, read alone: inside the page's array of blocks, a top-level
      // `{ "@context", "@graph" }` would be a named graph (JSON-LD 1.1 §4.9), not the default one.
      const [block] = JSON.parse(jsonLd.text) as unknown[];
      const embedded = await readQuads(JSON.stringify(block), 'jsonld');
      expect(embedded.length).toBe(converted.length);
      expect(isomorphic(embedded, converted)).toBe(true);
    },
  );
});
