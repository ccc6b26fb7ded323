import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageInput } from '../../../../src/publish/html/page-input.js';
import { renderPage } from '../../../../src/publish/html/render-page.js';
import { localName } from '../../../../src/publish/html/format.js';
import { CATALOGUE_LANGUAGES, messagesFor } from '../../../../src/publish/html/messages.js';
import { vendorFile } from '../../../../src/rdf/vendor-files.js';
import { SCHEMA_ORG_VOCABULARY_FILE } from '../../../../src/vocab/schema-vocabulary.js';
import { elementById, inlineText, visibleText } from './html-text.js';
import { loadPageFixture, pageInputFor, type PageFixture } from './page-fixture.js';

let fixture: PageFixture;

beforeAll(async () => {
  fixture = await loadPageFixture();
});

/** The sentences of a page's fact lists, in document order, as a reader sees them. */
function sentences(page: string): string[] {
  const withoutTypes = page.replace(/<ul class="types[\s\S]*?<\/ul>/g, '');
  return [...withoutTypes.matchAll(/<li[^>]*>([\s\S]*?)(?=<\/li>|<ul)/g)]
    .map((match) => inlineText(match[1] ?? ''))
    .filter((text) => text !== '');
}

/** The sentences of the main subject's block (before any other subject or the back links). */
function mainSentences(page: string): string[] {
  return sentences(page.slice(page.indexOf('<article'), page.indexOf('</article>')));
}

async function render(path: string, extra: Partial<PageInput> = {}): Promise<string> {
  return renderPage({ ...(await pageInputFor(fixture, path)), ...extra });
}

describe('entity pages read as sentences', () => {
  it.each([
    [
      '/works/apache-mxnet',
      [
        'Source code at github.com/apache/mxnet',
        'Includes Gluon API',
        '★ 20.8k GitHub stars',
        'Maintained by Sheng Zha',
      ],
    ],
    ['/works/gluon-api', ['Part of Apache MXNet', 'By Sheng Zha']],
    [
      '/works/python-array-api-standard-scipy-2023',
      ['About Python array API standard', 'Published 2023', 'Published at SciPy 2023'],
    ],
    [
      '/roles/apache-mxnet-2016',
      ['From 2016 to 2023', 'Role: VP & PMC Chair', 'Member of Apache Software Foundation'],
    ],
    [
      '/works/gluonnlp',
      [
        'Source code at github.com/dmlc/gluon-nlp',
        'Created by Sheng Zha (Founder)',
        '★ 2.5k GitHub stars',
        'Based on Gluon API',
      ],
    ],
  ])('%s', async (path, expected) => {
    expect(mainSentences(await render(path))).toEqual(expected);
  });

  it('phrases the nodes pointing here from this side, once each', async () => {
    const amazon = elementById(await render('/organizations/amazon'), 'referenced-by');
    expect(sentences(amazon)).toEqual(['Includes Amazon AGI, Amazon TRMS and AWS']);
    const maryland = elementById(
      await render('/organizations/university-of-maryland'),
      'referenced-by',
    );
    expect(sentences(maryland)).toEqual(['Alumni: Sheng Zha', 'Recognizes MS in Computer Science']);
    // MXNet says "Includes Gluon API" itself: Gluon API's isPartOf is not repeated below.
    expect(await render('/works/apache-mxnet')).not.toContain('id="referenced-by"');
    const gluon = elementById(await render('/works/gluon-api'), 'referenced-by');
    expect(sentences(gluon)).toEqual(['Basis of GluonNLP']);
  });

  it('does not repeat the heading as a row, nor call an organization part of the site', async () => {
    const page = await render('/organizations/amazon');
    expect(page).toContain('<h1>Amazon</h1>');
    expect(mainSentences(page)).toEqual([]);
    const text = visibleText(page);
    expect(text).not.toMatch(/Name:? Amazon/);
    expect(text).not.toContain('Part of Sheng Zha');
    expect(text).toContain('Back to Sheng Zha');
    expect(text).not.toContain('Alumni of');
  });

  it('names enumeration members instead of showing their IRIs', () => {
    const quads = new Parser().parse(`
      @prefix schema: <http://schema.org/> .
      <http://localhost:8080/things/event#id> a schema:Event ;
        schema:name "Launch" ;
        schema:eventAttendanceMode schema:OnlineEventAttendanceMode .
    `);
    const page = renderPage({
      site: { name: 'Sheng Zha', baseUrl: 'http://localhost:8080/', language: 'en' },
      documentIri: 'http://localhost:8080/things/event',
      subjects: ['http://localhost:8080/things/event#id'],
      graph: new Store(quads),
      jsonLd: '{}',
      alternates: [],
    });
    expect(mainSentences(page)).toEqual(['Event attendance mode: Online event attendance mode']);
    expect(page).toContain(
      '<a href="http://schema.org/OnlineEventAttendanceMode">Online event attendance mode</a>',
    );
  });

  it('links "Query this in SPARQL" to the query page with a DESCRIBE of the entity', async () => {
    const page = await render('/works/apache-mxnet', { queryPage: '/sparql' });
    const href = /<p class="query-this"><a href="([^"]*)">Query this in SPARQL<\/a><\/p>/.exec(
      page,
    )?.[1];
    expect(href).toBeDefined();
    const url = new URL(href ?? '', 'http://127.0.0.1/');
    expect(url.pathname).toBe('/sparql');
    expect(new URLSearchParams(url.hash.slice(1)).get('query')).toBe(
      'DESCRIBE <http://localhost:8080/works/apache-mxnet#id>',
    );
    // Without a query page (a static export with no endpoint) there is no link.
    expect(await render('/works/apache-mxnet')).not.toContain('class="query-this"');
  });

  it('reads in French when the site is French', async () => {
    const input = await pageInputFor(fixture, '/works/apache-mxnet');
    const page = renderPage({ ...input, site: { ...input.site, language: 'fr' } });
    expect(mainSentences(page)).toEqual([
      'Code source sur github.com/apache/mxnet',
      'Comprend Gluon API',
      '★ 20.8k GitHub stars',
      'Maintenu par Sheng Zha',
    ]);
    expect(visibleText(page)).toContain('Retour à Sheng Zha');
  });
});

describe('labels', () => {
  const turtle = `
    @prefix schema: <http://schema.org/> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix ex: <http://example.org/terms#> .
    <http://localhost:8080/things/x#id> a schema:Thing ;
      schema:name "Musée"@fr, "Museum"@en ;
      skos:prefLabel "Preferred" ;
      schema:isPartOf <http://localhost:8080/things/y#id> ;
      ex:rating "5" .
    <http://localhost:8080/things/y#id> rdfs:label "Campus" .
    ex:rating rdfs:label "Note"@fr, "Rating"@en .
  `;
  function page(language: string, labelProperties?: string[]): string {
    return renderPage({
      site: { name: 'Site', baseUrl: 'http://localhost:8080/', language },
      documentIri: 'http://localhost:8080/things/x',
      subjects: ['http://localhost:8080/things/x#id'],
      graph: new Store(new Parser().parse(turtle)),
      jsonLd: '{}',
      alternates: [],
      ...(labelProperties ? { labelProperties } : {}),
    });
  }

  it('takes the label in the page language, and a term label from the data', () => {
    expect(page('en')).toContain('<h1>Museum</h1>');
    expect(mainSentences(page('en'))).toEqual([
      'Part of Campus',
      'Also known as Preferred',
      'Rating: 5',
    ]);
    expect(page('fr')).toContain('<h1>Musée</h1>');
    expect(mainSentences(page('fr'))).toEqual([
      'Fait partie de Campus',
      'Note : 5',
      'Aussi appelé Preferred',
    ]);
    // No label in German: English before the first in code-point order.
    expect(page('de')).toContain('<h1>Museum</h1>');
  });

  it('reads labels from the configured predicates only, first match first', () => {
    const skosFirst = page('en', [
      'http://www.w3.org/2004/02/skos/core#prefLabel',
      'http://schema.org/name',
    ]);
    expect(skosFirst).toContain('<h1>Preferred</h1>');
    // schema:name is not the heading's predicate now: its values are other names.
    expect(mainSentences(skosFirst)).toContain('Also known as Museum and Musée');
    // Without rdfs:label the neighbour falls back to its path.
    expect(mainSentences(skosFirst)).toContain('Part of /things/y#id');
  });
});

describe('the vocabulary behind the sentences', () => {
  const vocabulary = new Parser().parse(
    readFileSync(vendorFile(SCHEMA_ORG_VOCABULARY_FILE), 'utf8'),
  );
  const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

  it("labels every schema.org term by its local name, so a term's words are its rdfs:label", () => {
    const labelled = vocabulary.filter(
      (q) => q.predicate.value === RDFS_LABEL && q.subject.value.startsWith('http://schema.org/'),
    );
    expect(labelled.length).toBeGreaterThan(2000);
    const different = labelled.filter((q) => q.object.value !== localName(q.subject.value));
    expect(different.map((q) => q.subject.value)).toEqual([]);
  });

  it('phrases only properties the vocabulary has, in every catalogue alike', () => {
    const properties = new Set(
      vocabulary
        .filter(
          (q) =>
            q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type' &&
            q.object.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property',
        )
        .map((q) => localName(q.subject.value)),
    );
    const en = messagesFor('en');
    for (const name of [...Object.keys(en.relations), ...Object.keys(en.inverseRelations)]) {
      expect(properties, name).toContain(name);
    }
    for (const language of CATALOGUE_LANGUAGES) {
      const catalogue = messagesFor(language);
      expect(Object.keys(catalogue.relations).sort(), language).toEqual(
        Object.keys(en.relations).sort(),
      );
      expect(Object.keys(catalogue.inverseRelations).sort(), language).toEqual(
        Object.keys(en.inverseRelations).sort(),
      );
      for (const phrase of [
        ...Object.values(catalogue.relations),
        ...Object.values(catalogue.inverseRelations),
      ]) {
        expect(phrase, language).toContain('{}');
      }
    }
  });
});
