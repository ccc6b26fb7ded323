import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../../src/load/load-sources.js';
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
});
