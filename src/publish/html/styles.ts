import { createHash } from 'node:crypto';

/**
 * The one stylesheet of every page, inlined in `<style>` (no external requests: the CSP is
 * `default-src 'none'`). System fonts only; light and dark palettes; a print layout.
 *
 * Contrast (WCAG 2.1 AA: 4.5:1 for text, 3:1 for focus rings and icons), computed from the
 * sRGB relative luminance formula of WCAG 2.1 §1.4.3:
 * - light: text #1b1f24 on #fff 16.6:1 and on surface #f5f7fa 15.4:1; muted #525a65 7.0:1 / 6.5:1;
 *   accent (links, headings, focus ring) #0a58b5 6.8:1 / 6.4:1; tag #0b4490 on #e9f1fc 8.2:1;
 *   star icon #9a6700 on surface 4.5:1.
 * - dark: text #e6edf3 on #0e1116 16.0:1 and on surface #161b22 14.6:1; muted #a0aab5 8.0:1 /
 *   7.3:1; accent #7ab8ff 9.1:1 / 8.3:1; tag #d3e6ff on #16263b 12.0:1; star #e3b341 8.9:1.
 * - print: black on white; muted #3a3f45 10.6:1.
 * Lines (#d5dbe2, #2f3742) are decoration only and carry no information.
 */
export const PAGE_STYLES = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --surface: #f5f7fa;
  --text: #1b1f24;
  --muted: #525a65;
  --line: #d5dbe2;
  --accent: #0a58b5;
  --tag-bg: #e9f1fc;
  --tag-text: #0b4490;
  --focus: #0a58b5;
  --star: #9a6700;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1116;
    --surface: #161b22;
    --text: #e6edf3;
    --muted: #a0aab5;
    --line: #2f3742;
    --accent: #7ab8ff;
    --tag-bg: #16263b;
    --tag-text: #d3e6ff;
    --focus: #7ab8ff;
    --star: #e3b341;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; border-top: 4px solid var(--accent); }
body {
  margin: 0 auto;
  max-width: 52rem;
  padding: 3.5rem 1.5rem 2.5rem;
  background: var(--bg);
  color: var(--text);
  font: 400 1rem/1.6 var(--font);
  font-feature-settings: "kern", "liga";
  overflow-wrap: break-word;
}
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 0.2em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
p { margin: 0; }
ul, ol { margin: 0; padding: 0; }
.skip-link {
  position: absolute; left: 1rem; top: -4rem; padding: 0.5rem 0.875rem; z-index: 2;
  background: var(--bg); color: var(--accent); border: 2px solid var(--accent); border-radius: 6px;
}
.skip-link:focus { top: 1rem; }

/* Header */
.masthead h1 {
  font-size: clamp(2.25rem, 1.5rem + 3vw, 3.25rem);
  font-weight: 750;
  letter-spacing: -0.025em;
  line-height: 1.1;
}
.masthead .headline { margin-top: 0.75rem; font-size: 1.1875rem; font-weight: 500; line-height: 1.45; }
.masthead .employer { color: var(--muted); font-weight: 400; }
.identity { display: flex; align-items: center; gap: 1.25rem; }
.identity .photo { flex: none; width: 7rem; height: 7rem; border-radius: 50%; object-fit: cover; background: var(--surface); }
.identity-text { min-width: 0; }
.masthead h1 a { color: inherit; text-decoration: none; }
.masthead .location { margin-top: 0.25rem; color: var(--muted); }
.masthead .summary { margin-top: 0.875rem; max-width: 40rem; color: var(--muted); font-size: 1.0625rem; }
.kicker {
  color: var(--muted); font-size: 0.8125rem; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; margin-bottom: 0.5rem;
}
.contacts, .inline-list { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin-top: 1rem; }
.site-bar { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1.5rem; font-size: 0.9375rem; }
.site-bar .home { font-weight: 650; color: var(--text); text-decoration: none; }
.site-bar .home:hover { text-decoration: underline; }

/* In-page navigation */
.toc {
  position: sticky; top: 0; z-index: 1;
  margin: 2rem 0 0; padding: 0.625rem 0;
  background: var(--bg);
  border-bottom: 1px solid var(--line);
  font-size: 0.9375rem;
}
.toc ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; list-style: none; }
.toc a { color: var(--muted); text-decoration: none; font-weight: 500; }
.toc a:hover { color: var(--accent); text-decoration: underline; }

/* Sections */
main > section, main > article { margin-top: 2.75rem; scroll-margin-top: 4rem; }
main > article:first-child { margin-top: 2.25rem; }
h2 {
  display: flex; align-items: center; gap: 1rem;
  margin-bottom: 1.25rem;
  color: var(--accent); font-size: 0.8125rem; font-weight: 700; letter-spacing: 0.09em;
  text-transform: uppercase;
}
h2::after { content: ""; flex: 1; border-top: 1px solid var(--line); }
h3 { font-size: 1.0625rem; font-weight: 650; }
h3 a { color: inherit; text-decoration-color: var(--line); }
h3 a:hover { color: var(--accent); text-decoration-color: currentColor; }
.prose p { max-width: 42rem; }
.prose p + p, .prose details { margin-top: 1em; }
.prose details > p { margin-top: 1em; }
.prose summary { color: var(--accent); cursor: pointer; font-weight: 500; }
.meta, .when { color: var(--muted); font-size: 0.9375rem; }
.when { font-variant-numeric: tabular-nums; white-space: nowrap; }
.org { margin-top: 0.125rem; }
.description { margin-top: 0.5rem; }
.sep { color: var(--muted); padding: 0 0.125rem; }

/* Experience timeline */
.timeline { list-style: none; }
.timeline > li {
  position: relative;
  display: grid;
  grid-template-columns: 7.5rem minmax(0, 1fr);
  column-gap: 2.5rem;
  padding-bottom: 2rem;
}
.timeline > li:last-child { padding-bottom: 0; }
.timeline > li::before {
  content: ""; position: absolute; left: calc(7.5rem + 1.25rem - 1px); top: 0.5rem; bottom: -0.5rem;
  border-left: 2px solid var(--line);
}
.timeline > li:last-child::before { bottom: 0; }
.timeline > li::after {
  content: ""; position: absolute; left: calc(7.5rem + 1.25rem - 6px); top: 0.375rem;
  width: 12px; height: 12px; border-radius: 50%;
  background: var(--bg); border: 2px solid var(--accent);
}
.timeline > li.current::after { background: var(--accent); }
.timeline > li > * { grid-column: 2; }
.timeline > li > .when { grid-column: 1; grid-row: 1; padding-top: 0.0625rem; white-space: normal; }

/* Entries (memberships, education, publications) */
.entries { list-style: none; display: grid; gap: 1.25rem; }
.entry-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.125rem 1rem; }

/* Projects */
.projects { gap: 0; }
.projects > li { padding: 1.125rem 0; border-top: 1px solid var(--line); }
.projects > li:first-child { padding-top: 0; border-top: 0; }
.projects > li:last-child { padding-bottom: 0; }
.projects .meta { margin-top: 0.125rem; }
.repo { margin-top: 0.375rem; font-size: 0.9375rem; }
.stars {
  flex: none; padding: 0 0.625rem; border: 1px solid var(--line); border-radius: 999px;
  background: var(--surface); font-size: 0.875rem; font-weight: 600; line-height: 1.35; white-space: nowrap;
}
.stars .icon { color: var(--star); }

/* Expertise */
.tags { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; }
.tags li {
  padding: 0.3125rem 0.875rem; border-radius: 999px;
  background: var(--tag-bg); color: var(--tag-text); font-size: 0.9375rem; font-weight: 500;
}
.tags a { color: inherit; }

/* Generic entity pages */
.types { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.types a { color: var(--muted); text-decoration: none; }
.types a:hover { text-decoration: underline; }
article.entity h1 { font-size: clamp(1.875rem, 1.4rem + 2vw, 2.5rem); font-weight: 750; letter-spacing: -0.02em; }
article.entity h2 { margin-bottom: 0.25rem; }
.entity-head { margin-bottom: 1.25rem; }
.entity-head h2 {
  display: block; color: var(--text); font-size: 1.375rem; letter-spacing: -0.01em; text-transform: none;
}
.entity-head h2::after { content: none; }
.entity .lead { margin-bottom: 1rem; }
.entity .lead p { max-width: 42rem; }
.entity .lead p + p { margin-top: 0.75em; }
.facts { list-style: none; display: grid; gap: 0.375rem; overflow-wrap: anywhere; }
.facts .facts {
  margin-top: 0.375rem; padding: 0.625rem 1rem;
  background: var(--surface); border: 1px solid var(--line); border-radius: 10px;
}
.facts .icon { color: var(--star); }
.query-this { margin-top: 1.25rem; font-size: 0.9375rem; }
.referrers { list-style: none; display: grid; gap: 0.5rem; }

/* Footer */
.site-footer {
  margin-top: 4rem; padding-top: 1.25rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: 0.875rem;
}
.site-footer p + p, .site-footer p + div, .site-footer div + p { margin-top: 0.375rem; }
.alternates ul { display: inline; list-style: none; }
.alternates li { display: inline; }
.alternates li + li::before { content: "·" / ""; padding: 0 0.5rem; }

@media (max-width: 40rem) {
  body { padding: 2rem 1.125rem 2rem; }
  .toc { position: static; margin-top: 1.5rem; }
  .identity .photo { width: 4.5rem; height: 4.5rem; }
  .timeline > li { grid-template-columns: minmax(0, 1fr); padding-left: 1.75rem; }
  .timeline > li > *, .timeline > li > .when { grid-column: 1; grid-row: auto; }
  .timeline > li > .when { order: -1; padding: 0 0 0.125rem; }
  .timeline > li::before { left: 5px; }
  .timeline > li::after { left: 0; top: 0.3125rem; }
}

@page { margin: 16mm 18mm; }
@media print {
  :root {
    --bg: #fff; --surface: #fff; --text: #000; --muted: #3a3f45; --line: #c4c9cf;
    --accent: #000; --tag-bg: #fff; --tag-text: #000;
  }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; line-height: 1.45; }
  .masthead h1 { font-size: 2.25rem; }
  .prose p { max-width: none; }
  .skip-link, .toc, .alternates, .prose summary { display: none; }
  .prose details > p { display: block; }
  a { color: inherit; text-decoration: none; }
  main > section, main > article { margin-top: 1.5rem; }
  h2 { break-after: avoid; }
  html { border-top: 0; }
  li, dd { break-inside: avoid; }
  .projects > li { padding: 0.5rem 0; }
  .tags li { border: 1px solid var(--line); padding: 0.125rem 0.5rem; }
  .stars { --star: #000; }
  .site-footer { margin-top: 2rem; }
}
`.trim();

/**
 * The CSP source expression allowing exactly {@link PAGE_STYLES} (CSP 3 §8.3 hash-source), for
 * servers that prefer `style-src 'sha256-…'` to `'unsafe-inline'`. Pages carry no style
 * attributes, so the hash covers all styling.
 */
export const PAGE_STYLES_CSP_SOURCE = `'sha256-${createHash('sha256').update(PAGE_STYLES, 'utf8').digest('base64')}'`;
