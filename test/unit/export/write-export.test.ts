import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../src/export/export-file.js';
import { EXPORT_MARKER } from '../../../src/export/plan.js';
import {
  HOST,
  MANIFEST,
  writeExport as writeExportWith,
} from '../../../src/export/write-export.js';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';

const MTIME = new Date('2024-05-01T12:34:56Z');

const file = (filePath: string, text: string): ExportFile => ({
  path: filePath,
  body: Buffer.from(text, 'utf8'),
});
const exportOf = (...extra: ExportFile[]): ExportFile[] => [
  file(EXPORT_MARKER, '{}\n'),
  file('index.html', '<p>new</p>\n'),
  file('people/x.ttl', '<x> <y> <z>.\n'),
  ...extra,
];

let work: string;
let out: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-write-'));
  out = path.join(work, 'dist');
});

async function tree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return files;
}

async function rejection(promise: Promise<unknown>): Promise<ProfileGraphError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProfileGraphError))
    throw new Error(`expected a ProfileGraphError, got ${String(error)}`);
  return error;
}

// Every behaviour holds whether this thread writes or writer threads do.
describe.each([1, 2])('writeExport with %i writer thread(s)', (workers) => {
  const writeExport = (
    files: ExportFile[],
    outDir: string,
    mtime: Date,
  ): ReturnType<typeof writeExportWith> => writeExportWith(files, outDir, mtime, { workers });

  it('writes every file and reports the count and size', async () => {
    const files = exportOf();
    const manifest = `${[EXPORT_MARKER, MANIFEST, 'index.html', 'people/x.ttl'].join('\n')}\n`;
    expect(await writeExport(files, out, MTIME)).toEqual({
      files: 4,
      bytes: files.reduce((sum, each) => sum + each.body.length, 0) + manifest.length,
    });
    expect(await tree(out)).toEqual({
      [EXPORT_MARKER]: '{}\n',
      [MANIFEST]: manifest,
      'index.html': '<p>new</p>\n',
      'people/x.ttl': '<x> <y> <z>.\n',
    });
  });

  it("sets every file's and folder's mtime to the Site's Last-Modified", async () => {
    await writeExport(exportOf(), out, MTIME);
    for (const each of ['index.html', 'people/x.ttl', 'people', '.profile-graph', '.'])
      expect((await stat(path.join(out, each))).mtime.toISOString(), each).toBe(
        MTIME.toISOString(),
      );
  });

  it('replaces an earlier export completely and leaves no temporary folder', async () => {
    await writeExport(exportOf(file('old.ttl', 'old\n')), out, MTIME);
    await writeExport(exportOf(), out, MTIME);
    expect(Object.keys(await tree(out)).sort()).toEqual([
      EXPORT_MARKER,
      MANIFEST,
      'index.html',
      'people/x.ttl',
    ]);
    expect(await readdir(work)).toEqual(['dist']);
  });

  it('leaves the previous export untouched when a write fails, and cleans up', async () => {
    await writeExport(exportOf(), out, MTIME);
    const before = await tree(out);
    // A file name longer than any filesystem allows fails half-way through the write.
    const error = await rejection(
      writeExport(
        exportOf(
          file('a-first.ttl', 'written\n'),
          file(`people/${'x'.repeat(300)}.ttl`, 'too long\n'),
        ),
        out,
        MTIME,
      ),
    );
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ code: 'io/write-failed', severity: 'error' });
    expect(error.diagnostics[0]?.message).toMatch(
      /^Could not write the export to ".*dist" \(ENAMETOOLONG\): .*The previous export, if any, is unchanged\.$/,
    );
    expect(await tree(out)).toEqual(before);
    expect(await readdir(work)).toEqual(['dist']);
  });

  it('refuses to replace a folder that is not an export, and a file', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'precious.txt'), 'keep me\n');
    const error = await rejection(writeExport(exportOf(), out, MTIME));
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics[0]?.code).toBe('io/not-an-export');
    expect(error.diagnostics[0]?.message).toContain(
      `is not empty and is not a profile-graph export (no ${MANIFEST}); in the way: "precious.txt".`,
    );
    expect(await tree(out)).toEqual({ 'precious.txt': 'keep me\n' });

    const plain = path.join(work, 'file');
    await writeFile(plain, 'x');
    expect(
      (await rejection(writeExport(exportOf(), plain, MTIME))).diagnostics[0]?.message,
    ).toContain('exists and is not a folder');
  });

  it('writes into an empty folder and creates missing parents', async () => {
    await mkdir(out);
    await writeExport(exportOf(), out, MTIME);
    const nested = path.join(work, 'a', 'b', 'site');
    await writeExport(exportOf(), nested, MTIME);
    expect(Object.keys(await tree(nested))).toHaveLength(4);
  });

  it("writes a file's .gz and .br siblings when it asks and they are smaller", async () => {
    const text = '<p>a paragraph long enough to compress</p>\n'.repeat(40);
    const summary = await writeExport(
      [
        ...exportOf(),
        { ...file('people/big.html', text), compress: true },
        // Under one packet: not worth compressing, so no siblings.
        { ...file('people/small.html', '<p>small</p>\n'), compress: true },
      ],
      out,
      MTIME,
    );
    const written = await readdir(path.join(out, 'people'));
    expect(written.sort()).toEqual([
      'big.html',
      'big.html.br',
      'big.html.gz',
      'small.html',
      'x.ttl',
    ]);
    const bytesOf = (name: string) => readFile(path.join(out, 'people', name));
    expect(gunzipSync(await bytesOf('big.html.gz')).toString('utf8')).toBe(text);
    expect(brotliDecompressSync(await bytesOf('big.html.br')).toString('utf8')).toBe(text);
    expect(summary.files).toBe(8);
    expect((await tree(out))[MANIFEST]?.split('\n')).toEqual([
      EXPORT_MARKER,
      MANIFEST,
      'index.html',
      'people/big.html',
      'people/big.html.br',
      'people/big.html.gz',
      'people/small.html',
      'people/x.ttl',
      '',
    ]);
    expect((await stat(path.join(out, 'people', 'big.html.br'))).mtime).toEqual(MTIME);
  });

  it('writes an export of many batches', async () => {
    const many = Array.from({ length: 1_300 }, (_, at) =>
      file(`people/p${String(at).padStart(4, '0')}.ttl`, `<p${String(at)}> <q> <r> .\n`),
    );
    const summary = await writeExport(exportOf(...many), out, MTIME);
    expect(summary.files).toBe(1_304);
    const written = await tree(out);
    expect(Object.keys(written)).toHaveLength(1_304);
    expect(written['people/p1299.ttl']).toBe('<p1299> <q> <r> .\n');
  });
});

describe('writeExport never deletes what it did not write', () => {
  it('refuses a folder with files its manifest does not list, naming ten and counting the rest', async () => {
    await writeExportWith(exportOf(), out, MTIME);
    for (let at = 0; at < 12; at++) await writeFile(path.join(out, `mine-${String(at)}.txt`), 'x');
    await mkdir(path.join(out, 'people', 'notes'));
    const before = await tree(out);
    const error = await rejection(writeExportWith(exportOf(), out, MTIME));
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]?.code).toBe('io/not-an-export');
    expect(error.diagnostics[0]?.message).toBe(
      `"${out}" holds files the previous export did not write, which build will not delete: "mine-0.txt", "mine-1.txt", "mine-10.txt", "mine-11.txt", "mine-2.txt", "mine-3.txt", "mine-4.txt", "mine-5.txt", "mine-6.txt", "mine-7.txt" and 3 more. Move them away or choose another --out.`,
    );
    expect(await tree(out)).toEqual(before);
    expect(await readdir(work)).toEqual(['dist']);
  });

  it('carries a publishing checkout (.git, .nojekyll, CNAME) over untouched, first build and rebuild', async () => {
    await mkdir(path.join(out, '.git', 'refs'), { recursive: true });
    await writeFile(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n');
    await writeFile(path.join(out, '.nojekyll'), '');
    await writeFile(path.join(out, 'CNAME'), 'example.org\n');
    const checkout = await tree(out);
    const first = await writeExportWith(exportOf(file('old.ttl', 'old\n')), out, MTIME);
    expect(first.carried).toEqual(['.git', '.nojekyll', 'CNAME']);
    const second = await writeExportWith(exportOf(), out, MTIME);
    expect(second.carried).toEqual(['.git', '.nojekyll', 'CNAME']);
    const written = await tree(out);
    for (const [name, body] of Object.entries(checkout)) expect(written[name], name).toBe(body);
    expect(written['old.ttl']).toBeUndefined();
    expect(written['index.html']).toBe('<p>new</p>\n');
    // The manifest lists what the export wrote, never what it carried.
    expect(written[MANIFEST]).not.toContain('CNAME');
    expect(await readdir(work)).toEqual(['dist']);
  });

  it('refuses a carried name the export also writes, and changes nothing', async () => {
    await mkdir(out);
    await writeFile(path.join(out, '.htaccess'), '# my own rules\n');
    const error = await rejection(
      writeExportWith(exportOf(file('.htaccess', '# ours\n')), out, MTIME),
    );
    expect(error.diagnostics[0]?.code).toBe('io/not-an-export');
    expect(error.diagnostics[0]?.message).toContain(
      'holds ".htaccess", which build would carry over but the export also writes.',
    );
    expect(await tree(out)).toEqual({ '.htaccess': '# my own rules\n' });
    expect(await readdir(work)).toEqual(['dist']);
  });

  it.each([
    ['equal to', (input: string) => input, 'is the input folder'],
    ['around', (input: string) => path.dirname(input), 'contains the input folder'],
    ['inside', (input: string) => path.join(input, 'site'), 'is inside the input folder'],
  ])('refuses an --out %s an input folder', async (_, outOf, words) => {
    const data = path.join(work, 'project', 'data');
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, 'me.jsonld'), '{}\n');
    const error = await rejection(
      writeExportWith(exportOf(), outOf(data), MTIME, { inputs: [data] }),
    );
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics[0]?.code).toBe('io/out-overlaps-input');
    expect(error.diagnostics[0]?.message).toContain(words);
    expect(await readFile(path.join(data, 'me.jsonld'), 'utf8')).toBe('{}\n');
  });
});

describe('writeExport cleans up after builds killed on this host', () => {
  const exited = async (): Promise<number> => {
    const child = spawn(process.execPath, ['-e', '']);
    await once(child, 'exit');
    return child.pid ?? 0;
  };
  const leftover = (kind: string, host: string, pid: number, hex = 'abcd0123') =>
    path.join(work, `.dist.${kind}-${host}-${String(pid)}-${hex}`);

  it("removes a dead build's folders, keeps a live build's and another host's", async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const deadPid = await exited();
      const dead = leftover('tmp', HOST, deadPid);
      const deadOld = leftover('old', HOST, deadPid, '0123abcd');
      const running = leftover('tmp', HOST, live.pid ?? 0);
      const elsewhere = leftover('tmp', `not-${HOST}`, deadPid);
      for (const folder of [dead, deadOld, running, elsewhere]) {
        await mkdir(folder);
        await writeFile(path.join(folder, 'half.ttl'), 'half\n');
      }
      // A previous export set aside, as a killed build leaves it between its two renames.
      await mkdir(path.join(deadOld, '.profile-graph'));
      await writeFile(path.join(deadOld, MANIFEST), `${MANIFEST}\nhalf.ttl\n`);
      await writeExportWith(exportOf(), out, MTIME);
      // The set-aside export of a dead build is restored first (there was no dist), then replaced.
      expect((await readdir(work)).sort()).toEqual(
        ['dist', path.basename(running), path.basename(elsewhere)].sort(),
      );
    } finally {
      live.kill();
    }
  });

  it('puts entries a build killed while swapping had carried back where they were', async () => {
    await writeExportWith(exportOf(), out, MTIME);
    const staging = leftover('tmp', HOST, await exited());
    await mkdir(path.join(staging, '.git'), { recursive: true });
    await writeFile(path.join(staging, '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n');
    await mkdir(path.join(staging, '.profile-graph'));
    await writeFile(path.join(staging, MANIFEST), `${MANIFEST}\n`);
    const summary = await writeExportWith(exportOf(), out, MTIME);
    expect(summary.recovered).toEqual([path.basename(staging)]);
    expect(summary.carried).toEqual(['.git']);
    expect((await tree(out))['.git/HEAD']).toBe('ref: refs/heads/gh-pages\n');
    expect(await readdir(work)).toEqual(['dist']);
  });
});
