import { escapeHtml, markup, type SafeHtml } from '../publish/html/escape.js';
import { renderHead } from '../publish/html/head.js';
import { hrefFor } from '../publish/html/links.js';
import { PAGE_STYLES } from '../publish/html/styles.js';
import { NUMERIC_DATATYPES, type ResultTerm } from './query-result.js';
import { SPARQL_STYLES } from '../publish/html/sparql-styles.js';
import { tsvTerm, type SolutionResult } from './result-serializers.js';

/** What a results page shows besides the result. */
export interface ResultsPageInput {
  siteName: string;
  language: string;
  /** The query, shown above the result with a link back to the editor. */
  query: string;
  /** The endpoint's path (`/sparql`). */
  endpointPath: string;
  /** The site's base URL: IRIs under it link to their pages on the host being served. */
  baseUrl: string;
}

/**
 * An HTML page with SELECT results as a table (IRIs as links: the site's own as root-relative
 * paths, so they open on whatever host serves the results; others when http(s); language tags and
 * datatypes in muted text) or an ASK answer, for browsers that follow a query link or submit
 * the no-script form. No scripts; every value is escaped.
 */
export function resultsToHtml(result: SolutionResult, input: ResultsPageInput): string {
  let body: SafeHtml;
  if (result.kind === 'boolean') {
    body = markup`<p class="answer"><strong>${result.value ? 'Yes' : 'No'}</strong> (ASK: ${String(result.value)})</p>`;
  } else {
    const header = result.vars.map((name) => markup`<th scope="col">?${name}</th>`);
    const rows = result.bindings.map(
      (binding) =>
        markup`<tr>${result.vars.map((name) => termCell(binding[name], input.baseUrl))}</tr>\n`,
    );
    body = markup`<p>${result.bindings.length} ${result.bindings.length === 1 ? 'result' : 'results'}</p>
<div class="scroll"><table>
<thead><tr>${header}</tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
  }
  return page('Query results', body, input);
}

/** An HTML page showing a CONSTRUCT or DESCRIBE result as Turtle. */
export function graphToHtml(turtle: string, triples: number, input: ResultsPageInput): string {
  return page(
    'Query results',
    markup`<p>${triples} ${triples === 1 ? 'triple' : 'triples'}, as Turtle</p>
<pre>${turtle}</pre>`,
    input,
  );
}

function termCell(term: ResultTerm | undefined, baseUrl: string): SafeHtml {
  if (term === undefined) return markup`<td></td>`;
  switch (term.type) {
    case 'uri': {
      const href = hrefFor(term.value, baseUrl);
      return href === undefined
        ? markup`<td>&lt;${term.value}&gt;</td>`
        : markup`<td><a href="${href}">${term.value}</a></td>`;
    }
    case 'bnode':
      return markup`<td>_:${term.value}</td>`;
    case 'literal': {
      const language = term['xml:lang'];
      const datatype = term.datatype;
      const numeric = datatype !== undefined && NUMERIC_DATATYPES.has(datatype);
      const meta =
        language !== undefined
          ? markup` <span class="term-meta">@${language}</span>`
          : datatype !== undefined && !numeric
            ? markup` <span class="term-meta">^^${shortDatatype(datatype)}</span>`
            : '';
      return numeric
        ? markup`<td class="number">${term.value}</td>`
        : markup`<td>${term.value}${meta}</td>`;
    }
    case 'triple':
      return markup`<td>${tsvTerm(term)}</td>`;
  }
}

function shortDatatype(iri: string): string {
  const xsd = 'http://www.w3.org/2001/XMLSchema#';
  const schema = 'http://schema.org/';
  if (iri.startsWith(xsd)) return `xsd:${iri.slice(xsd.length)}`;
  if (iri.startsWith(schema)) return `schema:${iri.slice(schema.length)}`;
  return `<${iri}>`;
}

function page(title: string, content: SafeHtml, input: ResultsPageInput): string {
  return `<!doctype html>
<html lang="${escapeHtml(input.language)}">
${
  renderHead({
    title: `${title} — ${input.siteName}`,
    noindex: true,
    styles: [PAGE_STYLES, SPARQL_STYLES],
  }).value
}<body class="sparql">
<main id="main">
<h1>${escapeHtml(title)}</h1>
${content.value}
<h2>Query</h2>
<pre>${escapeHtml(input.query)}</pre>
<p><a href="${escapeHtml(input.endpointPath)}">Back to the query page</a></p>
</main>
</body>
</html>
`;
}
