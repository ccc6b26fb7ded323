import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeChanges, watchDirectories, type Watcher } from '../../src/serve/watch.js';

/** Polls until `check` passes or the deadline passes (file watching is asynchronous). */
async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in time');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A project folder with data/ and shapes/ watched as `serve --watch` does; "served" is what the
 * last reload read, so a lost event shows as stale content.
 */
async function watchedProject(reloadMs = 0) {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-watch-'));
  const data = path.join(root, 'data');
  await mkdir(path.join(data, 'people'), { recursive: true });
  await mkdir(path.join(root, 'shapes'));
  const file = path.join(data, 'people/ada.jsonld');
  await writeFile(file, 'version 0');
  const state = { served: 'version 0', runs: 0, changed: [] as string[][], concurrent: false };
  let running = false;
  const watcher = watchDirectories(
    [data, path.join(root, 'shapes')],
    async (changed) => {
      if (running) state.concurrent = true;
      running = true;
      state.runs += 1;
      state.changed.push([...changed]);
      await pause(reloadMs);
      state.served = await readFile(file, 'utf8').catch(() => '(missing)');
      running = false;
    },
    { debounceMs: 50 },
  );
  await watcher.ready;
  return { root, data, file, state, watcher };
}

/** Saves as editors and `sed -i` do: write a temp file beside the target, rename it over. */
async function atomicSave(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  await writeFile(temp, text);
  await rename(temp, file);
}

let open: Watcher | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('watchDirectories', { timeout: 30_000 }, () => {
  it('sees an atomic save (temp file renamed over) and the plain edits after it', async () => {
    const project = await watchedProject();
    open = project.watcher;
    await atomicSave(project.file, 'version 1');
    await eventually(() => project.state.served === 'version 1');
    expect(project.state.changed.flat()).toContain(project.file);
    await writeFile(project.file, 'version 2');
    await eventually(() => project.state.served === 'version 2');
    await atomicSave(project.file, 'version 3');
    await eventually(() => project.state.served === 'version 3');
  });

  it('serves the last of 9 quick successive edits, never running two reloads at once', async () => {
    const project = await watchedProject(120);
    open = project.watcher;
    for (let edit = 1; edit <= 9; edit += 1) {
      await atomicSave(project.file, `version ${String(edit)}`);
      await pause(edit % 3 === 0 ? 90 : 10);
    }
    await eventually(() => project.state.served === 'version 9');
    // Once settled, what is served stays the last edit.
    await pause(500);
    expect(project.state.served).toBe('version 9');
    // Debounced: fewer reloads than edits, and never two at the same time.
    expect(project.state.runs).toBeLessThan(9);
    expect(project.state.concurrent).toBe(false);
  });

  it('still sees edits after the watched folder is removed and restored', async () => {
    const project = await watchedProject();
    open = project.watcher;
    const backup = path.join(project.root, 'backup');
    await cp(project.data, backup, { recursive: true });
    await rm(project.data, { recursive: true, force: true });
    await eventually(() => project.state.served === '(missing)');
    await cp(backup, project.data, { recursive: true });
    await eventually(() => project.state.served === 'version 0');
    await pause(200);
    await writeFile(project.file, 'version 1');
    await eventually(() => project.state.served === 'version 1');
    await atomicSave(project.file, 'version 2');
    await eventually(() => project.state.served === 'version 2');
  });

  it('ignores files beside the watched folders in their parent', async () => {
    const project = await watchedProject();
    open = project.watcher;
    await writeFile(path.join(project.root, 'notes.txt'), 'not data');
    await mkdir(path.join(project.root, 'dist'));
    await writeFile(path.join(project.root, 'dist/index.html'), 'not data');
    await pause(300);
    expect(project.state.runs).toBe(0);
    await writeFile(path.join(project.root, 'shapes/extra.ttl'), '');
    await eventually(() => project.state.runs === 1);
    expect(project.state.changed).toEqual([[path.join(project.root, 'shapes/extra.ttl')]]);
  });
});

describe('watchDirectories when the reload fails', () => {
  it('reports the error and goes on watching', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'pg-watch-'));
    const errors: string[] = [];
    let runs = 0;
    open = watchDirectories(
      [root],
      () => {
        runs += 1;
        return Promise.reject(new Error(`reload ${String(runs)} failed`));
      },
      { debounceMs: 20, onError: (error) => errors.push(error.message) },
    );
    await open.ready;
    await writeFile(path.join(root, 'a.jsonld'), '1');
    await eventually(() => errors.length === 1);
    await writeFile(path.join(root, 'a.jsonld'), '2');
    await eventually(() => errors.length === 2);
    expect(errors).toEqual(['reload 1 failed', 'reload 2 failed']);
  });
});

describe('describeChanges', () => {
  it('names the changed files relative to the project, then how many more', () => {
    const root = path.resolve('/p');
    const files = ['a', 'b', 'c'].map((name) => path.join(root, 'data', `${name}.jsonld`));
    expect(describeChanges(files.slice(0, 1), root)).toBe('1 change: data/a.jsonld');
    expect(describeChanges(files, root, 2)).toBe(
      '3 changes: data/a.jsonld, data/b.jsonld and 1 more',
    );
  });
});
