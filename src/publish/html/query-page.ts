import { escapeJsonForScript } from '../../embed/script.js';
import type { SparqlService } from '../sparql-service.js';
import { escapeHtml, markup, unsafeRawHtml } from './escape.js';
import { renderHead } from './head.js';
import { SPARQL_STYLES } from './sparql-styles.js';
import { PAGE_STYLES } from './styles.js';

/** What the query page shows. */
export interface QueryPageInput {
  siteName: string;
  language: string;
  /** Where the page and the service description are published (`/sparql`). */
  pagePath: string;
  /**
   * The endpoint: its IRI (named in the text), where queries go (the form's action, the
   * editor's endpoint, the examples' links), its limits and examples, and the URLs of the
   * editor's files and of {@link QUERY_PAGE_SCRIPT} (without them the page is the plain form).
   */
  service: Pick<SparqlService, 'endpoint' | 'queryUrl' | 'limits' | 'examples' | 'editor'>;
  triples: number;
  /** The base of the data's IRIs: result links under it go to this host's pages instead. */
  baseUrl: string;
  /** The site's home page path (`/`), linked from the page's banner. */
  homePath: string;
}

/**
 * The query page: a plain form (textarea, result format, submit) that works without scripts,
 * and the example queries as links that run them. When the YASGUI editor (served from this
 * server, see sparql/routes.ts) loads, {@link QUERY_PAGE_SCRIPT} replaces the form with it and
 * makes the examples open in the editor. Nothing is fetched from another origin than this one
 * and an external endpoint's: the page's Content-Security-Policy says so (`queryPagePolicy`),
 * and the tests check it in Chromium.
 */
export function renderQueryPage(input: QueryPageInput): string {
  const { service } = input;
  const config = escapeJsonForScript(
    JSON.stringify({
      endpoint: service.queryUrl,
      base: input.baseUrl,
      home: input.homePath,
      examples: service.examples.map(({ id, title, query }) => ({ id, title, query })),
    }),
  );
  const first = service.examples[0]?.query ?? 'SELECT * WHERE { ?s ?p ?o } LIMIT 10\n';
  const examples = service.examples.map(
    (example) =>
      markup`<li><a href="${`${service.queryUrl}?query=${encodeURIComponent(example.query)}`}" data-example="${example.id}">${example.title}</a></li>\n`,
  );
  const limits = service.limits;
  const stated = limits
    ? markup` Each query runs for at most ${limits.timeoutMs / 1000} s and
returns at most ${limits.maxResults.toLocaleString('en')} results; the endpoint is read-only
and never calls other servers (no SERVICE).`
    : markup` The endpoint is read-only; its own limits apply.`;
  const main = markup`<h1>SPARQL</h1>
<p>Ask ${input.siteName}'s graph (${input.triples} triples) anything with SPARQL 1.1. The endpoint is
<code>${service.endpoint}</code>: <code>GET ?query=…</code>, or <code>POST</code> the query as
<code>application/sparql-query</code> or as a form. SELECT and ASK answer in SPARQL JSON, XML, CSV
or TSV; CONSTRUCT and DESCRIBE in any RDF format.${stated}</p>
<h2>Examples</h2>
<ul>
${examples}</ul>
<h2>Query</h2>
<form id="query-form" method="get" action="${service.queryUrl}">
<label for="query">SPARQL query</label>
<textarea id="query" name="query" rows="14" spellcheck="false">${first}</textarea>
<label for="format">Results as</label>
<select id="format" name="format">
<option value="html">HTML table (SELECT, ASK)</option>
<option value="json">SPARQL JSON</option>
<option value="xml">SPARQL XML</option>
<option value="csv">CSV</option>
<option value="tsv">TSV</option>
<option value="ttl">Turtle (CONSTRUCT, DESCRIBE)</option>
</select>
<button type="submit">Run query</button>
</form>
<div id="yasgui"></div>
<footer>
<p>The service description (SPARQL 1.1 Service Description) is at this address for RDF clients:
<a href="${`${input.pagePath}?format=ttl`}">Turtle</a>.${
    service.editor
      ? markup` Query editor: <a href="https://github.com/zazuko/Yasgui">YASGUI</a> (MIT licence; icons
from Font Awesome Free, CC BY 4.0), served by this server.`
      : ''
  }</p>
</footer>`;
  const assets = service.editor;
  const editorTags = assets
    ? `<link rel="stylesheet" href="${escapeHtml(assets.editorStyles)}">
<script type="application/json" id="sparql-config">${config}</script>
<script src="${escapeHtml(assets.editorScript)}" defer></script>
<script src="${escapeHtml(assets.pageScript)}" defer></script>
`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(input.language)}">
${
  renderHead({
    title: `SPARQL — ${input.siteName}`,
    links: markup`<link rel="alternate" type="text/turtle" href="${`${input.pagePath}?format=ttl`}" title="Service description">
${unsafeRawHtml(editorTags)}`,
    styles: [PAGE_STYLES, SPARQL_STYLES],
  }).value
}<body class="sparql">
<header class="site-bar"><a class="home" href="${escapeHtml(input.homePath)}">${escapeHtml(input.siteName)}</a></header>
<main id="main">
${main.value}
</main>
</body>
</html>
`;
}

/**
 * The page's script (served as a file: the page's CSP allows no inline script). When YASGUI
 * loaded, it hides the form, starts the editor on this endpoint with the first example, and
 * opens an example in the editor when its link is clicked. The editor's online helpers are off:
 * property and class autocompletion query the LOV service and prefix lookup prefix.cc, so only
 * the bundled prefix list and the query's own variables are suggested.
 */
export const QUERY_PAGE_SCRIPT = `(function () {
  'use strict';
  var Yasgui = window.Yasgui;
  var mount = document.getElementById('yasgui');
  var form = document.getElementById('query-form');
  var configElement = document.getElementById('sparql-config');
  if (!Yasgui || !mount || !form || !configElement) return;
  var config = JSON.parse(configElement.textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  // An entity page's "Query this in SPARQL" link carries its query after '#' (YASGUI's own
  // share-link form), which never reaches the server, so /sparql is still the page, not a query.
  var asked = new URLSearchParams(window.location.hash.slice(1)).get('query');
  var first = asked || (config.examples.length > 0 ? config.examples[0].query : '');
  Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables'];
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  var yasgui = new Yasgui(mount, {
    requestConfig: { endpoint: endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
      renderItem: function (data, source) { source.textContent = data.value.endpoint; },
    },
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: first },
  });
  // The results name the data's IRIs (under config.base, e.g. http://localhost:8080/) while
  // this page may be served anywhere else: point those links at the same pages on this host.
  var base = config.base;
  var home = new URL(config.home, window.location.href).href;
  function relink(root) {
    var anchors = root.querySelectorAll ? root.querySelectorAll('a[href]') : [];
    Array.prototype.forEach.call(anchors, function (anchor) {
      var href = anchor.getAttribute('href');
      if (href && href.indexOf(base) === 0) anchor.setAttribute('href', home + href.slice(base.length));
    });
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, relink);
    });
  }).observe(mount, { childList: true, subtree: true });
  relink(mount);
  form.hidden = true;
  var links = document.querySelectorAll('[data-example]');
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener('click', function (event) {
      var id = link.getAttribute('data-example');
      var example = config.examples.filter(function (each) { return each.id === id; })[0];
      var tab = yasgui.getTab();
      if (!example || !tab) return;
      event.preventDefault();
      tab.setQuery(example.query);
      tab.query();
      mount.scrollIntoView({ block: 'start' });
    });
  });
})();
`;
