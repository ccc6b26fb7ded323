import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashParts, openCacheStore } from '../../../src/runtime/cache-store.js';

const STORE = fileURLToPath(new URL('../../../src/runtime/cache-store.ts', import.meta.url));
const KEY = hashParts(['an entry']);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cache-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entryFile(): string {
  return path.join(dir, 'ns', KEY.slice(0, 2), KEY);
}

describe('openCacheStore', () => {
  it('returns what was put, and nothing for a key never put', () => {
    const store = openCacheStore(dir);
    store.put('ns', KEY, Buffer.from('payload'));
    expect(Buffer.from(store.get('ns', KEY) ?? []).toString()).toBe('payload');
    expect(store.get('ns', hashParts(['another']))).toBeUndefined();
    expect(store.get('other', KEY)).toBeUndefined();
    expect(store.stats).toEqual({ hits: 1, misses: 2, rejected: 0, writeFailures: 0 });
  });

  it('rejects a truncated entry', async () => {
    const store = openCacheStore(dir);
    store.put('ns', KEY, Buffer.from('a payload long enough to cut'));
    const { size } = await stat(entryFile());
    await truncate(entryFile(), size - 5);
    expect(store.get('ns', KEY)).toBeUndefined();
    await truncate(entryFile(), 3);
    expect(store.get('ns', KEY)).toBeUndefined();
    expect(store.stats.rejected).toBe(2);
  });

  it('rejects an entry altered in place, even with its length kept', async () => {
    const store = openCacheStore(dir);
    store.put('ns', KEY, Buffer.from('{"ok":true}'));
    const bytes = await readFile(entryFile());
    await writeFile(entryFile(), Buffer.from(bytes.toString().replace('true', 'fals')));
    expect(store.get('ns', KEY)).toBeUndefined();
    await writeFile(entryFile(), '{"ok":true}');
    expect(store.get('ns', KEY)).toBeUndefined();
    expect(store.stats.rejected).toBe(2);
  });

  it('counts a failed write instead of throwing, and leaves no temporary file', async () => {
    // A file where the namespace folder should be: mkdir fails.
    await writeFile(path.join(dir, 'ns'), 'not a folder');
    const store = openCacheStore(dir);
    store.put('ns', KEY, Buffer.from('x'));
    expect(store.stats.writeFailures).toBe(1);
    expect(await readdir(dir)).toEqual(['ns']);
  });

  it('never lets a reader see half an entry while two processes rewrite it', async () => {
    const big = (fill: string) => `Buffer.alloc(400000, '${fill}')`;
    const writer = (fill: string) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `const { openCacheStore } = await import(${JSON.stringify(STORE)});
           const store = openCacheStore(${JSON.stringify(dir)});
           for (let i = 0; i < 150; i++) store.put('ns', ${JSON.stringify(KEY)}, ${big(fill)});
           if (store.stats.writeFailures > 0) process.exit(3);`,
        ],
        { stdio: 'inherit' },
      );
    const exits = [writer('a'), writer('b')].map(
      (child) => new Promise<number | null>((resolve) => child.on('exit', resolve)),
    );
    const reader = openCacheStore(dir);
    const writing = { done: false };
    void Promise.all(exits).then(() => (writing.done = true));
    const seen = new Set<string>();
    while (!writing.done) {
      const bytes = reader.get('ns', KEY);
      if (bytes) seen.add(`${String(bytes.length)}${String.fromCharCode(bytes[0] ?? 0)}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(exits)).toEqual([0, 0]);
    expect(seen.size).toBeGreaterThan(0);
    expect(reader.stats.rejected).toBe(0);
    expect([...seen].every((each) => each === '400000a' || each === '400000b')).toBe(true);
    expect(await readdir(path.join(dir, 'ns', KEY.slice(0, 2)))).toEqual([KEY]);
  }, 60_000);
});

describe('hashParts', () => {
  it('tells apart lists that concatenate to the same text', () => {
    expect(hashParts(['ab', 'c'])).not.toBe(hashParts(['a', 'bc']));
    expect(hashParts(['ab', 'c'])).toBe(hashParts(['ab', Buffer.from('c')]));
  });
});
