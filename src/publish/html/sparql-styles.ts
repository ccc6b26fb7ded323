import { createHash } from 'node:crypto';

/**
 * The SPARQL pages' own styles, next to the site's PAGE_STYLES (same custom properties, so the
 * light and dark palettes and their contrast carry over): a wider body for the editor, the
 * plain form, and result tables that scroll sideways inside their own box rather than widen the
 * page. On a phone the editor's buttons stack in a column the query's lines leave free.
 */
export const SPARQL_STYLES = `
body.sparql { max-width: 64rem; }
.sparql .site-bar { margin-bottom: 1.5rem; }
.sparql [hidden] { display: none; }
.sparql h1 { font-size: 2rem; font-weight: 750; letter-spacing: -0.02em; }
.sparql h2 { font-size: 1.25rem; margin-top: 2rem; }
.sparql main > p, .sparql main > ul { margin-top: 0.75rem; }
.sparql main > ul { padding-left: 1.25rem; }
.sparql code, .sparql pre, .sparql textarea { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; }
.sparql form { margin-top: 1rem; display: grid; gap: 0.5rem; }
.sparql textarea { width: 100%; padding: 0.5rem; color: var(--text); background: var(--surface); border: 1px solid var(--line); border-radius: 6px; }
.sparql button { justify-self: start; padding: 0.375rem 1rem; font: inherit; color: var(--bg); background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; }
.sparql #yasgui { margin-top: 1rem; min-width: 0; }
.sparql .yasr_results { overflow-x: auto; }
@media (max-width: 40rem) {
  .sparql .yasqe .yasqe_buttons { display: flex; flex-direction: column; align-items: center; gap: 0.25rem; }
  .sparql .yasqe .CodeMirror-lines { padding-right: 4rem; }
}
.sparql .scroll { margin-top: 1rem; overflow-x: auto; }
.sparql table { border-collapse: collapse; font-size: 0.875rem; }
.sparql th, .sparql td { padding: 0.25rem 0.75rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.sparql td.number { text-align: right; }
.sparql .term-meta { color: var(--muted); font-size: 0.8125rem; }
.sparql pre { margin-top: 1rem; padding: 0.75rem; overflow-x: auto; background: var(--surface); border-radius: 6px; }
.sparql footer { margin-top: 2.5rem; color: var(--muted); font-size: 0.875rem; }
`;

/** The CSP source that allows exactly {@link SPARQL_STYLES} in a `<style>` element (CSP 3 §8.3). */
export const SPARQL_STYLES_CSP_SOURCE = `'sha256-${createHash('sha256').update(SPARQL_STYLES, 'utf8').digest('base64')}'`;
