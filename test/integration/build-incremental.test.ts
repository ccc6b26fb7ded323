import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

/**
 * Issue #18: `build` into an existing export rewrites only the files whose bytes changed and
 * drops the files of documents that are gone. After each kind of edit, the incremental output
 * must be byte-identical to a cold build of the same data (a `diff -r`), and only the files
 * whose bytes changed may have a new mtime. With the cache (the build manifest), only the
 * documents whose inputs changed are rendered: exactly as many as the edit requires.
 */
let work: string;
let project: string;
let out: string;

async function build(outDir: string, host = 'nginx', cache = true) {
  const io = capturedIo({ cwd: project });
  const status = await main(
    ['build', '--host', host, '--out', outDir, ...(cache ? [] : ['--no-cache'])],
    io,
  );
  expect(io.err).toBe('');
  expect(status).toBe(0);
  return io.out;
}

/** How many documents a build said it rendered, of how many (all, when it says nothing). */
function renderedOf(said: string): [rendered: number, documents: number] {
  const documents = Number(/Built (\d+) documents/.exec(said)?.[1]);
  const counts = /; (\d+) documents rendered, (\d+) taken unchanged/.exec(said);
  return [counts ? Number(counts[1]) : documents, documents];
}

/** Every file under a folder with its bytes and mtime (POSIX paths). */
async function snapshot(dir: string): Promise<Map<string, { body: Buffer; mtimeMs: number }>> {
  const files = new Map<string, { body: Buffer; mtimeMs: number }>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), {
      body: await readFile(full),
      mtimeMs: (await stat(full)).mtimeMs,
    });
  }
  return files;
}

/** `diff -r`: the paths only one side has, and the paths whose bytes differ. */
function diffTrees(
  a: ReadonlyMap<string, { body: Buffer }>,
  b: ReadonlyMap<string, { body: Buffer }>,
): string[] {
  const differences: string[] = [];
  for (const [file, { body }] of a) {
    const other = b.get(file);
    if (other === undefined) differences.push(`only in incremental: ${file}`);
    else if (!other.body.equals(body)) differences.push(`differ: ${file}`);
  }
  for (const file of b.keys()) if (!a.has(file)) differences.push(`only in cold: ${file}`);
  return differences;
}

const ORGANIZATION = path.join('data', 'organizations');

/** The build manifests in the project's cache (`<cache>/build/xx/<key>`). */
async function manifestEntries(): Promise<string[]> {
  const folder = path.join(project, '.profile-graph', 'cache', 'build');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-incremental-'));
  project = path.join(work, 'project');
  await mkdir(project);
  for (const entry of ['data', 'shapes', 'profile-graph.config.json'])
    await cp(path.join(REPO_ROOT, entry), path.join(project, entry), { recursive: true });
  out = path.join(work, 'dist');
});

describe('build over an earlier export', { timeout: 300_000 }, () => {
  const edits: [string, () => Promise<void>][] = [
    [
      'change a value',
      async () => {
        const file = path.join(project, ORGANIZATION, 'lf-ai-data.jsonld');
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace('"name": "LF AI & Data"', '"name": "LF AI and Data"'));
      },
    ],
    [
      'add a file',
      async () => {
        // The same organization as onnx.jsonld at a second IRI: a document of its own.
        const text = await readFile(path.join(project, ORGANIZATION, 'onnx.jsonld'), 'utf8');
        await writeFile(
          path.join(project, ORGANIZATION, 'onnx-copy.jsonld'),
          text.replace('"organizations/onnx#id"', '"organizations/onnx-copy#id"'),
        );
      },
    ],
    [
      'rename an @id',
      async () => {
        const file = path.join(project, ORGANIZATION, 'onnx-copy.jsonld');
        const text = await readFile(file, 'utf8');
        await writeFile(
          file,
          text.replace('"organizations/onnx-copy#id"', '"organizations/onnx-renamed#id"'),
        );
      },
    ],
    [
      'delete a file',
      async () => {
        await rm(path.join(project, ORGANIZATION, 'onnx-copy.jsonld'));
      },
    ],
    [
      'change a shape',
      async () => {
        const file = path.join(project, 'shapes', 'profile.shacl.ttl');
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace('sh:name "Person" ;', 'sh:name "A person" ;'));
      },
    ],
    [
      'truncate the build manifest',
      async () => {
        const [entry, ...others] = await manifestEntries();
        expect(others).toEqual([]);
        if (entry === undefined) throw new Error('no build manifest in the cache');
        const bytes = await readFile(entry);
        await writeFile(entry, bytes.subarray(0, bytes.length - 10));
      },
    ],
    [
      'lose a file of the previous export',
      async () => {
        await rm(path.join(out, 'people', 'sheng-zha.ttl'));
      },
    ],
  ];
  /**
   * Documents each edit must render, of how many: the organization renamed and the two pages
   * that show its name; a new organization and the parent's page listing it (its back links);
   * the shape change renders none; a manifest that fails its checksum renders all; a file
   * missing from the previous export renders its document.
   */
  const mustRender: Record<string, [rendered: number, documents: number]> = {
    'change a value': [3, 25],
    'add a file': [2, 26],
    'rename an @id': [2, 26],
    'delete a file': [1, 25],
    'change a shape': [0, 25],
    'truncate the build manifest': [25, 25],
    'lose a file of the previous export': [1, 25],
  };
  const dataEdits = new Set(['change a value', 'add a file', 'rename an @id', 'delete a file']);

  it('starts from a cold build', async () => {
    await build(out);
    expect((await snapshot(out)).size).toBeGreaterThan(100);
  });

  it.each(edits)(
    'after "%s": byte-identical to a cold build, and only changed files are rewritten',
    async (edit, apply) => {
      await apply();
      // Taken after the edit: a file it removed from the export is not one kept or rewritten.
      const before = await snapshot(out);
      const said = await build(out);
      const incremental = await snapshot(out);
      const cold = path.join(work, `cold-${edit.replaceAll(/\W+/g, '-')}`);
      await build(cold, 'nginx', false);
      expect(diffTrees(incremental, await snapshot(cold))).toEqual([]);
      const [rendered, documents] = renderedOf(said);
      expect([edit, rendered, documents]).toEqual([edit, ...(mustRender[edit] ?? [])]);
      // For an edit of the data, every document rendered is one whose page changed: the
      // manifest rendered no more than it had to (and, byte-identical, no fewer).
      const pagesChanged = [...incremental].filter(
        ([file, now]) => file.endsWith('.html') && !before.get(file)?.body.equals(now.body),
      );
      if (dataEdits.has(edit)) expect(pagesChanged.length).toBe(rendered);

      const rewritten: string[] = [];
      const kept: string[] = [];
      for (const [file, now] of incremental) {
        const old = before.get(file);
        if (old?.body.equals(now.body) === true) {
          if (old.mtimeMs !== now.mtimeMs) rewritten.push(file);
          else kept.push(file);
        }
      }
      // Files with the same bytes keep their mtime: they were not written again.
      expect(rewritten).toEqual([]);
      expect(kept.length).toBeGreaterThan(incremental.size / 2);
      const changed = incremental.size - kept.length;
      expect(said).toContain(`(${String(kept.length)} unchanged, ${String(changed)} written)`);
      if (edit === 'rename an @id') {
        expect(incremental.has('organizations/onnx-renamed.html')).toBe(true);
        expect(incremental.has('organizations/onnx-copy.html')).toBe(false);
      }
      if (edit === 'delete a file')
        expect([...incremental.keys()].some((file) => file.includes('onnx-renamed'))).toBe(false);
    },
  );

  it('a build for another host replaces the export whole, reusing what it can', async () => {
    // Another host has other files per document: the manifest of the nginx export is not used.
    expect(renderedOf(await build(out, 'netlify'))).toEqual([25, 25]);
    const cold = path.join(work, 'cold-netlify');
    await build(cold, 'netlify', false);
    expect(diffTrees(await snapshot(out), await snapshot(cold))).toEqual([]);
  });
});
