import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isomorphic } from 'rdf-isomorphic';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { blankNode, literal, namedNode, quad, type Quad } from '../../../src/rdf/data-factory.js';
import { RDF_FORMATS, type RdfFormatName } from '../../../src/rdf/formats.js';
import { readRdf } from '../../../src/rdf/read-rdf.js';
import { serialize } from '../../../src/rdf/serialize.js';
import { BASE_URL, loadBundledDataset, REPO_ROOT } from '../../support/profile.js';

const FORMAT_NAMES = RDF_FORMATS.map((format) => format.name);
let quads: Quad[];
let documentLoader: Awaited<ReturnType<typeof loadBundledDataset>>['documentLoader'];

beforeAll(async () => {
  const loaded = await loadBundledDataset();
  expect(loaded.diagnostics).toEqual([]);
  quads = loaded.quads;
  documentLoader = loaded.documentLoader;
});

async function roundTrip(text: string, format: RdfFormatName) {
  const parsed = await readRdf(text, {
    format,
    file: `out.${format}`,
    baseUrl: BASE_URL,
    documentLoader,
  });
  expect(parsed.diagnostics).toEqual([]);
  return parsed.quads;
}

describe('serialize: the bundled profile', () => {
  it('has the expected size (169 triples, 3 blank nodes for the star counters + 1 publication)', () => {
    expect(quads).toHaveLength(169);
    expect(
      new Set(quads.filter((q) => q.subject.termType === 'BlankNode').map((q) => q.subject.value))
        .size,
    ).toBe(4);
  });

  it.each(FORMAT_NAMES)('%s parses back to an isomorphic graph', async (format) => {
    const text = await serialize(quads, format, { documentLoader });
    expect(isomorphic(await roundTrip(text, format), quads)).toBe(true);
  });

  it.each(['expanded', 'flattened'] as const)(
    'JSON-LD %s parses back to an isomorphic graph',
    async (profile) => {
      const text = await serialize(quads, 'jsonld', { documentLoader, jsonLdProfile: profile });
      expect(isomorphic(await roundTrip(text, 'jsonld'), quads)).toBe(true);
    },
  );

  it.each(FORMAT_NAMES)(
    '%s is deterministic: same input, same bytes, whatever the quad order',
    async (format) => {
      const first = await serialize(quads, format, { documentLoader });
      const second = await serialize([...quads].reverse(), format, { documentLoader });
      expect(second).toBe(first);
    },
  );

  it.each(RDF_FORMATS.map((format) => [format.name, format.extension] as const))(
    '%s matches the golden file test/golden/profile.%s',
    async (format, extension) => {
      const text = await serialize(quads, format, { documentLoader });
      const golden = path.join(REPO_ROOT, 'test/golden', `profile.${extension}`);
      // UPDATE_GOLDEN=1 npx vitest run test/unit/rdf/serialize.test.ts rewrites them after a
      // deliberate change; review the diff before committing.
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, text);
      expect(text).toBe(await readFile(golden, 'utf8'));
    },
  );

  it('writes readable Turtle: prefixes, grouped subjects, nested single-use blank nodes', async () => {
    const turtle = await serialize(quads, 'turtle', { documentLoader });
    expect(turtle.startsWith('@prefix schema: <http://schema.org/>.\n')).toBe(true);
    expect(turtle).toContain('<http://localhost:8080/people/sheng-zha#id> a schema:Person;\n');
    expect(turtle).toMatch(
      / {4}schema:interactionStatistic \[\n {8}a schema:InteractionCounter;\n/,
    );
    expect(turtle).not.toContain('_:');
  });

  it('writes compacted JSON-LD against the schema.org context, with keywords and native numbers', async () => {
    const document = JSON.parse(await serialize(quads, 'jsonld', { documentLoader })) as {
      '@context': string;
      '@graph': Record<string, unknown>[];
    };
    expect(document['@context']).toBe('https://schema.org');
    const mxnet = document['@graph'].find(
      (node) => node['@id'] === 'http://localhost:8080/works/apache-mxnet#id',
    );
    expect(mxnet).toMatchObject({
      '@type': 'SoftwareSourceCode',
      codeRepository: 'https://github.com/apache/mxnet',
      interactionStatistic: { '@type': 'InteractionCounter', userInteractionCount: 20800 },
    });
  });
});

describe('serialize: edge cases', () => {
  const s = namedNode('http://example.org/s');
  const p = namedNode('http://example.org/p');

  it.each(['turtle', 'ntriples', 'rdfxml'] as const)(
    '%s refuses named graphs instead of dropping them',
    async (format) => {
      const error = await serialize(
        [quad(s, p, literal('x'), namedNode('http://example.org/g'))],
        format,
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProfileGraphError);
      expect((error as ProfileGraphError).diagnostics[0]).toMatchObject({
        code: 'rdf/named-graphs',
      });
    },
  );

  it.each(['nquads', 'trig', 'jsonld'] as const)('%s round-trips named graphs', async (format) => {
    const input = [
      quad(s, p, literal('x'), namedNode('http://example.org/g')),
      quad(s, p, literal('y')),
    ];
    const text = await serialize(input, format, { documentLoader });
    expect(isomorphic(await roundTrip(text, format), input)).toBe(true);
  });

  it.each(FORMAT_NAMES)(
    '%s round-trips awkward literals (quotes, newlines, language tags, </script>)',
    async (format) => {
      const input = [
        quad(s, p, literal('say "hi"\nand </script><!-- & ]]>', 'en')),
        quad(s, p, literal('020', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
        quad(s, p, literal('true', namedNode('http://www.w3.org/2001/XMLSchema#boolean'))),
        quad(s, p, literal('ünïcødé ✓')),
        quad(s, p, blankNode('a')),
        quad(blankNode('a'), p, blankNode('b')),
        quad(blankNode('b'), p, blankNode('a')),
      ];
      const text = await serialize(input, format, { documentLoader });
      expect(isomorphic(await roundTrip(text, format), input)).toBe(true);
    },
  );
});

describe('serialize: compacted JSON-LD of a large graph, in chunks', () => {
  const ex = (name: string) => namedNode(`http://example.org/${name}`);
  const schema = (name: string) => namedNode(`https://schema.org/${name}`);
  const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
  // Nested blank nodes (a chain), a blank node two nodes share (so not nested), a cycle of
  // blank nodes, typed and plain literals, IRIs that sort before and after blank nodes.
  const awkward = [
    quad(ex('a'), type, schema('Person')),
    quad(ex('a'), schema('name'), literal('A')),
    quad(ex('a'), schema('interactionStatistic'), blankNode('counter')),
    quad(blankNode('counter'), type, schema('InteractionCounter')),
    quad(blankNode('counter'), schema('userInteractionCount'), literal('7', schema('Integer'))),
    quad(blankNode('counter'), schema('interactionType'), blankNode('action')),
    quad(blankNode('action'), type, schema('LikeAction')),
    quad(ex('b'), schema('knows'), blankNode('shared')),
    quad(ex('c'), schema('knows'), blankNode('shared')),
    quad(blankNode('shared'), schema('name'), literal('Shared', 'en')),
    quad(blankNode('loop1'), schema('knows'), blankNode('loop2')),
    quad(blankNode('loop2'), schema('knows'), blankNode('loop1')),
    quad(ex('Z'), schema('name'), literal('Capital sorts first')),
    quad(ex('c'), schema('dateCreated'), literal('2020-01-01', schema('Date'))),
  ];

  it.each([1, 3, 7, 1_000_000])(
    'writes the bundled profile with the same bytes as whole, in chunks of %i quads',
    async (chunk) => {
      const whole = await serialize(quads, 'jsonld', { documentLoader });
      // 1,000,000: more quads per chunk than the graph has, so it is compacted whole.
      const chunked = await serialize(quads, 'jsonld', { documentLoader, jsonLdChunkQuads: chunk });
      expect(chunked).toBe(whole);
    },
  );

  it.each([1, 2, 5])(
    'keeps nested blank nodes with their referrer and the node order, in chunks of %i quads',
    async (chunk) => {
      const whole = await serialize(awkward, 'jsonld', { documentLoader });
      const chunked = await serialize(awkward, 'jsonld', {
        documentLoader,
        jsonLdChunkQuads: chunk,
      });
      expect(chunked).toBe(whole);
      expect(isomorphic(await roundTrip(chunked, 'jsonld'), awkward)).toBe(true);
    },
  );

  it('compacts whole what a cut could change: RDF lists and named graphs', async () => {
    const first = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#first');
    const rest = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#rest');
    const nil = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#nil');
    const list = [
      ...awkward,
      quad(ex('d'), schema('itemListElement'), blankNode('l1')),
      quad(blankNode('l1'), first, literal('one')),
      quad(blankNode('l1'), rest, blankNode('l2')),
      quad(blankNode('l2'), first, literal('two')),
      quad(blankNode('l2'), rest, nil),
    ];
    const named = [...awkward, quad(ex('a'), schema('name'), literal('A'), ex('graph'))];
    for (const input of [list, named]) {
      const whole = await serialize(input, 'jsonld', { documentLoader });
      expect(await serialize(input, 'jsonld', { documentLoader, jsonLdChunkQuads: 1 })).toBe(whole);
    }
  });
});

describe('compactToSchemaOrg', () => {
  it('returns the typed schema.org object: one node with its context, or @graph for several', async () => {
    const { compactToSchemaOrg } = await import('../../../src/rdf/serialize.js');
    const org = quads.filter(
      (q) => q.subject.value === 'http://localhost:8080/organizations/amazon-agi#id',
    );
    const single = await compactToSchemaOrg(org, documentLoader);
    expect('@graph' in single).toBe(false);
    expect(single).toEqual({
      '@context': 'https://schema.org',
      '@id': 'http://localhost:8080/organizations/amazon-agi#id',
      '@type': 'Organization',
      name: 'Amazon AGI',
      parentOrganization: { '@id': 'http://localhost:8080/organizations/amazon#id' },
    });
    const whole = await compactToSchemaOrg(quads, documentLoader);
    // Every IRI node at the top level; the blank nodes (star counters, the publication event)
    // are nested inside their works.
    const iriSubjects = new Set(
      quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value),
    );
    expect('@graph' in whole && whole['@graph'].length).toBe(iriSubjects.size);
  });
});
