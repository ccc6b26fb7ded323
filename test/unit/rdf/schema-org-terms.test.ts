import { describe, expect, it } from 'vitest';
import { createSchemaOrgTerms } from '../../../src/rdf/schema-org-terms.js';

const terms = createSchemaOrgTerms();

describe('expandId', () => {
  it.each([
    ['people/ada#id', 'https://people.example.org/'],
    ['people/ada', 'https://people.example.org/dir/'],
    ['p-1_x~y.z/a.b#frag.1', 'http://localhost:8080/'],
    ['#id', 'https://people.example.org/'],
    ['./people/ada', 'https://people.example.org/'],
    ['../up#x', 'https://people.example.org/a/b/'],
    ['people//ada', 'https://people.example.org/'],
    ['people/./ada', 'https://people.example.org/'],
    ['people/ada?x=1', 'https://people.example.org/'],
    ['people/ä da', 'https://people.example.org/'],
    ['%41da', 'https://people.example.org/'],
    ['people/ada', 'https://people.example.org/index.html'],
    ['people/ada', 'https://People.Example.org/'],
    ['people/ada', 'https://people.example.org:443/'],
    ['people/ada', 'https://people.example.org/?q'],
  ])('resolves %s against %s as the URL standard does', (value, base) => {
    expect(terms.expandId(value, base)).toBe(new URL(value, base).href);
  });

  it('keeps blank node labels, prefixed names and absolute IRIs', () => {
    expect(terms.expandId('_:b0', 'https://people.example.org/')).toBe('_:b0');
    expect(terms.expandId('schema:Person', 'https://people.example.org/')).toBe(
      'http://schema.org/Person',
    );
    expect(terms.expandId('https://other.example/x', 'https://people.example.org/')).toBe(
      'https://other.example/x',
    );
  });
});
