import { afterEach, describe, expect, it, vi } from 'vitest';
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

const task = (query: string): Omit<QueryTask, 'data'> => ({
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

  const thread = (outcome: Awaited<ReturnType<DatasetPools['run']>>) =>
    outcome.ok ? outcome.value.threadId : undefined;

  it('answers reload after reload from the same worker threads, each loading the new data', async () => {
    // A new pool per dataset started new threads (and WASM instances) at every reload: RSS
    // grew with each one under `serve --watch` and queries after a reload waited for them.
    pools = new DatasetPools({ workers: 1, timeoutMs: 5000 });
    const threads = new Set<number | undefined>();
    for (let reload = 1; reload <= 5; reload++) {
      const outcome = await pools.run(
        createDataset(things(reload, `v${reload}`), { baseIri: EX }),
        task(COUNT),
      );
      expect(count(outcome)).toBe(String(reload));
      threads.add(thread(outcome));
      expect(pools.open).toBe(1);
    }
    expect([...threads]).toEqual([expect.any(Number)]);
  });

  it('ends every idle worker after idleTimeoutMs, and answers the next query from a new one', async () => {
    // An idle worker kept its store, V8 heap and WASM memory (which never shrinks) for the
    // server's life: after a load, RSS stayed at its peak (bench/hardening.ts).
    pools = new DatasetPools({ workers: 2, timeoutMs: 5000, idleTimeoutMs: 200 });
    const dataset = createDataset(things(3, 'idle'), { baseIri: EX });
    const first = await Promise.all([
      pools.run(dataset, task(COUNT)),
      pools.run(dataset, task(COUNT)),
    ]);
    expect(first.map(count)).toEqual(['3', '3']);
    await vi.waitFor(
      () => {
        expect(pools?.workers).toBe(0);
      },
      { timeout: 5000, interval: 20 },
    );
    const next = await pools.run(dataset, task(COUNT));
    expect(count(next)).toBe('3');
    expect(first.map(thread)).not.toContain(thread(next));
    expect(pools.workers).toBe(1);
  });

  it('leaves minWorkers running after the idle timeout, the data still loaded', async () => {
    pools = new DatasetPools({ workers: 2, timeoutMs: 5000, idleTimeoutMs: 200, minWorkers: 1 });
    const dataset = createDataset(things(3, 'kept'), { baseIri: EX });
    const first = await Promise.all([
      pools.run(dataset, task(COUNT)),
      pools.run(dataset, task(COUNT)),
    ]);
    expect(first.map(count)).toEqual(['3', '3']);
    await vi.waitFor(
      () => {
        expect(pools?.workers).toBe(1);
      },
      { timeout: 5000, interval: 20 },
    );
    // Well past the timeout, the kept worker is still there and answers.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pools.workers).toBe(1);
    const next = await pools.run(dataset, task(COUNT));
    expect(count(next)).toBe('3');
    expect(first.map(thread)).toContain(thread(next));
  });

  it("keeps an old dataset's text while its query runs, and drops it once the query ends", async () => {
    pools = new DatasetPools({ workers: 2, timeoutMs: 8000 });
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

  it("drops an idle old dataset's text as soon as another is queried, and loads it again when asked", async () => {
    pools = new DatasetPools({ workers: 1, timeoutMs: 5000 });
    const first = createDataset(things(1, 'first'), { baseIri: EX });
    const second = createDataset(things(2, 'second'), { baseIri: EX });
    expect(count(await pools.run(first, task(COUNT)))).toBe('1');
    expect(pools.open).toBe(1);
    const answer = pools.run(second, task(COUNT));
    expect(pools.open).toBe(1);
    expect(count(await answer)).toBe('2');
    expect(count(await pools.run(first, task(COUNT)))).toBe('1');
  });
});
