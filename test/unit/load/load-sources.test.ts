import { chmod, mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources, readSourceFile } from '../../../src/load/load-sources.js';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';

describe('loadSources', () => {
  it('reads *.jsonld and *.json recursively in sorted path order, reporting bad files', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pg-load-'));
    await mkdir(path.join(root, 'data/b'), { recursive: true });
    await writeFile(path.join(root, 'data/b/z.jsonld'), '{"a": 1}');
    await writeFile(path.join(root, 'data/a.json'), '{"b": 2}');
    await writeFile(path.join(root, 'data/b/bad.jsonld'), '{"a": ');
    await writeFile(path.join(root, 'data/notes.txt'), 'ignored');
    const { sources, diagnostics } = await loadSources('data', root);
    expect(sources.map((source) => source.path)).toEqual(['data/a.json', 'data/b/z.jsonld']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'syntax/invalid-json', file: 'data/b/bad.jsonld', line: 1 }),
    ]);
  });

  it('throws a usage-level error (exit 2) for a missing directory', async () => {
    const error = await loadSources('nope', tmpdir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics[0]).toMatchObject({ code: 'io/not-found' });
  });

  it('reports a data file that cannot be read as one located error, not a thrown EISDIR', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pg-load-'));
    await mkdir(path.join(root, 'x.jsonld'));
    expect(readSourceFile({ file: path.join(root, 'x.jsonld'), display: 'data/x.jsonld' })).toEqual(
      {
        ok: false,
        diagnostics: [
          {
            code: 'io/unreadable',
            severity: 'error',
            message: 'Cannot read data/x.jsonld: EISDIR.',
            file: 'data/x.jsonld',
          },
        ],
      },
    );
  });

  it('reports a permission error on a data file (injected: tests may run as root) by its path', () => {
    const denied = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect(
      readSourceFile({ file: '/abs/data/p.jsonld', display: 'data/p.jsonld' }, denied),
    ).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'io/unreadable',
          severity: 'error',
          message: 'Cannot read data/p.jsonld: EACCES.',
          file: 'data/p.jsonld',
        },
      ],
    });
  });

  // As root, chmod 000 does not deny reads, so the real permission cases cannot happen there.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable file and folder by path', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pg-load-'));
    await mkdir(path.join(root, 'data/locked'), { recursive: true });
    await writeFile(path.join(root, 'data/a.jsonld'), '{"a": 1}');
    await chmod(path.join(root, 'data/a.jsonld'), 0o000);
    const { diagnostics } = await loadSources('data', root);
    expect(diagnostics).toEqual([
      {
        code: 'io/unreadable',
        severity: 'error',
        message: 'Cannot read data/a.jsonld: EACCES.',
        file: 'data/a.jsonld',
      },
    ]);
    await chmod(path.join(root, 'data/locked'), 0o000);
    const error = await loadSources('data', root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      { code: 'io/unreadable', severity: 'error', message: 'Cannot read data/locked: EACCES.' },
    ]);
  });
});
