import type { SiteConfig } from '../model/config.js';
import { escapeHtml } from './html/escape.js';
import { renderHead } from './html/head.js';
import { PAGE_STYLES } from './html/styles.js';

/** The HTML body of every 404: says what happened and links home; no scripts, no external requests. */
export function renderNotFoundPage(config: SiteConfig): string {
  const site = escapeHtml(config.siteName);
  return `<!doctype html>
<html lang="${escapeHtml(config.language)}">
${renderHead({ title: `Not found — ${config.siteName}`, noindex: true, styles: [PAGE_STYLES] }).value}<body>
<main id="main">
<h1>Not found</h1>
<p>Nothing is published at this address.</p>
<p><a href="/">Go to ${site}</a> · <a href="/sitemap.xml">Sitemap</a></p>
</main>
</body>
</html>
`;
}
