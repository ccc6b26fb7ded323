// Serving hot path benchmark: profile-graph's server against a minimal node:http server that
// returns the same bytes (and a bare express route, for reference), side by side in one run,
// for Turtle, HTML and JSON-LD. Each server runs in its own process; autocannon drives it from
// this one. Where `taskset` exists, the server is pinned to CPU 0 and this process to CPU 1, so
// the load generator does not steal the server's core (issue #16 asks for ≥ 0.9× raw).
// Run: npm run bench (all) or: node --import tsx bench/serve.ts [--duration 5]
import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const duration = Number(process.argv[process.argv.indexOf('--duration') + 1] || 5);
const target = fileURLToPath(new URL('./serve-target.ts', import.meta.url));

/** The formats measured, by the Accept header that selects each. */
const FORMATS: readonly (readonly [string, string])[] = [
  ['turtle', 'text/turtle'],
  ['html', 'text/html'],
  ['jsonld', 'application/ld+json'],
];

interface Row {
  server: string;
  format: string;
  connections: number;
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

/** Pins a process to one CPU; false where taskset is missing or there is only one CPU. */
function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function measure(
  kind: string,
  [format, accept]: readonly [string, string],
  connections: number,
): Promise<Row> {
  const child = fork(target, [kind, accept], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => {
      resolve(message.port);
    });
    child.once('exit', (code) => {
      reject(new Error(`${kind} server exited (${String(code)})`));
    });
  });
  if (child.pid !== undefined) pin(child.pid, 0);
  const options = {
    url: `http://127.0.0.1:${port}/people/sheng-zha`,
    headers: { accept, 'accept-encoding': 'gzip' },
    connections,
    pipelining: 1,
  };
  // Warm up the JIT and connection pool, then measure.
  await autocannon({ ...options, duration: 1 });
  const result = await autocannon({ ...options, duration });
  child.disconnect();
  child.kill();
  return {
    server: kind,
    format,
    connections,
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchServe(): Promise<Row[]> {
  pin(process.pid, 1);
  const rows: Row[] = [];
  for (const format of FORMATS) {
    for (const connections of [10, 50]) {
      for (const kind of ['raw', 'site', 'express']) {
        rows.push(await measure(kind, format, connections));
      }
    }
  }
  return rows;
}

export function printServe(rows: readonly Row[]): void {
  console.log('\nServing GET /people/sheng-zha (Accept-Encoding: gzip), requests/s, side by side:');
  console.log('format  server    conns   req/s     ×raw   p99 ms  errors');
  for (const row of rows) {
    const raw = rows.find(
      (each) =>
        each.server === 'raw' && each.format === row.format && each.connections === row.connections,
    );
    const ratio = raw ? row.requestsPerSecond / raw.requestsPerSecond : 1;
    console.log(
      `${row.format.padEnd(7)} ${row.server.padEnd(9)} ${String(row.connections).padStart(5)} ${row.requestsPerSecond.toFixed(0).padStart(8)} ${ratio
        .toFixed(2)
        .padStart(7)} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(7)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printServe(await benchServe());
