import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../../src/export/export-site.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { publishSite, type Site } from '../../../src/publish/site.js';
import { openCacheStore, type CacheStore } from '../../../src/runtime/cache-store.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

/**
 * The build manifest trusts nothing it cannot check: another tool version, or an output folder
 * another build (without the cache) wrote since, renders every document again.
 */
describe('build manifest', { timeout: 300_000 }, () => {
  let work: string;
  let out: string;
  let store: CacheStore;
  let site: () => Promise<Site>;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pg-build-manifest-'));
    out = path.join(work, 'dist');
    store = openCacheStore(path.join(work, 'cache'));
    const { quads, documentLoader } = await loadBundledDataset();
    site = () =>
      publishSite({
        config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
        quads,
        shapes: [],
        documentLoader,
        lastModified: new Date('2024-05-01T00:00:00Z'),
        renderOnDemand: { maxBytes: 1 << 26 },
        precompress: false,
        recordRenderInputs: true,
      });
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const exported = async (version?: string) =>
    (
      await exportSite(await site(), out, {
        workers: 1,
        ...(version === undefined ? {} : { cache: { store, version } }),
      })
    ).documents;

  it('renders every document once, then none while nothing changes', async () => {
    expect(await exported('1.0.0')).toEqual({ rendered: 25, reused: 0 });
    expect(await exported('1.0.0')).toEqual({ rendered: 0, reused: 25 });
    expect(store.stats.rejected).toBe(0);
  });

  it('renders every document for another tool version', async () => {
    expect(await exported('1.0.1')).toEqual({ rendered: 25, reused: 0 });
    expect(await exported('1.0.1')).toEqual({ rendered: 0, reused: 25 });
  });

  it('renders a document whose file was changed in the export', async () => {
    const file = path.join(out, 'people', 'sheng-zha.ttl');
    await writeFile(file, `${await readFile(file, 'utf8')}# edited by hand\n`);
    expect(await exported('1.0.1')).toEqual({ rendered: 1, reused: 24 });
    expect(await readFile(file, 'utf8')).not.toContain('edited by hand');
  });

  it('renders every document after a build without the cache wrote the folder', async () => {
    expect(await exported()).toBeUndefined();
    expect(await exported('1.0.1')).toEqual({ rendered: 25, reused: 0 });
  });
});
