import { Parser, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { compareQuads } from '../../../src/rdf/canonical.js';
import {
  blankNode,
  literal,
  namedNode,
  RDF_TYPE,
  type Term,
} from '../../../src/rdf/data-factory.js';
import { QuadIndex } from '../../../src/rdf/quad-index.js';

const quads = new Parser({ format: 'TriG' }).parse(`
@prefix s: <http://schema.org/> .
@prefix : <http://example.org/> .
:ada a s:Person ; s:name "Ada", "Ada"@en ; s:knows :bob, _:b1 ; s:worksFor :acme .
:bob a s:Person ; s:name "Bob" ; s:knows :ada .
_:b1 a s:Person ; s:name "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
:g { :ada s:name "Ada in g" }
`);
type Pattern = [Term | null, Term | null, Term | null, Term | null];
const ada = namedNode('http://example.org/ada');
const NAME = namedNode('http://schema.org/name');
const TYPE = namedNode(RDF_TYPE);
const PERSON = namedNode('http://schema.org/Person');

describe('QuadIndex', () => {
  const index = new QuadIndex(quads);
  const store = new Store(quads);
  const sorted = <T extends (typeof quads)[number]>(found: readonly T[]) =>
    [...found].sort(compareQuads);

  it.each([
    ['a subject', [ada, null, null, null]],
    ['a subject and predicate', [ada, NAME, null, null]],
    ['a subject, predicate and literal', [ada, NAME, literal('Ada', 'en'), null]],
    ['a subject in a named graph', [ada, null, null, namedNode('http://example.org/g')]],
    ['an object', [null, null, ada, null]],
    ['a blank object', [null, null, blankNode('b1'), null]],
    ['a class', [null, TYPE, PERSON, null]],
    ['a literal object (scan)', [null, NAME, literal('Bob'), null]],
    ['nothing (scan)', [null, null, null, null]],
    ['an unknown subject', [namedNode('http://example.org/none'), null, null, null]],
  ] as [string, Pattern][])('matches %s as an n3 Store does', (_label, [s, p, o, g]) => {
    expect(sorted(index.getQuads(s, p, o, g))).toEqual(sorted(store.getQuads(s, p, o, g)));
    expect(index.countQuads(s, p, o, g)).toBe(store.countQuads(s, p, o, g));
  });

  it('returns a new array each time (callers sort it)', () => {
    const first = index.getQuads(ada, null, null, null);
    first.reverse();
    expect(index.getQuads(ada, null, null, null)).not.toEqual(first);
  });
});
