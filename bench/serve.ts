// Serving hot path benchmark: profile-graph's server against a minimal node:http server that
// returns the same bytes (and a bare express route, for reference), side by side in one run,
// for every RDF format and HTML. Each (format, connections) pair is measured `--repeat` times,
// the servers' order alternating between repetitions so drift does not favour one; the median
// is reported. Before measuring, one request checks that raw and site send the same headers
// (count and bytes) and body length, so the ceiling is the same response. Each server runs in its own process; autocannon drives it from
// this one. Where `taskset` exists, the server is pinned to CPU 0 and this process to CPU 1, so
// the load generator does not steal the server's core (issue #16 asks for ≥ 0.9× raw).
// Run: npm run bench (all) or: node --import tsx bench/serve.ts [--duration 5] [--repeat 3]
//   [--express] (adds the bare express route)
import { execFileSync, fork } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]) || fallback;
}
const duration = flag('--duration', 5);
const repeat = flag('--repeat', 3);
const KINDS = process.argv.includes('--express') ? ['raw', 'site', 'express'] : ['raw', 'site'];
const target = fileURLToPath(new URL('./serve-target.ts', import.meta.url));

/** The formats measured, by the Accept header that selects each. */
const FORMATS: readonly (readonly [string, string])[] = [
  ['turtle', 'text/turtle'],
  ['html', 'text/html'],
  ['jsonld', 'application/ld+json'],
  ['ntriples', 'application/n-triples'],
  ['rdfxml', 'application/rdf+xml'],
];

interface Row {
  server: string;
  format: string;
  connections: number;
  requestsPerSecond: number;
  p99: number;
  errors: number;
  /** Response header fields, their bytes on the wire, and body bytes, of one request. */
  shape: string;
}

/** The shape of one response: header count, header bytes (values with Date masked), body. */
function shapeOf(port: number, accept: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/people/sheng-zha',
        headers: { accept, 'accept-encoding': 'gzip' },
      },
      (response) => {
        let body = 0;
        response.on('data', (chunk: Buffer) => (body += chunk.length));
        response.on('end', () => {
          const raw = response.rawHeaders;
          let bytes = 0;
          for (let i = 0; i < raw.length; i += 2) bytes += `${raw[i]}: ${raw[i + 1]}\r\n`.length;
          resolve(`${String(raw.length / 2)}h/${String(bytes)}B+${String(body)}`);
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
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
  const shape = await shapeOf(port, accept);
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
    shape,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function benchServe(): Promise<Row[]> {
  pin(process.pid, 1);
  const rows: Row[] = [];
  for (const format of FORMATS) {
    for (const connections of [10, 50]) {
      const runs = new Map<string, Row[]>(KINDS.map((kind) => [kind, []]));
      for (let round = 0; round < repeat; round++) {
        const order = round % 2 === 0 ? KINDS : [...KINDS].reverse();
        for (const kind of order) runs.get(kind)?.push(await measure(kind, format, connections));
      }
      for (const [kind, measured] of runs) {
        const [first] = measured;
        if (first === undefined) continue;
        rows.push({
          ...first,
          server: kind,
          requestsPerSecond: median(measured.map((each) => each.requestsPerSecond)),
          p99: median(measured.map((each) => each.p99)),
          errors: measured.reduce((sum, each) => sum + each.errors, 0),
        });
      }
    }
  }
  return rows;
}

export function printServe(rows: readonly Row[]): void {
  console.log(
    `\nServing GET /people/sheng-zha (Accept-Encoding: gzip), median requests/s of ${String(repeat)} × ${String(duration)} s, side by side:`,
  );
  console.log('format   server    conns   req/s     ×raw   p99 ms  errors  response');
  for (const row of rows) {
    const raw = rows.find(
      (each) =>
        each.server === 'raw' && each.format === row.format && each.connections === row.connections,
    );
    const ratio = raw ? row.requestsPerSecond / raw.requestsPerSecond : 1;
    console.log(
      `${row.format.padEnd(8)} ${row.server.padEnd(9)} ${String(row.connections).padStart(5)} ${row.requestsPerSecond.toFixed(0).padStart(8)} ${ratio
        .toFixed(2)
        .padStart(
          7,
        )} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(7)}  ${row.shape}${raw && raw.shape !== row.shape ? ' (differs from raw)' : ''}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printServe(await benchServe());
