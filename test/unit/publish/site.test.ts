import { beforeAll, describe, expect, it } from 'vitest';
import { planExport } from '../../../src/export/plan.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import {
  currentResource,
  isDeferred,
  publishSite,
  renderResource,
  type Site,
} from '../../../src/publish/site.js';
import { respond } from '../../../src/http/respond.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const EXPANDED = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"';

describe('publishSite: JSON-LD forms of a large resource', () => {
  let site: Site;

  beforeAll(async () => {
    const { quads, documentLoader } = await loadBundledDataset();
    // 100 quads: every document is under the limit, the dump (169 quads) over it.
    site = await publishSite({
      config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
      quads,
      shapes: [],
      documentLoader,
      lastModified: new Date('2024-05-01T00:00:00Z'),
      jsonLdProfilesMaxQuads: 100,
    });
  });

  it('offers the expanded and flattened forms only for resources under the limit', () => {
    const rendered = (path: string) => {
      const entry = site.resources.get(path);
      return entry && currentResource(entry);
    };
    expect(Object.keys(rendered('/people/sheng-zha')?.jsonLdProfiles ?? {})).toEqual([
      'expanded',
      'flattened',
    ]);
    expect(rendered('/dump')?.jsonLdProfiles).toBeUndefined();
  });

  it('answers a request for a form it does not offer with the compacted form', () => {
    const request = (accept: string) =>
      respond(site, { method: 'GET', url: '/dump', headers: { accept } });
    const compacted = request('application/ld+json');
    const asked = request(EXPANDED);
    expect(asked.status).toBe(200);
    expect(asked.headers['Content-Type']).toBe('application/ld+json');
    expect(asked.body.equals(compacted.body)).toBe(true);
  });

  it('exports no expanded or flattened file for it', () => {
    const paths = planExport(site).map((file) => file.path);
    expect(paths).toContain('.profile-graph/jsonld/expanded/people/sheng-zha.jsonld');
    expect(paths.filter((path) => path.includes('jsonld/') && path.includes('/dump'))).toEqual([]);
  });
});

describe('publishSite: resources rendered on demand', () => {
  let site: Site;
  const path = '/people/sheng-zha';
  const turtle = { method: 'GET', url: path, headers: { accept: 'text/turtle' } };

  beforeAll(async () => {
    const { quads, documentLoader } = await loadBundledDataset();
    site = await publishSite({
      config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
      quads,
      shapes: [],
      documentLoader,
      lastModified: new Date('2024-05-01T00:00:00Z'),
      renderOnDemand: { maxBytes: 64 * 1024 * 1024 },
    });
  });

  it('has nothing to read before rendering, and respond answers 503 instead of guessing', () => {
    const entry = site.resources.get(path);
    if (entry === undefined) throw new Error(`${path} is not published`);
    expect(isDeferred(entry)).toBe(true);
    expect(currentResource(entry)).toBeUndefined();
    const plan = respond(site, turtle);
    expect(plan.status).toBe(503);
    expect(plan.headers['Retry-After']).toBe('1');
  });

  it('renders once for concurrent callers, then returns the cached resource synchronously', async () => {
    const entry = site.resources.get('/dump');
    if (entry === undefined) throw new Error('/dump is not published');
    const first = renderResource(entry);
    const second = renderResource(entry);
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    const rendered = await first;
    expect(rendered.path).toBe('/dump');
    expect(renderResource(entry)).toBe(rendered);
    expect(currentResource(entry)).toBe(rendered);
  });

  it('answers its extension URLs from the rendered representation once rendered', async () => {
    const entry = site.resources.get(path);
    if (entry === undefined) throw new Error(`${path} is not published`);
    const rendered = await renderResource(entry);
    const fixed = respond(site, { method: 'GET', url: `${path}.ttl`, headers: {} });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toEqual(
      rendered.representations.find((each) => each.id === 'turtle')?.variants.identity.body,
    );
    expect(respond(site, turtle).status).toBe(200);
  });
});
