import { markup, unsafeRawHtml, type SafeHtml } from './escape.js';

/** What one page puts in its `<head>` beyond what every page has. */
export interface HeadParts {
  title: string;
  /** Keep the page out of search indexes (`<meta name="robots" content="noindex">`): 404, results. */
  noindex?: boolean;
  /** Meta and link elements after the title (description, canonical, alternates, Open Graph…). */
  links?: SafeHtml;
  /**
   * Stylesheets, each inlined byte for byte in its own `<style>`, so that the hash a page's CSP
   * names for it matches.
   */
  styles: readonly string[];
  /** Elements after the styles (the embedded JSON-LD). */
  after?: SafeHtml;
}

/**
 * The `<head>` element of every HTML page the site sends (profile and entity pages, the SPARQL
 * page, its results and the 404), written once: UTF-8, the mobile viewport, an empty data: icon
 * (so browsers do not request /favicon.ico, a 404 on every visit), both colour schemes, the
 * title, then the page's own parts. Ends with a newline.
 */
export function renderHead(parts: HeadParts): SafeHtml {
  const robots = parts.noindex ? markup`<meta name="robots" content="noindex">\n` : '';
  const styles = parts.styles.map((style) => markup`<style>${unsafeRawHtml(style)}</style>\n`);
  return markup`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="color-scheme" content="light dark">
${robots}<title>${parts.title}</title>
${parts.links ?? ''}${styles}${parts.after ?? ''}</head>
`;
}
