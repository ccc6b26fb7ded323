// SPARQL benchmark: the candidate engines side by side on the bundled profile and on a
// synthetic graph of about 100,000 triples (bench/synthetic-graph.ts), each engine and dataset
// in its own process (bench/sparql-target.ts), then the endpoint's latency for the example
// queries over HTTP (the real server, one process, as `serve` runs it).
// Run: npm run bench (all) or: node --import tsx bench/sparql.ts
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_QUERIES } from '../src/sparql/examples.js';

const target = fileURLToPath(new URL('./sparql-target.ts', import.meta.url));
const serveTarget = fileURLToPath(new URL('./serve-target.ts', import.meta.url));

/** One engine on one dataset. */
export interface EngineRow {
  engine: string;
  dataset: string;
  triples: number;
  initMs: number;
  loadMs: number;
  rssInitMb: number;
  rssLoadMb: number;
  rssPeakMb: number;
  heapLoadMb: number;
  queries: { id: string; results: number; firstMs: number; medianMs: number; runs: number }[];
}

/** The endpoint's latency for one example query. */
export interface EndpointRow {
  id: string;
  status: number;
  firstMs: number;
  medianMs: number;
  p95Ms: number;
}

/** Starts a child process and resolves with its first IPC message (its result or its port). */
function child(
  file: string,
  args: string[],
  execArgv: string[],
): Promise<{ message: unknown; stop: () => void }> {
  const process = fork(file, args, {
    execArgv: [...execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    process.once('message', (message) => {
      resolve({
        message,
        stop: () => {
          process.disconnect();
          process.kill();
        },
      });
    });
    process.once('exit', (code) => {
      reject(new Error(`${file} ${args.join(' ')} exited (${String(code)})`));
    });
  });
}

/** Oxigraph (WASM) and Comunica 5 over an n3 Store, each on both datasets. */
export async function benchEngines(): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  for (const dataset of ['profile', 'synthetic']) {
    for (const engine of ['oxigraph', 'comunica']) {
      const { message, stop } = await child(target, [engine, dataset], ['--expose-gc']);
      stop();
      rows.push(message as EngineRow);
    }
  }
  return rows;
}

/**
 * The endpoint's latency per example query: GET /sparql?query=… on the real server (createApp,
 * default limits), one client, requests one after another: the first request (for the first
 * query it starts a worker and loads the data), then the median and 95th percentile of
 * `requests` requests after `warmUp` unmeasured ones (V8 tiers WASM and JS up meanwhile).
 */
export async function benchEndpoint(requests = 100, warmUp = 50): Promise<EndpointRow[]> {
  const { message, stop } = await child(serveTarget, ['site'], []);
  const { port } = message as { port: number };
  const rows: EndpointRow[] = [];
  try {
    for (const example of EXAMPLE_QUERIES) {
      const url = `http://127.0.0.1:${port}/sparql?query=${encodeURIComponent(example.query)}`;
      const once = async () => {
        const started = performance.now();
        const response = await fetch(url, {
          headers: { accept: 'application/sparql-results+json, text/turtle;q=0.9' },
        });
        await response.arrayBuffer();
        return { status: response.status, ms: performance.now() - started };
      };
      const first = await once();
      for (let i = 0; i < warmUp; i++) await once();
      const times: number[] = [];
      for (let i = 0; i < requests; i++) times.push((await once()).ms);
      times.sort((a, b) => a - b);
      rows.push({
        id: example.id,
        status: first.status,
        firstMs: first.ms,
        medianMs: times[Math.floor(times.length / 2)] ?? 0,
        p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
      });
    }
  } finally {
    stop();
  }
  return rows;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function printEngines(rows: readonly EngineRow[]): void {
  console.log('\nSPARQL engines, each engine and dataset in its own process:');
  console.log(
    '  init: import + engine setup (ms, RSS growth MB); load: N-Quads text → queryable store',
  );
  console.log(
    '  (ms, RSS growth MB; peak: while querying); queries: first run / median of up to 30 more, ms',
  );
  const ids = EXAMPLE_QUERIES.map((example) => example.id);
  console.log(
    `${'engine'.padEnd(9)} ${'dataset'.padEnd(10)} ${'triples'.padStart(7)} ${'init ms'.padStart(8)} ${'MB'.padStart(5)} ${'load ms'.padStart(8)} ${'MB'.padStart(5)} ${'peak MB'.padStart(8)}  ${ids.map((id) => id.padStart(15)).join(' ')}`,
  );
  for (const row of rows) {
    const cells = ids.map((id) => {
      const query = row.queries.find((each) => each.id === id);
      return (query ? `${ms(query.firstMs)}/${ms(query.medianMs)}` : '-').padStart(15);
    });
    console.log(
      `${row.engine.padEnd(9)} ${row.dataset.padEnd(10)} ${String(row.triples).padStart(7)} ${ms(row.initMs).padStart(8)} ${String(row.rssInitMb).padStart(5)} ${ms(row.loadMs).padStart(8)} ${String(row.rssLoadMb).padStart(5)} ${String(row.rssPeakMb).padStart(8)}  ${cells.join(' ')}`,
    );
  }
  const counts = rows.map(
    (row) =>
      `${row.engine}/${row.dataset}: ${row.queries.map((q) => `${q.id}=${q.results}`).join(' ')}`,
  );
  console.log(`result counts (must agree between engines): \n  ${counts.join('\n  ')}`);
}

export function printEndpoint(rows: readonly EndpointRow[]): void {
  console.log(
    '\nSPARQL endpoint on the bundled profile: GET /sparql?query=… over HTTP, one client, ms',
  );
  console.log(
    `${'query'.padEnd(8)} ${'status'.padStart(6)} ${'first'.padStart(7)} ${'median'.padStart(7)} ${'p95'.padStart(7)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.id.padEnd(8)} ${String(row.status).padStart(6)} ${ms(row.firstMs).padStart(7)} ${ms(row.medianMs).padStart(7)} ${ms(row.p95Ms).padStart(7)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printEngines(await benchEngines());
  printEndpoint(await benchEndpoint());
}
