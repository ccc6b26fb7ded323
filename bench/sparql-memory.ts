// Memory of the SPARQL engine around results over the byte limit: 1,000 literals of 50 KB
// loaded in two workers, then two concurrent `SELECT *` (about 50 MB of JSON each, refused at
// the 16 MiB default), then a second later, then the next query (a fresh worker reloads the
// data). Run: node --expose-gc --import tsx bench/sparql-memory.ts
import { literal, namedNode, quad } from '../src/rdf/data-factory.js';
import { createDataset, createSparqlEngine } from '../src/sparql/engine.js';

const big = 'x'.repeat(50_000);
const quads = Array.from({ length: 1000 }, (_, index) =>
  quad(namedNode(`http://e/${index}`), namedNode('http://e/p'), literal(`${big}${index}`)),
);
const dataset = createDataset(quads, { baseIri: 'http://e/' });
// A generous time limit: writing 50 MB of JSON takes seconds on a loaded machine.
const engine = createSparqlEngine({ workers: 2, timeoutMs: 60_000 });
const rss = () => `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`;
const collect = (globalThis as { gc?: () => void }).gc;

await Promise.all([1, 2].map(() => engine.query(dataset, { query: 'ASK {}' })));
console.log('loaded in 2 workers', rss());
const outcomes = await Promise.all(
  [1, 2].map(() => engine.query(dataset, { query: 'SELECT * { ?s ?p ?o }' })),
);
console.log(
  '2 × SELECT * (1,000 × 50 KB)',
  outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.failure.code)),
  rss(),
);
await new Promise((resolve) => setTimeout(resolve, 1000));
collect?.();
console.log('1 s later', rss());
const next = await engine.query(dataset, { query: 'ASK { ?s ?p ?o }' });
console.log('next query', next.ok, rss());
await engine.close();
