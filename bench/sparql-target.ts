// One SPARQL engine on one dataset, in its own process (so memory figures are its own), for
// bench/sparql.ts: load time from N-Quads text to a queryable store, latency of each example
// query (first run, then the median of repeated runs), and memory after loading and querying.
//   node --import tsx bench/sparql-target.ts oxigraph|comunica profile|synthetic
import { Parser, Store as N3Store } from 'n3';
import { quadsToNQuads } from '../src/rdf/serialize.js';
import { EXAMPLE_QUERIES } from '../src/sparql/examples.js';
import { loadBundledDataset } from '../test/support/profile.js';
import { syntheticGraph } from './synthetic-graph.js';

const engine = process.argv[2] ?? 'oxigraph';
const datasetName = process.argv[3] ?? 'profile';
const BASE = 'http://localhost:8080/';
/** Repeated runs per query: up to this many, or this much time, whichever comes first. */
const RUNS = 30;
const BUDGET_MS = 10_000;

const quads =
  datasetName === 'synthetic' ? syntheticGraph(100_000) : (await loadBundledDataset()).quads;
const nquads = await quadsToNQuads(quads);

/** Runs a query to completion (all results consumed) and returns how many results it had. */
type Run = (query: string) => Promise<number>;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** Memory after a full collection, so the figures are what stays allocated. */
const settled = () => {
  globalThis.gc?.();
  return process.memoryUsage();
};
const start = settled();
let before: NodeJS.MemoryUsage;
let run: Run;
let size: number;
let initMs: number;
let loadMs: number;
if (engine === 'oxigraph') {
  // Init: importing the package compiles and instantiates the WASM module.
  const initStarted = performance.now();
  const { default: oxigraph } = await import('oxigraph');
  initMs = performance.now() - initStarted;
  before = settled();
  const loadStarted = performance.now();
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  loadMs = performance.now() - loadStarted;
  size = store.size;
  run = (query) => {
    const result = store.query(query, { base_iri: BASE });
    return Promise.resolve(Array.isArray(result) ? result.length : 1);
  };
} else {
  const initStarted = performance.now();
  const { QueryEngine } = await import('@comunica/query-sparql-rdfjs');
  const comunica = new QueryEngine();
  initMs = performance.now() - initStarted;
  before = settled();
  const loadStarted = performance.now();
  const store = new N3Store(new Parser({ format: 'N-Quads' }).parse(nquads));
  loadMs = performance.now() - loadStarted;
  size = store.size;
  run = async (query) => {
    const result = await comunica.query(query, { sources: [store], baseIRI: BASE });
    if (result.resultType === 'boolean') {
      await result.execute();
      return 1;
    }
    const stream = await result.execute();
    let count = 0;
    for await (const item of stream as AsyncIterable<unknown>) if (item !== undefined) count++;
    return count;
  };
}
const afterLoad = settled();

const queries: { id: string; results: number; firstMs: number; medianMs: number; runs: number }[] =
  [];
for (const example of EXAMPLE_QUERIES) {
  const first = performance.now();
  const results = await run(example.query);
  const firstMs = performance.now() - first;
  const times: number[] = [];
  const budget = performance.now();
  while (times.length < RUNS && performance.now() - budget < BUDGET_MS) {
    const started = performance.now();
    await run(example.query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  queries.push({
    id: example.id,
    results,
    firstMs,
    medianMs: times[Math.floor(times.length / 2)] ?? firstMs,
    runs: times.length,
  });
}
const afterQueries = process.memoryUsage();

process.send?.({
  engine,
  dataset: datasetName,
  triples: size,
  initMs,
  loadMs,
  // RSS growth counts WASM memory (oxigraph's store) and the JS heap (n3's store) alike:
  // the engine itself (import + setup), the loaded data, and the peak while querying.
  rssInitMb: mb(before.rss - start.rss),
  rssLoadMb: mb(afterLoad.rss - before.rss),
  rssPeakMb: mb(Math.max(afterLoad.rss, afterQueries.rss) - before.rss),
  heapLoadMb: mb(afterLoad.heapUsed - before.heapUsed),
  queries,
});
