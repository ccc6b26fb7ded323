import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type SiteConfig } from '../../../src/model/config.js';
import { quadsToIds } from '../../../src/rdf/term-ids.js';
import { openCacheStore, type CacheStore } from '../../../src/runtime/cache-store.js';
import {
  createValidators,
  validateProfile,
  type ValidateOptions,
  type Validators,
} from '../../../src/validate/validate.js';
import { toolFingerprint } from '../../../src/validate/validation-cache.js';
import { REPO_ROOT } from '../../support/profile.js';

// The cache's promise: a run that reuses it reports exactly what a run without it reports, after
// any kind of edit, and whatever state the cache folder is in.

let scratch: string;
const config: SiteConfig = { ...DEFAULT_CONFIG, data: 'data', shapes: 'shapes' };
let bundled: Validators;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'validation-cache-'));
  bundled = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT);
}, 60_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A fresh project (a copy of the bundled data and shapes) and an empty cache beside it. */
async function project(name: string) {
  const root = path.join(scratch, name);
  await cp(path.join(REPO_ROOT, 'data'), path.join(root, 'data'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'shapes'), path.join(root, 'shapes'), { recursive: true });
  return { root, cacheDir: path.join(root, '.profile-graph', 'cache') };
}

interface Run {
  root: string;
  validators?: Validators;
  options?: ValidateOptions;
}

async function cold({ root, validators = bundled, options = {} }: Run) {
  return outcome(await validateProfile(config, root, validators, options));
}

async function cached(
  { root, validators = bundled, options = {} }: Run,
  store: CacheStore,
  version?: string,
) {
  const fingerprint = toolFingerprint(validators.shapesDir, version);
  return outcome(
    await validateProfile(config, root, validators, { ...options, cache: { store, fingerprint } }),
  );
}

function outcome(result: Awaited<ReturnType<typeof validateProfile>>) {
  return {
    diagnostics: result.diagnostics,
    quads: quadsToIds(result.quads),
    sources: result.sources.map((source) => [source.path, source.text]),
  };
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}

async function entryFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('validateProfile with a cache', () => {
  const edits: [string, (root: string) => Promise<void>][] = [
    [
      'a changed value',
      (root) =>
        edit(path.join(root, 'data/roles/aws-2018.jsonld'), (text) =>
          text.replace('"startDate": "2018"', '"startDate": "2017"'),
        ),
    ],
    [
      'a value changed into an error',
      (root) =>
        edit(path.join(root, 'data/roles/aws-2018.jsonld'), (text) =>
          text.replace('"startDate": "2018"', '"startDate": "not a date", "worksFor": 3'),
        ),
    ],
    [
      'an added file',
      (root) =>
        writeFile(
          path.join(root, 'data/organizations/a-new-one.jsonld'),
          `${JSON.stringify(
            {
              '@context': 'https://schema.org',
              '@type': 'Organization',
              '@id': 'organizations/a-new-one#id',
              name: 'A new organization',
              address: { '@type': 'PostalAddress', addressCountry: 'US' },
            },
            null,
            2,
          )}\n`,
        ),
    ],
    ['a deleted file', (root) => rm(path.join(root, 'data/organizations/amazon-trms.jsonld'))],
    [
      'a renamed @id',
      (root) =>
        edit(path.join(root, 'data/organizations/aws.jsonld'), (text) =>
          text.replace('"organizations/aws#id"', '"organizations/amazon-web-services#id"'),
        ),
    ],
    [
      'broken JSON',
      (root) => edit(path.join(root, 'data/roles/aws-2018.jsonld'), (text) => text.slice(0, 40)),
    ],
  ];

  it.each(edits)('reports after %s exactly what a cold run reports', async (name, change) => {
    const { root, cacheDir } = await project(name.replaceAll(' ', '-'));
    const before = await cold({ root });
    expect(await cached({ root }, openCacheStore(cacheDir))).toEqual(before);
    // Unchanged: every file and the graph layers come from the cache.
    const again = openCacheStore(cacheDir);
    expect(await cached({ root }, again)).toEqual(before);
    expect(again.stats.misses).toBe(0);

    await change(root);
    const store = openCacheStore(cacheDir);
    const incremental = await cached({ root }, store);
    expect(incremental).toEqual(await cold({ root }));
    expect(incremental).not.toEqual(before);
    // The files the edit left alone were reused.
    expect(store.stats.hits).toBeGreaterThan(10);
  });

  it('gives the same result when the files are checked on worker threads', async () => {
    const { root, cacheDir } = await project('workers');
    const options = { workers: 2, parallelMinFiles: 1 };
    await cached({ root, options }, openCacheStore(cacheDir));
    await edits[4]?.[1](root);
    await edits[2]?.[1](root);
    const store = openCacheStore(cacheDir);
    expect(await cached({ root, options }, store)).toEqual(await cold({ root }));
    expect(store.stats.hits).toBeGreaterThan(10);
  });

  it('reads nothing cached by another version of the tool', async () => {
    const { root, cacheDir } = await project('version');
    await cached({ root }, openCacheStore(cacheDir), '0.0.1');
    const store = openCacheStore(cacheDir);
    expect(await cached({ root }, store, '0.0.2')).toEqual(await cold({ root }));
    expect(store.stats.hits).toBe(0);
  });

  it('reads nothing cached with other shapes: a changed shape changes the report', async () => {
    const { root, cacheDir } = await project('shape');
    const validators = await createValidators(path.join(root, 'shapes'), root);
    const before = await cached({ root, validators }, openCacheStore(cacheDir));
    const shapes = path.join(root, 'shapes');
    const shaclFile = (await readdir(shapes)).find((name) => name.endsWith('.ttl')) ?? '';
    // A shape every Organization now fails: the cached report must not be reused.
    await edit(path.join(shapes, shaclFile), (text) =>
      text.concat(
        '\n<urn:test:shape> a <http://www.w3.org/ns/shacl#NodeShape> ;\n',
        '  <http://www.w3.org/ns/shacl#targetClass> <http://schema.org/Organization> ;\n',
        '  <http://www.w3.org/ns/shacl#property> [ <http://www.w3.org/ns/shacl#path> ',
        '<http://schema.org/taxID> ; <http://www.w3.org/ns/shacl#minCount> 1 ] .\n',
      ),
    );
    const changed = await createValidators(shapes, root);
    const store = openCacheStore(cacheDir);
    const incremental = await cached({ root, validators: changed }, store);
    expect(incremental).toEqual(await cold({ root, validators: changed }));
    expect(incremental.diagnostics).not.toEqual(before.diagnostics);
    expect(store.stats.hits).toBe(0);
  });

  it.each([
    ['truncated', (file: string, size: number) => truncate(file, Math.floor(size / 2))],
    [
      'altered',
      async (file: string) => {
        const bytes = await readFile(file);
        const at = bytes.length - 3;
        bytes[at] = (bytes[at] ?? 0) ^ 1;
        await writeFile(file, bytes);
      },
    ],
  ] as const)('ignores %s entries and computes them again', async (name, damage) => {
    const { root, cacheDir } = await project(`damaged-${name}`);
    const before = await cold({ root });
    await cached({ root }, openCacheStore(cacheDir));
    const files = await entryFiles(cacheDir);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) await damage(file, (await stat(file)).size);
    const store = openCacheStore(cacheDir);
    expect(await cached({ root }, store)).toEqual(before);
    expect(store.stats.rejected).toBe(files.length);
    // And wrote them again: the next run reuses everything.
    const next = openCacheStore(cacheDir);
    expect(await cached({ root }, next)).toEqual(before);
    expect(next.stats.misses + next.stats.rejected).toBe(0);
  });
});
