import { describe, expect, it } from 'vitest';
import { canonicalizeQuads } from '../../../src/rdf/canonical.js';
import { blankNode, literal, namedNode, quad, RDF_TYPE } from '../../../src/rdf/data-factory.js';
import { nestableBlankNodes } from '../../../src/rdf/nesting.js';

const s = namedNode('http://example.org/s');
const p = namedNode('http://example.org/p');
const q = namedNode('http://example.org/q');

describe('canonicalizeQuads', () => {
  it('gives the same labels whatever the input labels and order (RDFC-1.0)', async () => {
    const a = await canonicalizeQuads([
      quad(s, p, blankNode('x')),
      quad(blankNode('x'), q, literal('1')),
    ]);
    const b = await canonicalizeQuads([
      quad(blankNode('zz'), q, literal('1')),
      quad(s, p, blankNode('zz')),
    ]);
    expect(a).toEqual(b);
    expect(a.map((x) => x.object.value)).toEqual(['c14n0', '1']);
  });

  it('removes duplicate quads and sorts rdf:type first within a subject', async () => {
    const result = await canonicalizeQuads([
      quad(s, q, literal('b')),
      quad(s, namedNode(RDF_TYPE), namedNode('http://schema.org/Person')),
      quad(s, q, literal('b')),
      quad(s, p, literal('a')),
    ]);
    expect(result.map((x) => x.predicate.value)).toEqual([RDF_TYPE, p.value, q.value]);
  });
});

describe('nestableBlankNodes', () => {
  it('nests blank nodes used once, but not shared ones or cycles', () => {
    const nestable = nestableBlankNodes([
      quad(s, p, blankNode('once')),
      quad(s, p, blankNode('twice')),
      quad(s, q, blankNode('twice')),
      quad(blankNode('c1'), p, blankNode('c2')),
      quad(blankNode('c2'), p, blankNode('c1')),
    ]);
    expect([...nestable]).toEqual(['once']);
  });
});
