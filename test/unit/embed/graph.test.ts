import type { Organization, Person, ProfilePage, WebSite } from 'schema-dts';
import { describe, expect, it } from 'vitest';
import { createGraph, type GraphNode } from '../../../src/embed/graph.js';
import { jsonLdScript } from '../../../src/embed/script.js';
import { CODES } from '../../../src/model/codes.js';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';

const BASE = 'https://example.org/about';

function profile() {
  const graph = createGraph({ base: BASE });
  const site = graph.add({
    '@type': 'WebSite',
    '@id': '/#website',
    name: 'Example',
  } satisfies WebSite);
  const employer = graph.add({ '@type': 'Organization', name: 'Acme Corp' } satisfies Organization);
  const ada = graph.add({
    '@type': 'Person',
    name: 'Ada Lovelace',
    worksFor: employer,
  } satisfies Person);
  graph.add({ '@type': 'ProfilePage', isPartOf: site } satisfies ProfilePage);
  return { graph, ada, site, employer };
}

describe('createGraph', () => {
  it('links typed nodes with stable @ids and gives the ProfilePage its mainEntity', () => {
    const { graph, ada, site, employer } = profile();
    expect([ada, site, employer]).toEqual([
      { '@id': 'https://example.org/about#person-ada-lovelace' },
      { '@id': 'https://example.org/#website' },
      { '@id': 'https://example.org/about#organization-acme-corp' },
    ]);
    const result = graph.build();
    expect(result).toEqual({
      ok: true,
      diagnostics: [],
      graph: {
        '@context': 'https://schema.org',
        '@graph': [
          { '@id': 'https://example.org/#website', '@type': 'WebSite', name: 'Example' },
          {
            '@id': 'https://example.org/about',
            '@type': 'ProfilePage',
            isPartOf: site,
            mainEntity: ada,
          },
          {
            '@id': 'https://example.org/about#organization-acme-corp',
            '@type': 'Organization',
            name: 'Acme Corp',
          },
          {
            '@id': 'https://example.org/about#person-ada-lovelace',
            '@type': 'Person',
            name: 'Ada Lovelace',
            worksFor: employer,
          },
        ],
      },
    });
  });

  it('gives the same bytes whatever order the nodes were added in', () => {
    const forward = profile().graph.build();
    const graph = createGraph({ base: BASE });
    graph.add({ '@type': 'ProfilePage', isPartOf: { '@id': '/#website' } });
    graph.add({
      '@type': 'Person',
      worksFor: { '@id': '#organization-acme-corp' },
      name: 'Ada Lovelace',
    });
    graph.add({ name: 'Acme Corp', '@type': 'Organization' });
    graph.add({ name: 'Example', '@id': 'https://example.org/#website', '@type': 'WebSite' });
    const backward = graph.build();
    expect(forward.ok && backward.ok).toBe(true);
    if (!forward.ok || !backward.ok) return;
    expect(jsonLdScript(backward.graph)).toBe(jsonLdScript(forward.graph));
  });

  it('merges the same node added twice and keeps its mainEntity when given', () => {
    const graph = createGraph({ base: BASE });
    const ada = graph.add({ '@type': 'Person', '@id': '#me', name: 'Ada' });
    graph.add({ '@type': 'Person', '@id': '#me', name: 'Ada', jobTitle: 'Analyst' });
    graph.add({ '@type': 'Person', '@id': '#charles', name: 'Charles', knows: ada });
    graph.add({ '@type': 'ProfilePage', mainEntity: ada });
    const result = graph.build();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph['@graph']).toContainEqual({
      '@id': 'https://example.org/about#me',
      '@type': 'Person',
      name: 'Ada',
      jobTitle: 'Analyst',
    });
  });

  it('refuses one @id with two different values for a property', () => {
    const graph = createGraph({ base: BASE });
    graph.add({ '@type': 'Person', '@id': '#me', name: 'Ada' });
    graph.add({ '@type': 'Person', '@id': '#me', name: 'Augusta' });
    expect(graph.build()).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'graph/conflicting-value',
          focusNode: 'https://example.org/about#me',
          message: expect.stringContaining('"name": "Ada" and "Augusta"') as unknown,
        }),
      ],
    });
  });

  it('refuses a node nothing links to the page', () => {
    const graph = createGraph({ base: BASE });
    graph.add({ '@type': 'Person', name: 'Ada' });
    graph.add({ '@type': 'ProfilePage' });
    graph.add({ '@type': 'Organization', name: 'Stray' });
    expect(graph.build()).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'graph/orphan-node',
          focusNode: 'https://example.org/about#organization-stray',
        }),
      ],
    });
  });

  it('counts a link towards the page as a link (Person.mainEntityOfPage)', () => {
    const graph = createGraph({ base: BASE });
    const page = graph.add({ '@type': 'WebPage' });
    graph.add({ '@type': 'Person', name: 'Ada', mainEntityOfPage: page });
    expect(graph.build().ok).toBe(true);
  });

  it('refuses a reference into the page that no node answers, not one to another page', () => {
    const graph = createGraph({ base: BASE });
    graph.add({
      '@type': 'Person',
      name: 'Ada',
      worksFor: { '@id': '#nowhere' },
      alumniOf: { '@id': 'https://www.cam.ac.uk/#id' },
    });
    expect(graph.build()).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'graph/dangling-reference',
          message: expect.stringContaining(
            '"https://example.org/about#nowhere" in "worksFor"',
          ) as unknown,
        }),
      ],
    });
  });

  it.each([
    ['no Person or Organization', [] as GraphNode[], 'no Person or Organization'],
    [
      'two people',
      [
        { '@type': 'Person', name: 'Ada', mainEntityOfPage: { '@id': BASE } },
        { '@type': 'Person', name: 'Charles', mainEntityOfPage: { '@id': BASE } },
      ] as GraphNode[],
      '2 candidates',
    ],
  ])('refuses a ProfilePage whose mainEntity cannot be told: %s', (_case, others, words) => {
    const graph = createGraph({ base: BASE });
    graph.add({ '@type': 'ProfilePage' });
    for (const node of others) graph.add(node);
    expect(graph.build()).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'graph/missing-main-entity',
          message: expect.stringContaining(words) as unknown,
        }),
      ],
    });
  });

  it.each([
    ['no @type', { name: 'x' }, 'has no @type'],
    ['another @context', { '@context': 'https://example.org/ctx', '@type': 'Person' }, '@context'],
    ['an @id that is no IRI', { '@type': 'Person', '@id': 'http://[' }, 'not an IRI'],
    ['not an object', 'https://example.org/#me', 'not a JSON object'],
  ])('refuses a node with %s (for callers without types)', (_case, node, words) => {
    const graph = createGraph({ base: BASE });
    graph.add(node as unknown as GraphNode);
    expect(graph.build()).toEqual({
      ok: false,
      diagnostics: [
        expect.objectContaining({
          code: 'embed/invalid-node',
          severity: CODES['embed/invalid-node'].severity,
          message: expect.stringContaining(words) as unknown,
        }),
      ],
    });
  });

  it('throws usage/invalid for a base that is not an absolute http(s) URL', () => {
    expect(() => createGraph({ base: '/about' })).toThrow(ProfileGraphError);
    expect(() => createGraph({ base: 'file:///about' })).toThrow(/not an absolute http\(s\) URL/);
  });
});
