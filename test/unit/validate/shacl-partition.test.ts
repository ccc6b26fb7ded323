import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { partitionForShacl } from '../../../src/validate/shacl-partition.js';

const quads = new Parser({ format: 'Turtle' }).parse(`
@prefix s: <http://schema.org/> .
@prefix : <http://example.org/> .
:page a s:ProfilePage ; s:mainEntity :ada .
:ada a s:Person ; s:name "Ada" ; s:worksFor :acme ; s:knows :bob .
:bob a s:Person ; s:name "Bob" ; s:worksFor :acme .
:acme a s:Organization ; s:name "Acme" .
:other s:mainEntity :ghost .
`);
const MAIN_ENTITY = 'http://schema.org/mainEntity';
const text = (part: { quads: typeof quads }) =>
  part.quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);

describe('partitionForShacl', () => {
  it('gives every node to exactly one part, even one only pointed at', () => {
    const parts = [...partitionForShacl(quads, [MAIN_ENTITY], 1)];
    const owned = parts.flatMap((part) => part.owned);
    expect(owned.sort()).toEqual(
      ['acme', 'ada', 'bob', 'ghost', 'other', 'page'].map((name) => `http://example.org/${name}`),
    );
  });

  it("holds a node's triples, the followed-back triples into it, and its neighbours' types only", () => {
    const parts = [...partitionForShacl(quads, [MAIN_ENTITY], 1)];
    const ada = parts.find((part) => part.owned.includes('http://example.org/ada'));
    expect(ada?.owned).toEqual(['http://example.org/ada']);
    expect(text(ada as { quads: typeof quads }).sort()).toEqual(
      [
        'http://example.org/acme http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/Organization',
        'http://example.org/ada http://schema.org/knows http://example.org/bob',
        'http://example.org/ada http://schema.org/name Ada',
        'http://example.org/ada http://schema.org/worksFor http://example.org/acme',
        'http://example.org/ada http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/Person',
        'http://example.org/bob http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/Person',
        'http://example.org/page http://schema.org/mainEntity http://example.org/ada',
        'http://example.org/page http://www.w3.org/1999/02/22-rdf-syntax-ns#type http://schema.org/ProfilePage',
      ].sort(),
    );
    // Acme is pointed at by worksFor, which no shape follows back: its part stays small.
    const acme = parts.find((part) => part.owned.includes('http://example.org/acme'));
    expect(text(acme as { quads: typeof quads })).toHaveLength(2);
  });

  it('closes a part once its nodes reach the size asked (triples out, and followed back in)', () => {
    expect(
      [...partitionForShacl(quads, [MAIN_ENTITY], 5)].map((part) => part.owned.length),
    ).toEqual([2, 2, 2]);
    const [whole, ...rest] = [...partitionForShacl(quads, [MAIN_ENTITY], 1000)];
    expect(rest).toEqual([]);
    expect(new Set(whole?.quads)).toEqual(new Set(quads));
  });
});
