import { escapeJsonForScript } from '../../embed/script.js';
import { markup, joinHtml, unsafeRawHtml, type HtmlValue, type SafeHtml } from './escape.js';
import { formatDate, isMachineDate } from './format.js';
import { renderHead } from './head.js';
import { messagesFor, type Messages } from './messages.js';
import type { Link } from './links.js';
import type { PageInput } from './page-input.js';
import { PAGE_STYLES } from './styles.js';

/** What the document head says about a page (title, description, Open Graph). */
export interface PageMeta {
  title: string;
  description?: string;
  /** Open Graph type (ogp.me §Object types). */
  ogType: 'profile' | 'website' | 'article';
  /** `profile:first_name` / `profile:last_name`, only from givenName / familyName. */
  firstName?: string;
  lastName?: string;
  /** The page's Open Graph image (ogp.me §Structured properties): absolute URL, size, alt text. */
  image?: { url: string; width: number; height: number; alt: string };
}

/** One entry of the in-page navigation. */
export interface NavItem {
  id: string;
  label: string;
}

/** The parts a layout hands to {@link renderDocument}. */
export interface PageParts {
  meta: PageMeta;
  /** Content of the banner `<header>`, ending with a newline. */
  header: SafeHtml;
  nav: readonly NavItem[];
  /** Content of `<main>`. */
  main: SafeHtml;
  /** Extra footer line before the list of formats. */
  footerNote?: SafeHtml;
}

/**
 * Wraps the parts into a complete HTML5 document: head (title, description, canonical link,
 * Open Graph, Twitter card, alternates, inline stylesheet, the embedded JSON-LD) and body
 * landmarks (banner, navigation, main, contentinfo). No scripts run; nothing is fetched.
 */
export function renderDocument(input: PageInput, parts: PageParts): string {
  const { meta } = parts;
  const description = meta.description === undefined ? undefined : summarize(meta.description);
  const isProfile = meta.ogType === 'profile';
  const property = (name: string, content: string | undefined) =>
    content === undefined ? '' : markup`<meta property="${name}" content="${content}">\n`;
  const named = (name: string, content: string | undefined) =>
    content === undefined ? '' : markup`<meta name="${name}" content="${content}">\n`;
  const alternates = input.alternates.map(
    (alternate) =>
      markup`<link rel="alternate" type="${alternate.mediaType}" href="${alternate.href}" title="${alternate.label}">\n`,
  );
  const openGraph = [
    property('og:type', meta.ogType),
    property('og:title', meta.title),
    property('og:description', description),
    property('og:url', input.documentIri),
    property('og:site_name', input.site.name),
    property('profile:first_name', isProfile ? meta.firstName : undefined),
    property('profile:last_name', isProfile ? meta.lastName : undefined),
    property('og:image', meta.image?.url),
    property('og:image:type', meta.image && 'image/png'),
    property('og:image:width', meta.image && String(meta.image.width)),
    property('og:image:height', meta.image && String(meta.image.height)),
    property('og:image:alt', meta.image?.alt),
    // A large image card when there is an image to show (developer.x.com, Cards markup).
    named('twitter:card', meta.image ? 'summary_large_image' : 'summary'),
    named('twitter:title', meta.title),
    named('twitter:description', description),
  ];
  // The stylesheet goes in byte for byte so that its CSP hash (PAGE_STYLES_CSP_SOURCE) matches.
  const head = renderHead({
    title: meta.title,
    links: markup`${named('description', description)}<link rel="canonical" href="${input.documentIri}">
${alternates}${openGraph}`,
    styles: [PAGE_STYLES],
    after: markup`<script type="application/ld+json">
${unsafeRawHtml(escapeJsonForScript(input.jsonLd.trimEnd()))}
</script>
`,
  });
  const prefix = isProfile
    ? 'og: https://ogp.me/ns# profile: https://ogp.me/ns/profile#'
    : 'og: https://ogp.me/ns#';
  const text = messagesFor(input.site.language);
  const footerNote = parts.footerNote ? markup`<p>${parts.footerNote}</p>\n` : '';
  const page = markup`<!doctype html>
<html lang="${input.site.language}" prefix="${prefix}">
${head}<body>
<a class="skip-link" href="#main">${text.skipToContent}</a>
<header class="${isProfile ? 'masthead' : 'site-bar'}">
${parts.header}</header>
${renderNav(parts.nav, text)}<main id="main">
${parts.main}</main>
<footer class="site-footer">
${footerNote}${renderAlternates(input, text)}
</footer>
</body>
</html>
`;
  return page.value;
}

function renderNav(items: readonly NavItem[], text: Messages): SafeHtml {
  if (items.length === 0) return markup``;
  const links = items.map((item) => markup`<li><a href="#${item.id}">${item.label}</a></li>\n`);
  return markup`<nav class="toc" aria-label="${text.onThisPage}">
<ul>
${links}</ul>
</nav>
`;
}

function renderAlternates(input: PageInput, text: Messages): SafeHtml {
  if (input.alternates.length === 0) return markup``;
  const links = input.alternates.map(
    (alternate) =>
      markup`<li><a href="${alternate.href}" type="${alternate.mediaType}">${alternate.label}</a></li>`,
  );
  return markup`<div class="alternates">${text.thisPageAs} <ul>${links}</ul></div>`;
}

/** Shortens text for meta descriptions: at most `max` characters, cut at a word, with `…`. */
export function summarize(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** A link, or plain text when there is nowhere safe to go. */
export function renderLink(link: Link): SafeHtml {
  return link.href === undefined
    ? markup`${link.label}`
    : markup`<a href="${link.href}">${link.label}</a>`;
}

/** Links separated by commas. */
export function renderLinks(links: readonly Link[]): SafeHtml {
  return joinHtml(links.map(renderLink), markup`, `);
}

/** Fragments separated by a middle dot that screen readers skip. */
export function joinWithDots(parts: readonly HtmlValue[]): SafeHtml {
  const present = parts.filter((part) => part !== undefined && part !== '' && part !== false);
  return joinHtml(present, markup` <span class="sep" aria-hidden="true">·</span> `);
}

/** A date as `<time datetime>` when it is machine-readable, else the text as written. */
export function renderDate(value: string, display = formatDate(value)): SafeHtml {
  return isMachineDate(value)
    ? markup`<time datetime="${value}">${display}</time>`
    : markup`${value}`;
}

/** `2018 – 2024`, `2024 – present`, `until 2015`; `undefined` without dates. */
export function renderPeriod(
  start?: string,
  end?: string,
  text: Messages = messagesFor('en'),
  language = 'en',
): SafeHtml | undefined {
  const date = (value: string) => renderDate(value, formatDate(value, language));
  if (start !== undefined && end !== undefined) {
    return start === end ? date(start) : markup`${date(start)} – ${date(end)}`;
  }
  if (start !== undefined) return markup`${date(start)} – ${text.present}`;
  // The message takes the date as text; the <time> element goes where the message puts it.
  if (end !== undefined) {
    const [before = '', after = ''] = text.until('\u0000').split('\u0000');
    return markup`${before}${date(end)}${after}`;
  }
  return undefined;
}
