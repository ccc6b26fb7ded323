import { describe, expect, it } from 'vitest';
import { blankNode, literal, namedNode, quad } from '../../../src/rdf/data-factory.js';
import { quadsFromTable, quadsToTable } from '../../../src/rdf/term-ids.js';

describe('quadsToTable / quadsFromTable', () => {
  const person = namedNode('http://example.org/p#id');
  const name = namedNode('http://schema.org/name');
  const quads = [
    quad(person, name, literal('Ada', 'en')),
    quad(person, name, literal('1', namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
    quad(blankNode('b0'), name, literal('Ada'), namedNode('http://example.org/g')),
  ];

  it('gives back the same quads in the same order, datatypes, languages and graphs included', () => {
    expect(quadsFromTable(quadsToTable(quads))).toEqual(quads);
  });

  it('lists each distinct term once, so a repeated term is sent once', () => {
    const table = quadsToTable(quads);
    expect(table.indexes).toHaveLength(12);
    expect(new Set(table.terms).size).toBe(table.terms.length);
    expect(table.terms.filter((id) => id === 'http://schema.org/name')).toHaveLength(1);
  });
});
