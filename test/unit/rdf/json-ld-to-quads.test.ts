import jsonLdUtil from 'jsonld/lib/util.js';
import { describe, expect, it } from 'vitest';
import { parseSourceFile, type SourceFile } from '../../../src/load/source-file.js';
import { createDocumentLoader } from '../../../src/rdf/document-loader.js';
import { jsonLdToQuads } from '../../../src/rdf/json-ld-to-quads.js';

const documentLoader = createDocumentLoader();
const baseUrl = 'http://localhost:8080/';

function source(text: string, file = 'data/x.jsonld'): SourceFile {
  const parsed = parseSourceFile(file, text);
  if (!parsed.ok) throw new Error('fixture must parse');
  return parsed.source;
}

describe('jsonLdToQuads', () => {
  it('adds thousands of values of one property without comparing each with all before it', async () => {
    const keywords = Array.from({ length: 5000 }, (_, i) => `k${String(i % 2500)}`);
    const text = JSON.stringify({
      '@context': 'https://schema.org',
      '@id': 'people/a#id',
      keywords,
      knows: keywords.map((keyword) => ({ '@id': `people/${keyword}#id` })),
    });
    const compareValues = jsonLdUtil.compareValues;
    let comparisons = 0;
    jsonLdUtil.compareValues = (a, b) => {
      comparisons++;
      return compareValues(a, b);
    };
    try {
      const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
      expect(result.diagnostics).toEqual([]);
      // Repeated values are still one triple each (RDF graphs are sets).
      expect(result.quads).toHaveLength(2500 + 2500);
    } finally {
      jsonLdUtil.compareValues = compareValues;
    }
    // jsonld.js compares each new value with every earlier one (12.5 million comparisons here).
    expect(comparisons).toBeLessThan(100_000);
  });

  it('resolves relative @ids against the base URL and uses the http://schema.org/ namespace', async () => {
    const result = await jsonLdToQuads(
      source(
        '{"@context": "https://schema.org", "@type": "Person", "@id": "people/a#id", "name": "A"}',
      ),
      { baseUrl, documentLoader },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.quads.map((q) => [q.subject.value, q.predicate.value, q.object.value])).toEqual(
      expect.arrayContaining([
        [
          'http://localhost:8080/people/a#id',
          'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
          'http://schema.org/Person',
        ],
        ['http://localhost:8080/people/a#id', 'http://schema.org/name', 'A'],
      ]),
    );
  });

  it('refuses a remote context with a located jsonld/remote-context error and no quads', async () => {
    const text = '{\n  "@context": "https://example.org/ctx.jsonld",\n  "name": "A"\n}';
    const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
    expect(result.quads).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'jsonld/remote-context',
        severity: 'error',
        message:
          'Remote context "https://example.org/ctx.jsonld" refused: only the bundled schema.org context is available (no network access).',
        hint: 'use "@context": "https://schema.org" or an inline context object',
        file: 'data/x.jsonld',
        pointer: '/@context',
        line: 2,
        column: 3,
      },
    ]);
  });

  it('locates a remote context inside a context array', async () => {
    const text =
      '{\n  "@context": [\n    "https://schema.org",\n    "https://w3id.org/other"\n  ]\n}';
    const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'jsonld/remote-context',
        pointer: '/@context/1',
        line: 4,
        column: 5,
      }),
    ]);
  });

  it('reports every term that would be dropped, each at its own key', async () => {
    const text =
      '{\n  "@context": { "name": "http://schema.org/name" },\n  "nmae": "A",\n  "title": "B"\n}';
    const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
    expect(result.quads).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        code: 'jsonld/dropped-term',
        severity: 'error',
        message: 'Property "nmae" does not expand to an absolute IRI and would be dropped.',
        file: 'data/x.jsonld',
        pointer: '/nmae',
        line: 3,
        column: 3,
      },
      expect.objectContaining({ code: 'jsonld/dropped-term', pointer: '/title', line: 4 }),
    ]);
  });

  it('reports an @id that stays relative when there is no usable base', async () => {
    const text =
      '{\n  "@context": { "@base": null, "name": "http://schema.org/name" },\n  "@id": "people/a",\n  "name": "A"\n}';
    const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'jsonld/relative-iri', pointer: '/@id', line: 3, column: 3 }),
    ]);
  });

  it('reports invalid JSON-LD (an @id that is not a string) without throwing', async () => {
    const text = '{\n  "@context": "https://schema.org",\n  "@id": 42\n}';
    const result = await jsonLdToQuads(source(text), { baseUrl, documentLoader });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'jsonld/invalid', severity: 'error', file: 'data/x.jsonld' }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^Invalid JSON-LD: .*invalid @id value/);
  });

  it('keeps blank nodes of different files apart with a per-file prefix', async () => {
    const text = '{"@context": "https://schema.org", "@type": "Person", "name": "A"}';
    const a = await jsonLdToQuads(source(text), {
      baseUrl,
      documentLoader,
      blankNodePrefix: 'f0_',
    });
    const b = await jsonLdToQuads(source(text), {
      baseUrl,
      documentLoader,
      blankNodePrefix: 'f1_',
    });
    expect(a.quads[0]?.subject.value).not.toBe(b.quads[0]?.subject.value);
  });
});
