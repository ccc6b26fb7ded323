import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_MARKER, filePathOf, planExport, streamExport } from '../../../src/export/plan.js';
import { filesOf, type ExportFile } from '../../../src/export/export-file.js';
import { HOSTS } from '../../../src/export/hosts.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { currentResource, publishSite, type Site } from '../../../src/publish/site.js';
import { literal, namedNode, NS, quad, RDF_TYPE } from '../../../src/rdf/data-factory.js';
import { createDocumentLoader } from '../../../src/rdf/document-loader.js';
import { buildBundledSite } from '../../support/server.js';

let site: Site;
let files: ExportFile[];
let indexClash: Site;
let index: Map<string, ExportFile>;
const byPath = (path: string) => index.get(path);

beforeAll(async () => {
  site = await buildBundledSite();
  files = planExport(site);
  index = new Map(files.map((file) => [file.path, file]));
  indexClash = await siteOf(['', 'index']);
});

/** A small Site of organizations at the given paths (under http://example.org/). */
async function siteOf(paths: readonly string[]): Promise<Site> {
  const base = 'http://example.org/';
  const quads = paths.flatMap((path, index) => {
    const subject = namedNode(`${base}${path}#id`);
    return [
      quad(subject, namedNode(RDF_TYPE), namedNode(`${NS.schema}Organization`)),
      quad(subject, namedNode(`${NS.schema}name`), literal(`Organization ${String(index)}`)),
    ];
  });
  return publishSite({
    config: { ...DEFAULT_CONFIG, baseUrl: base },
    quads,
    shapes: [],
    documentLoader: createDocumentLoader(),
    lastModified: new Date('2024-05-01T00:00:00Z'),
  });
}

function errorOf(run: () => unknown): ProfileGraphError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProfileGraphError) return error;
    throw error;
  }
  throw new Error('expected a ProfileGraphError');
}

describe('planExport', () => {
  it('writes every representation at its URL path, with the bytes serve sends', () => {
    for (const [location, { resource, id }] of site.byLocation) {
      const representation = currentResource(resource)?.representations.find(
        (each) => each.id === id,
      );
      if (representation === undefined) throw new Error(`${location} has no ${id}`);
      const same = (path: string, body: Buffer | undefined) =>
        body === undefined ? byPath(path) === undefined : byPath(path)?.body.equals(body) === true;
      const { identity, gzip, br } = representation.variants;
      expect(same(location.slice(1), identity.body), location).toBe(true);
      expect(same(`${location.slice(1)}.gz`, gzip?.body), `${location}.gz`).toBe(true);
      expect(same(`${location.slice(1)}.br`, br?.body), `${location}.br`).toBe(true);
    }
    for (const path of [
      'index.html',
      'index.ttl',
      'people/sheng-zha.html',
      'people/sheng-zha.jsonld',
      'people/sheng-zha.ttl',
      'people/sheng-zha.nt',
      'people/sheng-zha.nq',
      'people/sheng-zha.trig',
      'people/sheng-zha.rdf',
      'dump.nq',
      '.well-known/void.ttl',
      'shapes.ttl',
      'sitemap.xml',
      'robots.txt',
    ])
      expect(byPath(path), path).toBeDefined();
  });

  it('writes the 404 page in every format and the JSON-LD forms apart', () => {
    for (const representation of site.notFound.representations)
      expect(byPath(representation.contentLocation.slice(1))?.body).toEqual(
        representation.variants.identity.body,
      );
    const entry = site.resources.get('/people/sheng-zha');
    const person = entry && currentResource(entry);
    expect(byPath('.profile-graph/jsonld/expanded/people/sheng-zha.jsonld')?.body).toEqual(
      person?.jsonLdProfiles?.expanded?.variants.identity.body,
    );
    expect(byPath('.profile-graph/jsonld/flattened/index.jsonld')).toBeDefined();
  });

  // Issue #15 item 13: the expanded and flattened files were written without the .gz and .br
  // siblings every other text file has, so a precompressing host sent them uncompressed.
  it('writes the JSON-LD forms with their .gz and .br siblings, the bytes serve sends', () => {
    const entry = site.resources.get('/people/sheng-zha');
    const person = entry && currentResource(entry);
    for (const form of ['expanded', 'flattened'] as const) {
      const variants = person?.jsonLdProfiles?.[form]?.variants;
      const file = `.profile-graph/jsonld/${form}/people/sheng-zha.jsonld`;
      expect(variants?.gzip, `${form} gzip variant`).toBeDefined();
      expect(variants?.br, `${form} br variant`).toBeDefined();
      expect(byPath(file)?.body).toEqual(variants?.identity.body);
      expect(byPath(`${file}.gz`)?.body).toEqual(variants?.gzip?.body);
      expect(byPath(`${file}.br`)?.body).toEqual(variants?.br?.body);
    }
  });

  it("writes the default host's (nginx) configurations and the export marker", () => {
    for (const path of ['nginx/maps.conf', 'nginx/server.conf', EXPORT_MARKER])
      expect(byPath(path), path).toBeDefined();
    for (const path of ['.htaccess', '_headers', '_redirects'])
      expect(byPath(path), path).toBeUndefined();
    expect(JSON.parse(byPath(EXPORT_MARKER)?.body.toString('utf8') ?? '')).toEqual({
      generator: 'profile-graph',
      host: 'nginx',
      baseUrl: 'http://localhost:8080/',
      documents: 25,
      triples: 171,
    });
  });

  it('is deterministic: the same Site gives the same files, sorted, with no time in them', () => {
    const again = planExport(site);
    expect(again.map((file) => file.path)).toEqual(files.map((file) => file.path));
    expect(
      again.every((file, index) => file.body.equals(files[index]?.body ?? Buffer.alloc(0))),
    ).toBe(true);
    expect([...files.map((file) => file.path)].sort()).toEqual(files.map((file) => file.path));
    const year = String(new Date().getFullYear());
    const apache = new Map(
      planExport(site, { host: HOSTS.apache }).map((file) => [file.path, file.body]),
    );
    const netlify = new Map(
      planExport(site, { host: HOSTS.netlify }).map((file) => [file.path, file.body]),
    );
    for (const [path, body] of [
      ['nginx/maps.conf', byPath('nginx/maps.conf')?.body],
      ['nginx/server.conf', byPath('nginx/server.conf')?.body],
      ['.htaccess', apache.get('.htaccess')],
      ['_headers', netlify.get('_headers')],
      [EXPORT_MARKER, byPath(EXPORT_MARKER)?.body],
    ] as const) {
      expect(body, path).toBeDefined();
      expect(body?.toString('utf8'), path).not.toContain(year);
    }
  });

  it('refuses two URLs that share a file, naming both', async () => {
    // A document at /index has the profile page's URLs (/index.html…).
    const error = errorOf(() => planExport(indexClash));
    expect(error.exitCode).toBe(1);
    expect(error.diagnostics[0]).toMatchObject({
      code: 'export/path-collision',
      severity: 'error',
    });
    expect(error.diagnostics[0]?.message).toMatch(
      /^<http:\/\/example\.org\/(?:index)?> and <http:\/\/example\.org\/(?:index)?> would both be written to "index\.html"\.$/,
    );
    // The export's own files are taken too.
    const internal = await siteOf(['', '.profile-graph/jsonld/expanded/index']);
    expect(errorOf(() => planExport(internal)).diagnostics[0]?.message).toContain(
      '".profile-graph/jsonld/expanded/index.jsonld"',
    );
  });

  it('streams the same files as it plans, rendering on demand within a tiny cache', async () => {
    const onDemand = await buildBundledSite({}, { renderOnDemand: { maxBytes: 1 } });
    const timing = { renderMs: 0 };
    const streamed: ExportFile[] = [];
    for await (const file of streamExport(onDemand, { timing })) streamed.push(file);
    streamed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    expect(streamed.map((file) => file.path)).toEqual(files.map((file) => file.path));
    expect(streamed.every((file, at) => file.body.equals(files[at]?.body ?? Buffer.alloc(0)))).toBe(
      true,
    );
    expect(timing.renderMs).toBeGreaterThan(0);
    // Only the newest rendered resource is held: memory does not grow with the site.
    expect(onDemand.cache?.size.resources).toBe(1);
  });

  it('leaves compression to the writer when the Site does not precompress: same files, same bytes', async () => {
    const deferred = await buildBundledSite(
      {},
      { renderOnDemand: { maxBytes: 1 }, precompress: false },
    );
    const planned: ExportFile[] = [];
    for await (const file of streamExport(deferred)) planned.push(file);
    // Documents and RDF resources ask the writer for their siblings; nothing else does.
    const asking = planned.filter((file) => file.compress);
    expect(asking.map((file) => file.path)).toContain('people/sheng-zha.ttl');
    expect(asking.map((file) => file.path)).toContain('index.html');
    expect(
      planned.some((file) => file.path.endsWith('.gz') && file.path.startsWith('people/')),
    ).toBe(false);
    const written = planned.flatMap(filesOf);
    written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    expect(written.map((file) => file.path)).toEqual(files.map((file) => file.path));
    expect(written.every((file, at) => file.body.equals(files[at]?.body ?? Buffer.alloc(0)))).toBe(
      true,
    );
  });

  it('streams the layout problems too, after the last file', async () => {
    const consume = async () => {
      let count = 0;
      for await (const file of streamExport(indexClash)) count += file.body.length > 0 ? 1 : 0;
      return count;
    };
    const error = await consume().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).diagnostics[0]?.code).toBe('export/path-collision');
  });

  it('refuses a file that another URL needs as a folder', async () => {
    const nested = await siteOf(['a', 'a.ttl/b']);
    expect(errorOf(() => planExport(nested)).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'export/path-collision' }),
    );
  });

  it.each([
    ['/people/x.ttl', 'people/x.ttl'],
    ['/caf%C3%A9.ttl', 'café.ttl'],
    ['/a%20b.html', 'a b.html'],
    ['/../etc/passwd', undefined],
    ['/a/%2e%2e/b', undefined],
    ['/a//b', undefined],
    ['/a%5Cb', undefined],
    ['/a%00b', undefined],
    ['/%E0%A4%A', undefined],
    ['relative', undefined],
  ])('maps the URL path %s to the file %s', (url, file) => {
    expect(filePathOf(url)).toBe(file);
  });
});
