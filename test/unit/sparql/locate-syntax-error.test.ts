import { describe, expect, it } from 'vitest';
import { locateSyntaxError } from '../../../src/sparql/locate-syntax-error.js';

describe('locateSyntaxError', () => {
  it.each([
    ['ASK { ?s ?p ?o . ) }', 1, 18, "unexpected ')'"],
    ['SELEC * WHERE { ?s ?p ?o }', 1, 1, "unexpected 'SELEC'"],
    ['ASK {\n  ?s ?p ?o ?x }', 2, 12, "unexpected '?x'"],
    ['SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > ) }', 3, 15, "unexpected ')'"],
    ['SELECT * WHERE { ?s ?p ?o ', 1, 27, 'unexpected end of query'],
    ['SELECT ?x WHERE { ?s ?p ?o } LIMIT -1', 1, 36, "unexpected '-1'; expected number"],
    ['SELECT * WHERE { ?s ?p ?o }\n# a comment\n  ORDER ?s', 3, 9, "unexpected '?s'"],
  ])('%j: line %i, column %i, %s', (query, line, column, message) => {
    const located = locateSyntaxError(query);
    expect(located).toMatchObject({ line, column });
    expect(located?.message.startsWith(message)).toBe(true);
  });

  it('names expected tokens readably and lists at most eight', () => {
    expect(locateSyntaxError('ASK { ?s ?p ?o . ) }')?.message).toBe(
      "unexpected ')'; expected <iri>, prefix:, {, }, (, number, VALUES, ?variable, …",
    );
  });

  it.each([
    'SELECT * WHERE { ?s ?p ?o }',
    // An undeclared prefix has no location in sparqljs; the engine says it plainly instead.
    'SELECT * WHERE { ?s schema:name ?o }',
  ])('returns undefined when it cannot place an error: %j', (query) => {
    expect(locateSyntaxError(query)).toBeUndefined();
  });
});
