import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../../src/export/export-file.js';
import { EXPORT_MARKER } from '../../../src/export/plan.js';
import { writeExport as writeExportWith } from '../../../src/export/write-export.js';
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
    expect(await writeExport(files, out, MTIME)).toEqual({
      files: 3,
      bytes: files.reduce((sum, each) => sum + each.body.length, 0),
    });
    expect(await tree(out)).toEqual({
      [EXPORT_MARKER]: '{}\n',
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
      `is not empty and is not a profile-graph export (no ${EXPORT_MARKER})`,
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
    expect(Object.keys(await tree(nested))).toHaveLength(3);
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
    expect(summary.files).toBe(7);
    expect((await stat(path.join(out, 'people', 'big.html.br'))).mtime).toEqual(MTIME);
  });

  it('writes an export of many batches', async () => {
    const many = Array.from({ length: 1_300 }, (_, at) =>
      file(`people/p${String(at).padStart(4, '0')}.ttl`, `<p${String(at)}> <q> <r> .\n`),
    );
    const summary = await writeExport(exportOf(...many), out, MTIME);
    expect(summary.files).toBe(1_303);
    const written = await tree(out);
    expect(Object.keys(written)).toHaveLength(1_303);
    expect(written['people/p1299.ttl']).toBe('<p1299> <q> <r> .\n');
  });
});
