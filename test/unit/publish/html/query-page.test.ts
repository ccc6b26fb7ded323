import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../../../src/sparql/examples.js';
import { renderQueryPage, type QueryPageInput } from '../../../../src/publish/html/query-page.js';

const INPUT: QueryPageInput = {
  siteName: 'A <b> & "c"',
  language: 'en',
  pagePath: '/sparql',
  service: {
    endpoint: 'http://localhost:8080/sparql',
    queryUrl: '/sparql',
    limits: { timeoutMs: 5000, maxResults: 10_000 },
    examples: EXAMPLE_QUERIES,
    editor: {
      editorScript: '/sparql/assets/yasgui-1.min.js',
      editorStyles: '/sparql/assets/yasgui-1.min.css',
      pageScript: '/sparql/assets/query-page-x.js',
    },
  },
  triples: 169,
  baseUrl: 'http://localhost:8080/',
  homePath: '/',
};

describe('renderQueryPage', () => {
  it('escapes text, and embeds the examples as data the page script reads', () => {
    const html = renderQueryPage(INPUT);
    expect(html).toContain('<title>SPARQL — A &lt;b&gt; &amp; &quot;c&quot;</title>');
    const config = /<script type="application\/json" id="sparql-config">([^<]*)<\/script>/.exec(
      html,
    );
    const parsed = JSON.parse(config?.[1] ?? '') as {
      endpoint: string;
      base: string;
      home: string;
      examples: { id: string }[];
    };
    expect(parsed.endpoint).toBe('/sparql');
    // The page script points result links under the data's base at this host's pages.
    expect({ base: parsed.base, home: parsed.home }).toEqual({
      base: 'http://localhost:8080/',
      home: '/',
    });
    // The site's banner leads home, as on every other page.
    expect(html).toContain(
      '<header class="site-bar"><a class="home" href="/">A &lt;b&gt; &amp; &quot;c&quot;</a></header>',
    );
    expect(parsed.examples.map((each) => each.id)).toEqual(EXAMPLE_QUERIES.map((each) => each.id));
    expect(html).toContain('<script src="/sparql/assets/yasgui-1.min.js" defer></script>');
    expect(html).toContain('at most 5 s and\nreturns at most 10,000 results');
  });

  it('is the plain form, with no script at all, when the editor is not installed', () => {
    const html = renderQueryPage({ ...INPUT, service: { ...INPUT.service, editor: undefined } });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('YASGUI');
    expect(html).toContain('<form id="query-form" method="get" action="/sparql">');
  });
});
