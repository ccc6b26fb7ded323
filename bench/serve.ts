// Serving hot path benchmark: profile-graph's server against a minimal node:http server that
// returns the same bytes (and a bare express route, for reference), side by side in one run.
// Each server runs in its own process; autocannon drives it from this one.
// Run: npm run bench (all) or: node --import tsx bench/serve.ts [--duration 5]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const duration = Number(process.argv[process.argv.indexOf('--duration') + 1] || 5);
const target = fileURLToPath(new URL('./serve-target.ts', import.meta.url));

interface Row {
  server: string;
  connections: number;
  requestsPerSecond: number;
  p99: number;
  errors: number;
}

async function measure(kind: string, connections: number): Promise<Row> {
  const child = fork(target, [kind], {
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
  const options = {
    url: `http://127.0.0.1:${port}/people/sheng-zha`,
    headers: { accept: 'text/turtle', 'accept-encoding': 'gzip' },
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
    connections,
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchServe(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const connections of [10, 50]) {
    for (const kind of ['raw', 'site', 'express']) rows.push(await measure(kind, connections));
  }
  return rows;
}

export function printServe(rows: readonly Row[]): void {
  console.log(
    '\nServing GET /people/sheng-zha (Accept: text/turtle, gzip), requests/s, side by side:',
  );
  console.log('server    conns   req/s     ×raw   p99 ms  errors');
  for (const row of rows) {
    const raw = rows.find((each) => each.server === 'raw' && each.connections === row.connections);
    const ratio = raw ? row.requestsPerSecond / raw.requestsPerSecond : 1;
    console.log(
      `${row.server.padEnd(9)} ${String(row.connections).padStart(5)} ${row.requestsPerSecond.toFixed(0).padStart(8)} ${ratio
        .toFixed(2)
        .padStart(7)} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(7)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printServe(await benchServe());
