import { describe, expect, it } from 'vitest';
import { inspectQuery } from '../../../src/sparql/inspect-query.js';

describe('inspectQuery', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'select'],
    ['select ?s { ?s ?p ?o }', 'select'],
    ['ASK {}', 'ask'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'construct'],
    ['DESCRIBE <http://example.org/a>', 'describe'],
    ['BASE <http://example.org/>\nPREFIX ex: <x#>\nPREFIX : <y#>\nSELECT * {}', 'select'],
    ['# a comment naming INSERT\nASK {}', 'ask'],
    ['VERSION "1.2" SELECT * {}', 'select'],
    ['INSERT DATA { <a> <b> <c> }', 'update'],
    ['PREFIX ex: <http://example.org/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }', 'update'],
    ['WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }', 'update'],
    ['LOAD <http://example.org/data.ttl>', 'update'],
    ['CLEAR ALL', 'update'],
    ['DROP GRAPH <http://g>', 'update'],
    ['SELEC * {}', undefined],
    ['', undefined],
    ['{ ?s ?p ?o }', undefined],
  ])('%j → form %s', (text, form) => {
    expect(inspectQuery(text).form).toBe(form);
  });

  it.each([
    ['SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }', { line: 1, column: 12 }],
    ['SELECT * {\n  ?s ?p ?o .\n  service silent ?e { ?s ?p ?o } }', { line: 3, column: 3 }],
    ['SELECT * { OPTIONAL { SeRvIcE<http://x/sparql>{ ?s ?p ?o } } }', { line: 1, column: 23 }],
  ])('finds SERVICE in %j', (text, position) => {
    expect(inspectQuery(text).service).toEqual(position);
  });

  it.each([
    'SELECT ?service WHERE { ?service ?p ?o }',
    'SELECT $service WHERE { $service ?p ?o }',
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',
    "SELECT * WHERE { ?s ?p 'service' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE\n""" }',
    "SELECT * WHERE { ?s ?p '''SERVICE''' }",
    'SELECT * WHERE { ?s ?p "escaped \\" SERVICE" }',
    'SELECT * WHERE { ?s a <http://schema.org/Service> }',
    'PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }',
    'PREFIX service: <http://example.org/> SELECT * WHERE { ?s a service:x }',
    'SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> { }',
    'SELECT * WHERE { ?s ?p "x"@service }',
    'SELECT * WHERE { _:service ?p ?o }',
  ])('does not take %j for SERVICE', (text) => {
    expect(inspectQuery(text).service).toBeUndefined();
  });

  it.each([
    ['SELECT * FROM <http://g> WHERE { ?s ?p ?o }', true],
    ['SELECT * from named <http://g> WHERE { GRAPH ?g { ?s ?p ?o } }', true],
    ['SELECT ?from WHERE { ?from ?p "FROM" }', false],
    ['SELECT * WHERE { ?s ?p ?o }', false],
  ])('%j has a dataset clause: %s', (text, expected) => {
    expect(inspectQuery(text).hasDatasetClause).toBe(expected);
  });

  it('lists prefixes used without a declaration, with their first use', () => {
    const inspection = inspectQuery(
      'PREFIX ex: <http://example.org/>\nPREFIX : <http://example.org/default#>\nSELECT * WHERE {\n  ?s ex:p :o ; schema:name ?n ; rdf:type ?t ; schema:x ?y .\n  FILTER(?n != "a:b")\n}',
    );
    expect(inspection.undeclaredPrefixes).toEqual([
      { prefix: 'schema', position: { line: 4, column: 16 } },
      { prefix: 'rdf', position: { line: 4, column: 33 } },
    ]);
  });

  it('never throws on arbitrary text', () => {
    for (const text of [
      '<',
      '"',
      "'''",
      '?',
      '@',
      '_:',
      ':',
      '\\',
      '<<( ?s ?p ?o )>>',
      '#',
      '\u0000\uFFFF',
    ]) {
      expect(() => inspectQuery(text)).not.toThrow();
    }
  });

  // The old `word.replace(/\.+$/, '')` retried the dot run from every dot: 100 KB of dots
  // took seconds (over this test's time limit); bench/inspect-query.ts measures it.
  it('steps over a 100 KB word of dots in linear time and still reads the query', () => {
    const word = `a${'.'.repeat(100_000)}b`;
    const inspection = inspectQuery(`SELECT * WHERE { ?s ?p ${word} } # SERVICE`);
    expect(inspection).toEqual({
      form: 'select',
      service: undefined,
      hasDatasetClause: false,
      undeclaredPrefixes: [],
      nesting: { depth: 1, position: { line: 1, column: 16 } },
      terms: 6,
      variables: 2,
      closure: false,
    });
    expect(inspectQuery(`${word}.\nSERVICE`).service).toEqual({ line: 2, column: 1 });
  });

  it.each([
    ['ASK {}', 1, { line: 1, column: 5 }, 1],
    ['SELECT * { ?s ?p ?o }', 1, { line: 1, column: 10 }, 5],
    ['ASK { FILTER((1 + 2) IN (1, 2, 3)) }', 3, { line: 1, column: 14 }, 9],
    ['ASK { ?s <p>|!(<q>|^<r>)* "x"@en-GB , \'{\' ; <s> [] . }', 2, { line: 1, column: 15 }, 13],
    ['SELECT * { # { ( [\n ?s ?p "(((" }', 1, { line: 1, column: 10 }, 5],
    ['}}} ASK { }', 1, { line: 1, column: 9 }, 1],
  ] as const)('%j nests %i deep (first at %j) and has %i terms', (text, depth, at, terms) => {
    const inspection = inspectQuery(text);
    expect(inspection.nesting).toEqual({ depth, position: at });
    expect(inspection.terms).toBe(terms);
  });

  it('counts nesting and terms of attack-sized queries in one pass', () => {
    const nested = inspectQuery(`ASK ${'{'.repeat(1000)}${'}'.repeat(1000)}`);
    expect(nested.nesting).toEqual({ depth: 1000, position: { line: 1, column: 1004 } });
    const inList = inspectQuery(
      `ASK { FILTER(1 IN (${Array.from({ length: 200_000 }, (_, i) => i).join(',')})) }`,
    );
    expect(inList.terms).toBe(200_004);
  });

  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 3, false],
    ['SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s ?q ?n }', 5, false],
    ['ASK { FILTER(?a + 1 > 2 * ?b) }', 2, false],
    ['ASK { ?s <http://e/p>* ?o }', 2, true],
    ['ASK { ?s (schema:knows|schema:colleague)+ ?o }', 2, true],
    ['ASK { ?s a+ ?o }', 2, true],
    ['ASK { ?s :p + ?o }', 2, true],
    ['ASK { ?s "<p>*" ?o # <p>+\n }', 2, false],
  ] as const)('%j names %i distinct variables; closure: %s', (text, variables, closure) => {
    const inspection = inspectQuery(text);
    expect(inspection.variables).toBe(variables);
    expect(inspection.closure).toBe(closure);
  });
});
