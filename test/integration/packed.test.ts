// The package as published: packed, installed offline into an empty folder (test/support/packed.ts),
// then used the way a new user would, from that folder, with their own data and no shapes.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { installPacked, packOnce, type PackedTarball } from '../support/packed.js';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);
const SETUP_MS = 600_000;

let packed: PackedTarball;
let consumer: string;

beforeAll(async () => {
  packed = await packOnce();
  consumer = await installPacked(packed);
}, SETUP_MS);

/** Runs `npx --offline profile-graph ARGS` in the consumer folder: status and both streams. */
async function npx(args: string[]) {
  return exec('npx', ['--offline', 'profile-graph', ...args], { cwd: consumer }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: unknown) => {
      // execFile's rejection carries the exit status and what the command printed.
      const failed = error as { code: number; stdout: string; stderr: string };
      return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    },
  );
}

describe('the packed package, installed in an empty folder', () => {
  it('validates the folder it is given against the shapes it ships, with located diagnostics', async () => {
    await cp(
      path.join(REPO_ROOT, 'test/fixtures/invalid/shacl-person-missing-name/data'),
      path.join(consumer, 'mydata'),
      { recursive: true },
    );
    expect(await npx(['validate', '--data', 'mydata'])).toEqual({
      status: 1,
      stdout:
        'mydata/work.jsonld:6:3 error shacl/violation A Person needs exactly one name (schema:name), a non-empty string.\n\n✖ 1 file, 6 triples: 1 error, 0 warnings in 1 file\n',
      stderr: '',
    });
  });

  it('refuses a data folder with nothing to validate (exit 2, one line)', async () => {
    await mkdir(path.join(consumer, 'nodata'));
    expect(await npx(['validate', '--data', 'nodata'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'nodata error io/no-data No data files (*.jsonld, *.json) in nodata.\n',
    });
  });

  it('serves a profile with no shapes folder and no configuration', async () => {
    await cp(path.join(REPO_ROOT, 'data'), path.join(consumer, 'profile'), { recursive: true });
    const bin = path.join(consumer, 'node_modules/.bin/profile-graph');
    const child = spawn(bin, ['serve', '--data', 'profile', '--port', '0'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      const url = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(first)?.[1];
      expect(first).toMatch(/^Serving \d+ documents/);
      expect(url).toBeDefined();
      const response = await fetch(new URL('dump', url), { headers: { accept: 'text/turtle' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

describe('npm pack contents', () => {
  /** Every `.ts` module under src/ (not hand-written `.d.ts` declarations), without extension. */
  async function sourceModules(): Promise<string[]> {
    const entries = await readdir(path.join(REPO_ROOT, 'src'), { recursive: true });
    return entries
      .filter((entry) => entry.endsWith('.ts') && !entry.endsWith('.d.ts'))
      .map((entry) => entry.slice(0, -'.ts'.length).split(path.sep).join('/'));
  }

  it('holds the compiled modules with their types, the shapes and vendor/, and nothing else', async () => {
    const shapes = (
      await readdir(path.join(REPO_ROOT, 'shapes'), { recursive: true, withFileTypes: true })
    )
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      );
    const expected = [
      'LICENSE',
      'README.md',
      'package.json',
      ...(await sourceModules()).flatMap((module) => [`dist/${module}.js`, `dist/${module}.d.ts`]),
      ...shapes,
      'vendor/schemaorg/LICENSE',
      'vendor/schemaorg/README.md',
      'vendor/schemaorg/schemaorg-current-http.ttl',
      'vendor/schemaorg/schemaorgcontext.jsonld',
      'vendor/shacl-engine/NOTICES.md',
      'vendor/shacl-engine/chunk-HASH.js',
      'vendor/shacl-engine/index.js',
      'vendor/shacl-engine/sparql.js',
      'vendor/yasgui/NOTICES.md',
      'vendor/yasgui/yasgui.json',
      'vendor/yasgui/yasgui.min.css',
      'vendor/yasgui/yasgui.min.js',
    ].sort();
    // esbuild names the chunk the SHACL engine and its SPARQL plugin share by its content.
    const listed = packed.files
      .map((file) =>
        file.path.replace(/^(vendor\/shacl-engine\/chunk-)[A-Z0-9]+\.js$/, '$1HASH.js'),
      )
      .sort();
    expect(listed).toEqual(expected);
  });

  it('ships no source map: the sources they would point at are not shipped', () => {
    expect(packed.files.filter((file) => file.path.endsWith('.map'))).toEqual([]);
  });
});
