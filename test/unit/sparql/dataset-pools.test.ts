import { afterEach, describe, expect, it } from 'vitest';
import { literal, namedNode, quad, type Quad } from '../../../src/rdf/data-factory.js';
import { quadsToNQuads } from '../../../src/rdf/serialize.js';
import { DatasetPools } from '../../../src/sparql/dataset-pools.js';
import { createDataset, encodeDataset } from '../../../src/sparql/dataset.js';
import type { QueryTask } from '../../../src/sparql/query-task.js';

const EX = 'http://example.org/';
const things = (count: number, prefix: string): Quad[] =>
  Array.from({ length: count }, (_, index) =>
    quad(
      namedNode(`${EX}${prefix}${index}`),
      namedNode(`${EX}name`),
      literal(`${prefix} é ${index}`),
    ),
  );

const task = (query: string): QueryTask => ({
  query,
  form: 'select',
  baseIri: EX,
  graphs: { kind: 'union' },
  maxResults: 1000,
  maxResultBytes: 1_000_000,
});

/** A nine-way cross product: 10^9 rows over ten triples, far beyond any time limit. */
const EXPENSIVE = `SELECT (COUNT(*) AS ?n) WHERE { ${Array.from({ length: 9 }, (_, i) => `?s${i} ?p${i} ?o${i} .`).join(' ')} }`;
const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';

describe('encodeDataset', () => {
  it.each([1, 2, 50_000])(
    'writes the N-Quads of every quad into one SharedArrayBuffer, %i quads at a time',
    async (chunkQuads) => {
      const dataset = createDataset(things(5, 'thing'), { baseIri: EX });
      const shared = await encodeDataset(dataset, chunkQuads);
      expect(shared).toBeInstanceOf(SharedArrayBuffer);
      expect(Buffer.from(shared).toString('utf8')).toBe(await quadsToNQuads(dataset.quads));
    },
  );
});

describe('DatasetPools', () => {
  let pools: DatasetPools | undefined;
  afterEach(async () => {
    await pools?.close();
  });

  const count = (outcome: Awaited<ReturnType<DatasetPools['run']>>) =>
    outcome.ok && outcome.value.ok && outcome.value.result.kind === 'bindings'
      ? outcome.value.result.bindings[0]?.n?.value
      : outcome;

  it('answers each dataset from its own pool, and closes an old pool only once its queries end', async () => {
    // Time for the new pool's worker to start and answer while the old query still runs.
    pools = new DatasetPools({ workers: 1, timeoutMs: 8000 });
    const before = createDataset(things(10, 'before'), { baseIri: EX });
    const after = createDataset(things(4, 'after'), { baseIri: EX });
    expect(count(await pools.run(before, task(COUNT)))).toBe('10');
    const slow = pools.run(before, task(EXPENSIVE));
    // The reload: queries now go to the new dataset, while the old one's query runs on.
    expect(count(await pools.run(after, task(COUNT)))).toBe('4');
    expect(pools.open).toBe(2);
    // The old query ends as its own limit says, not as closed.
    expect(await slow).toMatchObject({ ok: false, diagnostic: { code: 'runtime/timeout' } });
    expect(pools.open).toBe(1);
    expect(count(await pools.run(after, task(COUNT)))).toBe('4');
  });

  it('closes an idle old pool as soon as another dataset is queried', async () => {
    pools = new DatasetPools({ workers: 1, timeoutMs: 5000 });
    const first = createDataset(things(1, 'first'), { baseIri: EX });
    const second = createDataset(things(2, 'second'), { baseIri: EX });
    expect(count(await pools.run(first, task(COUNT)))).toBe('1');
    expect(pools.open).toBe(1);
    const answer = pools.run(second, task(COUNT));
    expect(pools.open).toBe(1);
    expect(count(await answer)).toBe('2');
    // Queried again, the first dataset gets a new pool, loaded afresh.
    expect(count(await pools.run(first, task(COUNT)))).toBe('1');
  });
});
