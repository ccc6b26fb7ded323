import type { SiteConfig } from '../model/config.js';
import type { GraphDocument } from './documents.js';

/** The most URLs one sitemap file may list (sitemaps.org 0.9; also its 50 MB cap, far off). */
export const SITEMAP_MAX_URLS = 50_000;

/** One sitemap file: its URL path and XML. */
export interface SitemapFile {
  path: string;
  body: string;
}

/**
 * The sitemaps (sitemaps.org 0.9): every document's HTML page with its lastmod (W3C date), in
 * path order, listed by canonical IRI. Up to `maxUrls` documents, one `/sitemap.xml`; beyond,
 * `/sitemap.xml` is a sitemap index of `/sitemap-1.xml`, `/sitemap-2.xml`… of `maxUrls` each
 * (at the root: a sitemap may only list URLs under its own folder).
 */
export function renderSitemaps(
  documents: readonly GraphDocument[],
  config: Pick<SiteConfig, 'baseUrl'>,
  lastModified: Date,
  maxUrls = SITEMAP_MAX_URLS,
): SitemapFile[] {
  const lastmod = lastModified.toISOString().slice(0, 10);
  const urlset = (part: readonly GraphDocument[]) =>
    xml(
      'urlset',
      part.map((document) => `  <url>\n${entry(document.iri, lastmod)}  </url>\n`),
    );
  if (documents.length <= maxUrls) return [{ path: '/sitemap.xml', body: urlset(documents) }];
  const parts: SitemapFile[] = [];
  for (let start = 0; start < documents.length; start += maxUrls) {
    parts.push({
      path: `/sitemap-${String(parts.length + 1)}.xml`,
      body: urlset(documents.slice(start, start + maxUrls)),
    });
  }
  const index = xml(
    'sitemapindex',
    parts.map(
      (part) =>
        `  <sitemap>\n${entry(new URL(part.path.slice(1), config.baseUrl).href, lastmod)}  </sitemap>\n`,
    ),
  );
  return [{ path: '/sitemap.xml', body: index }, ...parts];
}

/** robots.txt (RFC 9309): everything may be crawled; points at the sitemap. */
export function renderRobots(config: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', config.baseUrl).href}\n`;
}

function xml(root: 'urlset' | 'sitemapindex', entries: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('')}</${root}>\n`;
}

function entry(location: string, lastmod: string): string {
  return `    <loc>${escapeXml(location)}</loc>\n    <lastmod>${lastmod}</lastmod>\n`;
}

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
