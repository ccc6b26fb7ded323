import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { canonicalizeQuads, CanonicalizationTooComplexError } from '../../../src/rdf/canonical.js';
import {
  blankNode,
  literal,
  namedNode,
  quad,
  RDF_TYPE,
  type Quad,
} from '../../../src/rdf/data-factory.js';
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

  /** `size` blank nodes alike in every way, each linked to the next (a ring) or to all others. */
  function alike(shape: 'ring' | 'clique', size: number, prefix = 'f0_'): Quad[] {
    const quads: Quad[] = [];
    for (let i = 0; i < size; i++) {
      const node = blankNode(`${prefix}b${String(i)}`);
      quads.push(quad(node, q, literal('same')), quad(s, p, node));
      for (let j = 0; j < size; j++) {
        if (shape === 'ring' ? j === (i + 1) % size : j !== i)
          quads.push(quad(node, p, blankNode(`${prefix}b${String(j)}`)));
      }
    }
    return quads;
  }

  it.each([
    ['a clique of 8', 'clique', 8, 8],
    ['a ring of 500', 'ring', 500, 500],
  ] as const)(
    'refuses %s identical blank nodes with a bounded amount of work, naming them',
    async (_name, shape, size, count) => {
      const error = await canonicalizeQuads(alike(shape, size)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CanonicalizationTooComplexError);
      expect(error).toBeInstanceOf(ProfileGraphError);
      const tooComplex = error as CanonicalizationTooComplexError;
      expect(tooComplex.exitCode).toBe(1);
      expect(tooComplex.blankNodes).toHaveLength(count);
      expect(tooComplex.blankNodes).toContain('f0_b0');
      expect(tooComplex.diagnostics).toEqual([
        {
          code: 'rdf/canonicalization-too-complex',
          severity: 'error',
          message: `${String(count)} blank nodes are too alike to be labelled canonically with bounded work (RDFC-1.0).`,
          hint: 'give these nodes an @id',
        },
      ]);
    },
  );

  it('still labels small symmetric graphs and many alike blank nodes of distinct parents', async () => {
    expect(await canonicalizeQuads(alike('ring', 8))).toHaveLength(24);
    const many: Quad[] = [];
    for (let i = 0; i < 5000; i++) {
      const parent = namedNode(`http://example.org/p${String(i)}`);
      const role = blankNode(`r${String(i)}`);
      const place = blankNode(`l${String(i)}`);
      many.push(quad(parent, p, role), quad(role, q, literal('x')), quad(role, p, place));
      many.push(quad(place, q, literal('y')));
    }
    expect(await canonicalizeQuads(many)).toHaveLength(20000);
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
