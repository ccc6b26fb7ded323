import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { shaclLocality } from '../../../src/validate/shacl-locality.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/shapes#> .
`;

const localityOf = (turtle: string) =>
  shaclLocality(new Parser({ format: 'Turtle' }).parse(PREFIXES + turtle));

describe('shaclLocality', () => {
  it('finds the bundled shapes local (paths from the focus node, types one hop away)', () => {
    const google = readdirSync(`${ROOT}shapes/google`).map((name) => `google/${name}`);
    const shapes = [...google, 'profile.shacl.ttl'].flatMap((name) =>
      new Parser({ format: 'Turtle' }).parse(readFileSync(`${ROOT}shapes/${name}`, 'utf8')),
    );
    expect(google.length).toBeGreaterThan(1);
    expect(shaclLocality(shapes)).toEqual({
      local: true,
      incoming: [
        'http://schema.org/about',
        'http://schema.org/author',
        'http://schema.org/itemListElement',
        'http://schema.org/mainEntity',
        'http://schema.org/offers',
      ],
    });
  });

  it('accepts value tests, property pairs, inverse paths and sh:class on values', () => {
    expect(
      localityOf(`ex:S a sh:NodeShape ; sh:targetObjectsOf schema:author ; sh:class schema:Person ;
  sh:property [ sh:path [ sh:inversePath schema:author ] ; sh:class schema:CreativeWork ] ;
  sh:property [ sh:path schema:startDate ; sh:lessThan schema:endDate ; sh:maxCount 1 ;
    sh:or ( [ sh:datatype xsd:date ] [ sh:pattern "^\\\\d{4}" ] ) ] ;
  sh:closed true ; sh:ignoredProperties ( schema:name ) .
`),
    ).toEqual({ local: true, incoming: ['http://schema.org/author'] });
  });

  it('reads RDFS annotations on a shape as documentation, any other predicate as unknown', () => {
    expect(
      localityOf(`@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:S sh:targetClass schema:Person ; rdfs:label "Person" ; rdfs:comment "Why" ;
  rdfs:seeAlso <https://developers.google.com/search/docs/appearance/structured-data/profile-page> ;
  sh:property [ sh:path schema:name ; sh:minCount 1 ; rdfs:isDefinedBy ex: ] .
`),
    ).toEqual({ local: true, incoming: [] });
    expect(localityOf('ex:S sh:targetClass schema:Person ; ex:checks schema:knows .')).toEqual({
      local: false,
      reason: '<http://example.org/shapes#checks> is not known to stay near its focus node',
    });
  });

  it.each([
    [
      'a target node',
      'ex:S sh:targetNode ex:ada ; sh:class schema:Person .',
      'sh:targetNode may name a node without triples',
    ],
    [
      'a SPARQL target',
      'ex:S sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this {}" ] ; sh:class schema:Person .',
      'sh:target (SPARQL-based targets)',
    ],
    [
      'a sequence path',
      'ex:S sh:targetClass schema:Person ; sh:property [ sh:path ( schema:worksFor schema:name ) ; sh:minCount 1 ] .',
      'a property path longer than one predicate',
    ],
    [
      "a path on a value's node shape",
      `ex:S sh:targetClass schema:Person ; sh:property [ sh:path schema:worksFor ; sh:node ex:Named ] .
ex:Named sh:property [ sh:path schema:name ; sh:minCount 1 ] .`,
      'a property path followed from a value of another path',
    ],
    [
      'sh:closed on a value',
      'ex:S sh:targetClass schema:Person ; sh:property [ sh:path schema:worksFor ; sh:node [ sh:closed true ] ] .',
      'sh:closed on a value of a path',
    ],
    [
      'a SPARQL constraint',
      'ex:S sh:targetClass schema:Person ; sh:sparql [ sh:select "SELECT $this {}" ] .',
      'sh:sparql is not known to stay near its focus node',
    ],
  ])('refuses %s', (_label, turtle, reason) => {
    expect(localityOf(turtle)).toEqual({ local: false, reason });
  });
});
