import { describe, expect, it } from 'vitest';
import { blankNode, literal, namedNode, quad } from '../../../src/rdf/data-factory.js';
import { chunkQuads } from '../../../src/store/chunks.js';

const ex = (name: string) => namedNode(`http://example.org/${name}`);

describe('chunkQuads', () => {
  it('cuts a graph into chunks of the size asked, keeping linked blank nodes together', () => {
    const plain = Array.from({ length: 5 }, (_, index) =>
      quad(ex(`s${String(index)}`), ex('p'), literal(index)),
    );
    const linked = [
      quad(ex('a'), ex('p'), blankNode('b1')),
      quad(blankNode('b1'), ex('q'), blankNode('b2')),
      quad(blankNode('b2'), ex('r'), literal('x')),
    ];
    const lone = [quad(blankNode('b3'), ex('p'), literal('y'))];
    const chunks = [
      ...chunkQuads(
        [linked[0], ...plain, linked[2], ...lone, linked[1]].flatMap((each) =>
          each ? [each] : [],
        ),
        2,
      ),
    ];
    expect(chunks.flat()).toHaveLength(9);
    const holding = (label: string) =>
      chunks.findIndex((chunk) =>
        chunk.some((each) => each.subject.value === label || each.object.value === label),
      );
    expect(holding('b1')).toBe(holding('b2'));
    expect(
      chunks
        .filter((chunk) =>
          chunk.every(
            (each) => each.subject.termType === 'NamedNode' && each.object.termType !== 'BlankNode',
          ),
        )
        .every((chunk) => chunk.length <= 2),
    ).toBe(true);
  });
});
