import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Quad as RdfJsQuad } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { createDocumentLoader } from '../../../src/rdf/document-loader.js';
import { namedNode, quad } from '../../../src/rdf/data-factory.js';
import { RDF_FORMATS } from '../../../src/rdf/formats.js';
import { parseQuads, serializeQuads } from '../../../src/rdf/rdfjs.js';
import { BASE_URL, REPO_ROOT } from '../../support/profile.js';

const documentLoader = createDocumentLoader();
const golden = (extension: string) =>
  readFile(path.join(REPO_ROOT, 'test', 'golden', `profile.${extension}`), 'utf8');

describe('parseQuads and serializeQuads', () => {
  it.each(RDF_FORMATS.map((format) => [format.name, format.extension] as const))(
    '%s: reads the golden file and writes it back byte for byte',
    async (format, extension) => {
      const text = await golden(extension);
      const parsed = await parseQuads(text, { format, baseIri: BASE_URL, documentLoader });
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.quads).toHaveLength(169);
      expect(await serializeQuads(parsed.quads, format, { documentLoader })).toBe(text);
    },
  );

  it('gives every format the same graph', async () => {
    const graphs = await Promise.all(
      RDF_FORMATS.map(async ({ name, extension }) => {
        const text = await golden(extension);
        return (await parseQuads(text, { format: name, baseIri: BASE_URL, documentLoader })).quads;
      }),
    );
    for (const graph of graphs.slice(1)) expect(isomorphic(graph, graphs[0] ?? [])).toBe(true);
  });

  it('reports a syntax error located, without throwing', async () => {
    const parsed = await parseQuads('<a> <b> .\n', {
      format: 'turtle',
      baseIri: BASE_URL,
      file: 'bad.ttl',
    });
    expect(parsed).toEqual({
      quads: [],
      diagnostics: [expect.objectContaining({ code: 'rdf/syntax', file: 'bad.ttl', line: 1 })],
    });
  });

  it('reports a remote JSON-LD context as jsonld/remote-context', async () => {
    const parsed = await parseQuads('{"@context": "https://example.org/ctx", "name": "x"}', {
      format: 'jsonld',
      baseIri: BASE_URL,
      documentLoader,
    });
    expect(parsed.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'jsonld/remote-context', file: '-', line: 1 }),
    );
  });

  it('refuses named graphs in Turtle with rdf/named-graphs', async () => {
    const named = quad(
      namedNode('https://example.org/s'),
      namedNode('https://example.org/p'),
      namedNode('https://example.org/o'),
      namedNode('https://example.org/g'),
    );
    await expect(serializeQuads([named], 'turtle')).rejects.toThrow(ProfileGraphError);
    await expect(serializeQuads([named], 'nquads')).resolves.toContain('<https://example.org/g>');
  });

  it('refuses a variable term with rdf/not-representable', async () => {
    const plain = quad(
      namedNode('https://example.org/s'),
      namedNode('https://example.org/p'),
      namedNode('https://example.org/o'),
    );
    // A SPARQL engine's quad pattern, as another RDF/JS library would hand it over.
    const withVariable = {
      termType: 'Quad',
      value: '',
      subject: plain.subject,
      predicate: plain.predicate,
      object: { termType: 'Variable', value: 'x', equals: () => false },
      graph: plain.graph,
      equals: () => false,
    } as unknown as RdfJsQuad;
    await expect(serializeQuads([withVariable], 'ntriples')).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ code: 'rdf/not-representable' })],
    });
  });
});
