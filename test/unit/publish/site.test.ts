import { beforeAll, describe, expect, it } from 'vitest';
import { planExport } from '../../../src/export/plan.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { publishSite, type Site } from '../../../src/publish/site.js';
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
    expect(Object.keys(site.resources.get('/people/sheng-zha')?.jsonLdProfiles ?? {})).toEqual([
      'expanded',
      'flattened',
    ]);
    expect(site.resources.get('/dump')?.jsonLdProfiles).toBeUndefined();
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
