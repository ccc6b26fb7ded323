import { describe, expect, it } from 'vitest';
import {
  blankNode,
  literal,
  namedNode,
  type Quad,
  type Term,
} from '../../../src/rdf/data-factory.js';
import type { ValidationContext } from '../../../src/validate/context.js';
import { diagnosticAtNode, locateNode } from '../../../src/validate/locate-node.js';
import { contextFromFiles } from '../../support/validation-context.js';

const BASE = 'http://localhost:8080/';
const SCHEMA = 'http://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

const WORK = `{
  "@context": "https://schema.org",
  "@type": "SoftwareSourceCode",
  "@id": "works/w#id",
  "name": "W",
  "codeRepository": "https://github.com/example/w",
  "author": { "@id": "people/ada#id" },
  "interactionStatistic": [
    {
      "@type": "InteractionCounter",
      "name": "GitHub stars",
      "userInteractionCount": 120
    },
    {
      "@type": "InteractionCounter",
      "name": "GitHub forks",
      "userInteractionCount": 7
    }
  ],
  "subjectOf": {
    "@type": "ScholarlyArticle",
    "name": "Paper",
    "publication": { "@type": "PublicationEvent", "name": "SciPy 2023" }
  }
}
`;

const PERSON = `{
  "@context": "https://schema.org",
  "@type": "Person",
  "@id": "people/ada#id",
  "name": "Ada"
}
`;

const PERSON_MORE = `{
  "@context": "https://schema.org",
  "@id": "people/ada#id",
  "jobTitle": "Analyst"
}
`;

/** The blank node (canonical label) that is the object of `predicate` with `name`. */
function blankWithName(context: ValidationContext, name: string): Term {
  const named = context.quads.find(
    (quad) =>
      quad.subject.termType === 'BlankNode' &&
      quad.predicate.value === `${SCHEMA}name` &&
      quad.object.value === name,
  );
  if (named === undefined) throw new Error(`no blank node named ${name}`);
  return named.subject;
}

describe('locateNode', () => {
  it('locates thousands of alike inline nodes each at its own object, reading the graph a bounded number of times', async () => {
    const count = 2000;
    const friends = Array.from(
      { length: count },
      (_, i) => `{ "@type": "Person", "name": "F${String(i)}", "description": "A friend." }`,
    );
    const built = await contextFromFiles({
      'data/ada.jsonld': `{"@context": "https://schema.org", "@type": "Person", "@id": "people/ada#id", "knows": [\n${friends.join(',\n')}\n]}`,
    });
    let reads = 0;
    let expansions = 0;
    const quads = new Proxy(built.quads as Quad[], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const terms = {
      ...built.terms,
      expandTerm: (key: string) => {
        expansions++;
        return built.terms.expandTerm(key);
      },
    };
    const context = { ...built, quads, terms };
    for (let i = 0; i < count; i += 1) {
      const friend = blankWithName(built, `F${String(i)}`);
      expect(
        diagnosticAtNode(friend, context, `${SCHEMA}jobTitle`, {
          code: 'shacl/violation',
          severity: 'error',
          message: 'm',
        }),
      ).toMatchObject({
        file: 'data/ada.jsonld',
        pointer: `/knows/${String(i)}`,
        line: i + 2,
      });
    }
    // Linear in the graph: a few passes over the quads and keys, not one per focus node.
    expect(reads).toBeLessThan(5 * built.quads.length);
    expect(expansions).toBeLessThan(20 * count);
  });

  it('finds an IRI at its first description, at a property key when asked', async () => {
    const context = await contextFromFiles({
      'data/people/ada.jsonld': PERSON,
      'data/works/w.jsonld': WORK,
    });
    const ada = namedNode(`${BASE}people/ada#id`);
    expect(locateNode(ada, context)).toMatchObject({
      occurrence: { file: 'data/people/ada.jsonld', pointer: '' },
      pointer: '',
    });
    expect(locateNode(ada, context, `${SCHEMA}name`)?.pointer).toBe('/name');
    expect(locateNode(ada, context, `${SCHEMA}jobTitle`)?.pointer).toBe('');
    expect(locateNode(ada, context, RDF_TYPE)?.pointer).toBe('/@type');
  });

  it('prefers the description that writes the property when a node is described twice', async () => {
    const context = await contextFromFiles({
      'data/a.jsonld': PERSON,
      'data/b.jsonld': PERSON_MORE,
    });
    const ada = namedNode(`${BASE}people/ada#id`);
    expect(locateNode(ada, context, `${SCHEMA}jobTitle`)).toMatchObject({
      occurrence: { file: 'data/b.jsonld' },
      pointer: '/jobTitle',
    });
    expect(locateNode(ada, context, `${SCHEMA}email`)).toMatchObject({
      occurrence: { file: 'data/a.jsonld' },
      pointer: '',
    });
  });

  it('falls back to a reference for an IRI described nowhere', async () => {
    const context = await contextFromFiles({ 'data/works/w.jsonld': WORK });
    expect(locateNode(namedNode(`${BASE}people/ada#id`), context)).toMatchObject({
      occurrence: { file: 'data/works/w.jsonld', pointer: '/author', reference: true },
      pointer: '/author',
    });
  });

  it('points at the property holding an IRI written as a string, or a literal', async () => {
    const context = await contextFromFiles({ 'data/works/w.jsonld': WORK });
    expect(locateNode(namedNode('https://github.com/example/w'), context)?.pointer).toBe(
      '/codeRepository',
    );
    expect(locateNode(literal('W'), context)?.pointer).toBe('/name');
  });

  it('finds nested blank nodes, choosing among array items by their values', async () => {
    const context = await contextFromFiles({ 'data/works/w.jsonld': WORK });
    const forks = blankWithName(context, 'GitHub forks');
    const stars = blankWithName(context, 'GitHub stars');
    expect(forks.value).toMatch(/^c14n\d+$/);
    expect(locateNode(forks, context)?.pointer).toBe('/interactionStatistic/1');
    expect(locateNode(stars, context)?.pointer).toBe('/interactionStatistic/0');
    expect(locateNode(forks, context, `${SCHEMA}userInteractionCount`)?.pointer).toBe(
      '/interactionStatistic/1/userInteractionCount',
    );
  });

  it('follows blank nodes nested in blank nodes', async () => {
    const context = await contextFromFiles({ 'data/works/w.jsonld': WORK });
    const event = blankWithName(context, 'SciPy 2023');
    expect(locateNode(event, context, `${SCHEMA}name`)?.pointer).toBe(
      '/subjectOf/publication/name',
    );
  });

  it('tells apart identical-looking blank nodes of different files by their parents', async () => {
    const other = WORK.replace('works/w#id', 'works/v#id');
    const context = await contextFromFiles({
      'data/works/v.jsonld': other,
      'data/works/w.jsonld': WORK,
    });
    const counters = context.quads.filter(
      (quad) => quad.predicate.value === `${SCHEMA}name` && quad.object.value === 'GitHub forks',
    );
    expect(counters).toHaveLength(2);
    const files = counters.map((quad) => {
      const parent = context.quads.find((q) => q.object.equals(quad.subject));
      return [parent?.subject.value, locateNode(quad.subject, context)?.occurrence.file];
    });
    expect(files).toEqual(
      expect.arrayContaining([
        [`${BASE}works/v#id`, 'data/works/v.jsonld'],
        [`${BASE}works/w#id`, 'data/works/w.jsonld'],
      ]),
    );
  });

  it('matches a top-level blank node (no @id) by its values', async () => {
    const context = await contextFromFiles({
      'data/a.jsonld': PERSON,
      'data/event.jsonld':
        '{\n  "@context": "https://schema.org",\n  "@type": "Event",\n  "name": "Launch"\n}\n',
    });
    const launch = blankWithName(context, 'Launch');
    expect(locateNode(launch, context, `${SCHEMA}name`)).toMatchObject({
      occurrence: { file: 'data/event.jsonld' },
      pointer: '/name',
    });
  });

  it('returns undefined for a term written nowhere', async () => {
    const context = await contextFromFiles({ 'data/a.jsonld': PERSON });
    expect(locateNode(namedNode('https://example.com/nowhere'), context)).toBeUndefined();
    expect(locateNode(blankNode('c14n99'), context)).toBeUndefined();
  });
});

describe('diagnosticAtNode', () => {
  it('locates the diagnostic with file, pointer, line, column and focus node', async () => {
    const context = await contextFromFiles({ 'data/works/w.jsonld': WORK });
    const forks = blankWithName(context, 'GitHub forks');
    expect(
      diagnosticAtNode(forks, context, `${SCHEMA}userInteractionCount`, {
        code: 'shacl/violation',
        severity: 'error',
        message: 'Bad count.',
      }),
    ).toEqual({
      code: 'shacl/violation',
      severity: 'error',
      message: 'Bad count.',
      file: 'data/works/w.jsonld',
      pointer: '/interactionStatistic/1/userInteractionCount',
      line: 17,
      column: 7,
      focusNode: `_:${forks.value}`,
    });
  });

  it('keeps only the focus node when the node is written nowhere', async () => {
    const context = await contextFromFiles({ 'data/a.jsonld': PERSON });
    expect(
      diagnosticAtNode(namedNode('https://example.com/x'), context, undefined, {
        code: 'shacl/info',
        severity: 'info',
        message: 'Somewhere else.',
      }),
    ).toEqual({
      code: 'shacl/info',
      severity: 'info',
      message: 'Somewhere else.',
      focusNode: 'https://example.com/x',
    });
  });
});
