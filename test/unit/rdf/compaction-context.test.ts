import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../../src/publish/documents.js';
import { compactionContextFor } from '../../../src/rdf/compaction-context.js';
import { literal, namedNode, quad } from '../../../src/rdf/data-factory.js';
import { SCHEMA_ORG_CONTEXT_URLS } from '../../../src/rdf/document-loader.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const S = 'http://schema.org/';

describe('compactionContextFor', () => {
  it('compacts every document of the bundled profile exactly as the full schema.org context does', async () => {
    const { quads, documentLoader } = await loadBundledDataset();
    const { document } = await documentLoader('https://schema.org');
    const settings = { documentLoader, compactToRelative: false, base: null };
    for (const graph of splitDocuments(quads, BASE_URL)) {
      const expanded = await jsonld.fromRDF(graph.quads as never, { useNativeTypes: false });
      const full = await jsonld.compact(expanded, 'https://schema.org', settings);
      const pruned = await jsonld.compact(
        expanded,
        compactionContextFor(document, graph.quads),
        settings,
      );
      expect({ ...pruned, '@context': 'https://schema.org' }, graph.path).toEqual(full);
    }
  });

  it('keeps prefixes, aliases, the IRIs’ terms, their coercion datatypes and same-spelled terms', async () => {
    const { document } = await (
      await loadBundledDataset()
    ).documentLoader(SCHEMA_ORG_CONTEXT_URLS[0] ?? '');
    const context = compactionContextFor(document, [
      quad(
        namedNode('http://x.org/a'),
        namedNode(`${S}startDate`),
        literal('2020', namedNode(`${S}Date`)),
      ),
      quad(namedNode('http://x.org/a'), namedNode(`${S}about`), namedNode(`${S}HTML`)),
    ]);
    expect(context).toMatchObject({
      '@vocab': 'http://schema.org/',
      id: '@id',
      type: '@type',
      schema: 'http://schema.org/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      startDate: { '@id': 'schema:startDate', '@type': 'Date' },
      Date: { '@id': 'schema:Date' },
      about: { '@id': 'schema:about' },
      // rdf:HTML: present so that schema:HTML is not written as "HTML" (which means rdf:HTML).
      HTML: { '@id': 'rdf:HTML' },
    });
    expect(Object.keys(context)).not.toContain('Person');
    expect(Object.keys(context).length).toBeLessThan(90);
  });
});
