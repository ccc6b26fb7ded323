import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../../src/publish/documents.js';
import { renderSitemaps } from '../../../src/publish/sitemap.js';

const LAST_MODIFIED = new Date('2024-05-01T12:00:00Z');
const config = { baseUrl: 'https://example.org/team/' };
/** Documents as the sitemap reads them: only their IRI matters. */
const documents = (count: number) =>
  Array.from(
    { length: count },
    (_, at) => ({ iri: `https://example.org/team/people/p${String(at)}` }) as GraphDocument,
  );
const url = (iri: string) =>
  `  <url>\n    <loc>${iri}</loc>\n    <lastmod>2024-05-01</lastmod>\n  </url>\n`;
const urlset = (...iris: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${iris.map(url).join('')}</urlset>\n`;

describe('renderSitemaps', () => {
  it('lists every document in one /sitemap.xml up to the limit', () => {
    expect(renderSitemaps(documents(2), config, LAST_MODIFIED, 2)).toEqual([
      {
        path: '/sitemap.xml',
        body: urlset('https://example.org/team/people/p0', 'https://example.org/team/people/p1'),
      },
    ]);
  });

  it('beyond the limit, makes /sitemap.xml an index of numbered sitemaps at the root', () => {
    const files = renderSitemaps(documents(5), config, LAST_MODIFIED, 2);
    expect(files.map((file) => file.path)).toEqual([
      '/sitemap.xml',
      '/sitemap-1.xml',
      '/sitemap-2.xml',
      '/sitemap-3.xml',
    ]);
    const child = (n: number) =>
      `  <sitemap>\n    <loc>https://example.org/team/sitemap-${String(n)}.xml</loc>\n    <lastmod>2024-05-01</lastmod>\n  </sitemap>\n`;
    expect(files[0]?.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${child(1)}${child(2)}${child(3)}</sitemapindex>\n`,
    );
    const people = documents(5).map((document) => document.iri);
    expect(files.slice(1).map((file) => file.body)).toEqual([
      urlset(people[0] ?? '', people[1] ?? ''),
      urlset(people[2] ?? '', people[3] ?? ''),
      urlset(people[4] ?? ''),
    ]);
  });

  it('escapes IRIs for XML', () => {
    const odd = [{ iri: 'https://example.org/a?x=1&y=<2>' } as GraphDocument];
    expect(renderSitemaps(odd, config, LAST_MODIFIED)[0]?.body).toContain(
      '<loc>https://example.org/a?x=1&amp;y=&lt;2&gt;</loc>',
    );
  });
});
