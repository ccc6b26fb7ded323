import type { SiteConfig } from '../model/config.js';
import type { GraphDocument } from './documents.js';

/**
 * sitemap.xml (sitemaps.org 0.9): every document's HTML page with its lastmod (W3C date), in
 * path order. Documents are listed by their canonical IRI (under baseUrl).
 */
export function renderSitemap(documents: readonly GraphDocument[], lastModified: Date): string {
  const lastmod = lastModified.toISOString().slice(0, 10);
  const urls = documents
    .map(
      (document) =>
        `  <url>\n    <loc>${escapeXml(document.iri)}</loc>\n    <lastmod>${lastmod}</lastmod>\n  </url>\n`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}</urlset>\n`;
}

/** robots.txt (RFC 9309): everything may be crawled; points at the sitemap. */
export function renderRobots(config: SiteConfig): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', config.baseUrl).href}\n`;
}

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
