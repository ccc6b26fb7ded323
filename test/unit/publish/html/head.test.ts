import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/model/config.js';
import { markup } from '../../../../src/publish/html/escape.js';
import { renderHead } from '../../../../src/publish/html/head.js';
import { renderPage } from '../../../../src/publish/html/render-page.js';
import { renderQueryPage } from '../../../../src/publish/html/query-page.js';
import { SPARQL_STYLES } from '../../../../src/publish/html/sparql-styles.js';
import { PAGE_STYLES } from '../../../../src/publish/html/styles.js';
import { renderNotFoundPage } from '../../../../src/publish/not-found.js';
import { EXAMPLE_QUERIES } from '../../../../src/sparql/examples.js';
import { resultsToHtml } from '../../../../src/sparql/result-html.js';
import { loadPageFixture, pageInputFor } from './page-fixture.js';

/** The lines every page's head starts with, as renderHead writes them. */
const COMMON = [
  '<head>',
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<link rel="icon" href="data:,">',
  '<meta name="color-scheme" content="light dark">',
];

describe('renderHead', () => {
  it('writes the common lines, robots, the escaped title, then the parts in order', () => {
    const head = renderHead({
      title: 'A & <b>',
      noindex: true,
      links: markup`<link rel="canonical" href="/x">\n`,
      styles: ['p{}', 'q{}'],
      after: markup`<!-- after -->\n`,
    });
    expect(head.value).toBe(
      [
        ...COMMON,
        '<meta name="robots" content="noindex">',
        '<title>A &amp; &lt;b&gt;</title>',
        '<link rel="canonical" href="/x">',
        '<style>p{}</style>',
        '<style>q{}</style>',
        '<!-- after -->',
        '</head>',
        '',
      ].join('\n'),
    );
  });
});

describe('every page of the site has the same head', () => {
  let pages: Record<string, string>;

  beforeAll(async () => {
    const fixture = await loadPageFixture();
    const service = {
      endpoint: 'http://localhost:8080/sparql',
      queryUrl: '/sparql',
      limits: { timeoutMs: 5000, maxResults: 10_000 },
      examples: EXAMPLE_QUERIES,
      editor: undefined,
    };
    pages = {
      profile: renderPage(await pageInputFor(fixture, '/')),
      entity: renderPage(await pageInputFor(fixture, '/works/apache-mxnet')),
      notFound: renderNotFoundPage(DEFAULT_CONFIG),
      query: renderQueryPage({
        siteName: 'Site',
        language: 'en',
        pagePath: '/sparql',
        service,
        triples: 1,
        baseUrl: 'http://localhost:8080/',
        homePath: '/',
      }),
      results: resultsToHtml(
        { kind: 'boolean', value: true },
        {
          siteName: 'Site',
          language: 'en',
          query: 'ASK {}',
          endpointPath: '/sparql',
          baseUrl: 'http://localhost:8080/',
        },
      ),
    };
  });

  it('starts with the same lines, one <head>, and the page stylesheet inlined once', () => {
    for (const [name, html] of Object.entries(pages)) {
      const start = html.indexOf('<head>');
      expect(html.slice(start).split('\n').slice(0, COMMON.length), name).toEqual(COMMON);
      expect(html.split('<head>').length - 1, name).toBe(1);
      expect(html.split(PAGE_STYLES).length - 1, name).toBe(1);
    }
  });

  it('keeps the 404 and result pages out of search indexes, and no other', () => {
    const noindex = Object.entries(pages)
      .filter(([, html]) => html.includes('<meta name="robots" content="noindex">'))
      .map(([name]) => name);
    expect(noindex).toEqual(['notFound', 'results']);
    expect(pages.query?.split(SPARQL_STYLES).length).toBe(2);
    expect(pages.results?.split(SPARQL_STYLES).length).toBe(2);
  });
});
