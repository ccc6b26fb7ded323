import { describe, expect, it } from 'vitest';
import { parsePageBytes } from '../../../src/load/html-scripts.js';
import { locate, type SourceFile } from '../../../src/load/source-file.js';

/** The 1-based line and column of `needle` in `text`, counted here. */
function at(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} is not in the page`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function parse(html: string): { source: SourceFile; diagnostics: unknown[] } {
  const parsed = parsePageBytes('p.html', new TextEncoder().encode(html));
  if (!parsed.ok) throw new Error(`no source: ${JSON.stringify(parsed.diagnostics)}`);
  return parsed;
}

const MICRODATA = `<html lang="en"><body>
<article itemscope itemtype="https://schema.org/BlogPosting" itemref="by">
  <h1 itemprop="headline">Hi</h1>
  <time itemprop="datePublished" datetime="2024-05-01">May</time>
  <a itemprop="url" href="https://b.example/hi/">x</a>
</article>
<p id="by" itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Jo</span></p>
</body></html>`;

describe('a page’s Microdata and RDFa as node objects', () => {
  it('writes Microdata items as JSON-LD under the schema.org context, nested as written, itemref followed', () => {
    const { source, diagnostics } = parse(MICRODATA);
    expect(diagnostics).toEqual([]);
    expect(source.json).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'BlogPosting',
        headline: { '@value': 'Hi' },
        datePublished: { '@value': '2024-05-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
        url: { '@id': 'https://b.example/hi/' },
        author: { '@type': 'Person', name: { '@value': 'Jo' } },
      },
    ]);
  });

  it('anchors each pointer at the element or attribute that wrote it', () => {
    const { source } = parse(MICRODATA);
    expect(locate(source, '/0')).toEqual(at(MICRODATA, '<article'));
    expect(locate(source, '/0/@type')).toEqual(at(MICRODATA, 'itemtype="https://schema.org/Blog'));
    expect(locate(source, '/0/headline')).toEqual(at(MICRODATA, 'itemprop="headline"'));
    expect(locate(source, '/0/headline/@value')).toEqual(at(MICRODATA, 'itemprop="headline"'));
    // The itemref'd author is where the page writes it, after the article.
    expect(locate(source, '/0/author')).toEqual(at(MICRODATA, 'itemprop="author"'));
    expect(locate(source, '/0/author/name')).toEqual(at(MICRODATA, 'itemprop="name"'));
  });

  it('puts the markup after the JSON-LD blocks, in the same array, each located its own way', () => {
    const html = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebSite","name":"S"}</script>
<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jo</span></div>`;
    const { source } = parse(html);
    expect(source.json).toEqual([
      { '@context': 'https://schema.org', '@type': 'WebSite', name: 'S' },
      { '@context': 'https://schema.org', '@type': 'Person', name: { '@value': 'Jo' } },
    ]);
    expect(locate(source, '/0/name')).toEqual(at(html, '"name"'));
    expect(locate(source, '/1/name')).toEqual(at(html, 'itemprop="name"'));
  });

  it('reads RDFa items with their language; a blank node two items share is nested once, named', () => {
    const html = `<html prefix="og: https://ogp.me/ns#"><head><meta property="og:title" content="T"></head>
<body vocab="https://schema.org/" lang="fr">
<div typeof="Event" resource="https://e.example/#e"><span property="name">Fête</span>
 <span property="location" typeof="Place" resource="_:p"><span property="name">Parc</span></span></div>
<div typeof="Event"><span property="name">Bal</span><span property="location" resource="_:p"></span></div>
</body></html>`;
    const { source } = parse(html);
    expect(source.json).toEqual([
      {
        '@context': 'https://schema.org',
        '@id': 'https://e.example/#e',
        '@type': 'Event',
        name: { '@value': 'Fête', '@language': 'fr' },
        location: {
          '@id': '_:markup-p',
          '@type': 'Place',
          name: { '@value': 'Parc', '@language': 'fr' },
        },
      },
      {
        '@context': 'https://schema.org',
        '@type': 'Event',
        name: { '@value': 'Bal', '@language': 'fr' },
        location: { '@id': '_:markup-p' },
      },
    ]);
    expect(locate(source, '/1/location')).toEqual(at(html, 'property="location" resource'));
  });

  it('keeps a term outside schema.org as its full IRI, and reads https://schema.org/ as http://', () => {
    const html = `<div itemscope itemtype="https://schema.org/Product https://example.org/ns#Gadget">
<link itemprop="availability" href="https://schema.org/InStock"></div>`;
    expect(parse(html).source.json).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': ['Product', 'https://example.org/ns#Gadget'],
        availability: { '@id': 'http://schema.org/InStock' },
      },
    ]);
  });

  it('drops the properties of an item without itemtype, with one located warning', () => {
    const html = '<div itemscope><span itemprop="name">X</span><span itemprop="url">Y</span></div>';
    expect(parsePageBytes('p.html', new TextEncoder().encode(html))).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'markup/invalid-itemtype',
          severity: 'warning',
          message:
            'itemprop="name" is in an item without itemtype, so it names no vocabulary\'s property and search engines ignore it.',
          hint: 'give the element with itemscope an itemtype, such as itemtype="https://schema.org/Thing"',
          file: 'p.html',
          ...at(html, 'itemprop="name"'),
        },
      ],
    });
  });

  it('gives no source for a page with only Open Graph RDFa: it has no items', () => {
    const html =
      '<html><head><meta property="og:title" content="T"><meta property="fb:app_id" content="1"></head></html>';
    expect(parsePageBytes('p.html', new TextEncoder().encode(html))).toEqual({
      ok: false,
      diagnostics: [],
    });
  });
});
