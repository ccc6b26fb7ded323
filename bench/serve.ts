// Serving hot path benchmark (issue #16: ≥ 0.9× raw node:http in every format): profile-graph's
// server against a minimal node:http server sending the same bytes (and, with `--express`, a
// bare express route), side by side in one run, for HTML and every RDF format.
//
// Each server is one process started once and kept for the whole run: the site process builds
// the Site once (as `serve` does) and hands over the exact response it sends for each format;
// the raw (and express) process is given that response before each measurement. For every
// (format, connections) pair the servers are measured `--repeat` times, their order alternating
// between rounds so drift does not favour one; the median is reported. One request first checks
// that both send the same headers (count and bytes) and body length. Where `taskset` exists the
// servers are pinned to CPU 0 and this process (autocannon) to CPU 1.
//
// On a shared machine the servers' core is shared too: a server gets a varying part of it, so
// req/s swings from second to second whatever the code does. Each round therefore also reads
// the server's own CPU time (/proc/PID/stat, user + system, every thread) and reports requests
// per CPU-second: what the server would do with a core to itself. Both ratios are printed; the
// CPU one is the stable one under load. `--raw-built` adds a control: raw node:http in a
// process that first built the Site, as the site process does, so what the build leaves behind
// (JIT state, a larger heap) is told apart from the cost of the hot path's code.
// Run: npm run bench -- --only serve, or: node --import tsx bench/serve.ts [--duration 4]
//   [--repeat 3] [--connections 50] (a list: 10,50) [--formats turtle,html] [--express]
//   [--raw-built]
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { PlanMessage } from './serve-target.js';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}
function flag(name: string, fallback: number): number {
  return Number(option(name)) || fallback;
}
const duration = flag('--duration', 4);
const repeat = flag('--repeat', 3);
const CONNECTIONS = (option('--connections') ?? '50').split(',').map(Number);
const KINDS = [
  'raw',
  'site',
  ...(process.argv.includes('--raw-built') ? ['raw-built'] : []),
  ...(process.argv.includes('--express') ? ['express'] : []),
];
const target = fileURLToPath(new URL('./serve-target.ts', import.meta.url));
/** The floor issue #16 sets: profile-graph's req/s over raw node:http's, in every format. */
const FLOOR = 0.9;

/** The formats measured, by the Accept header that selects each. */
const ALL_FORMATS: readonly (readonly [string, string])[] = [
  ['turtle', 'text/turtle'],
  ['html', 'text/html'],
  ['jsonld', 'application/ld+json'],
  ['ntriples', 'application/n-triples'],
  ['rdfxml', 'application/rdf+xml'],
];
const only = option('--formats')?.split(',');
const FORMATS = ALL_FORMATS.filter(([name]) => only === undefined || only.includes(name));

interface Row {
  server: string;
  format: string;
  connections: number;
  /** Median over the rounds. */
  requestsPerSecond: number;
  /** Every round's figure, in the order measured. */
  rounds: number[];
  /** Requests per second of the server's own CPU time, over all rounds (0 without /proc). */
  perCpuSecond: number;
  /** The server's CPU seconds and the requests answered, in one round (summed over rounds). */
  cpuSeconds: number;
  requests: number;
  p99: number;
  errors: number;
  /** Response header fields, their bytes on the wire (Date masked), and body bytes. */
  shape: string;
}

/** The shape of one response: header count, header bytes (Date's value masked), body bytes. */
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

const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used (user + system, all threads); 0 where /proc is missing. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A server process and its next IPC message. */
interface Server {
  kind: string;
  child: ChildProcess;
  port: number;
}

function nextMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const exited = (code: number | null) => {
      reject(new Error(`${what} server exited (${String(code)})`));
    };
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });
}

/** What a server process sends once listening: its port, and the site its plans per Accept. */
interface Started {
  port: number;
  plans?: Record<string, PlanMessage>;
}

async function start(kind: string, args: string[]): Promise<{ server: Server; message: Started }> {
  const child = fork(target, [kind, ...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const message = await nextMessage<Started>(child, kind);
  if (child.pid !== undefined) pin(child.pid, 0);
  return { server: { kind, child, port: message.port }, message };
}

async function measure(
  server: Server,
  [format, accept]: readonly [string, string],
  connections: number,
): Promise<Omit<Row, 'rounds' | 'perCpuSecond'>> {
  const options = {
    url: `http://127.0.0.1:${String(server.port)}/people/sheng-zha`,
    headers: { accept, 'accept-encoding': 'gzip' },
    connections,
    pipelining: 1,
  };
  // Opens the connections and brings the JIT up for this response, then measures.
  await autocannon({ ...options, duration: 1 });
  const before = cpuSeconds(server.child.pid);
  const result = await autocannon({ ...options, duration });
  const used = cpuSeconds(server.child.pid) - before;
  return {
    server: server.kind,
    format,
    connections,
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuSeconds: used,
    requests: result.requests.total,
    shape: await shapeOf(server.port, accept),
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
  const site = await start('site', [JSON.stringify(FORMATS.map(([, accept]) => accept))]);
  const others = await Promise.all(
    KINDS.filter((kind) => kind !== 'site').map(async (kind) => (await start(kind, [])).server),
  );
  const servers = new Map([site.server, ...others].map((server) => [server.kind, server]));
  const rows: Row[] = [];
  try {
    for (const format of FORMATS) {
      const plan = site.message.plans?.[format[1]];
      for (const server of others) {
        const ready = nextMessage(server.child, server.kind);
        server.child.send({ plan });
        await ready;
      }
      for (const connections of CONNECTIONS) {
        const runs = new Map<string, Omit<Row, 'rounds' | 'perCpuSecond'>[]>(
          KINDS.map((kind) => [kind, []]),
        );
        for (let round = 0; round < repeat; round++) {
          const order = round % 2 === 0 ? KINDS : [...KINDS].reverse();
          for (const kind of order) {
            const server = servers.get(kind);
            if (server) runs.get(kind)?.push(await measure(server, format, connections));
          }
        }
        for (const [kind, measured] of runs) {
          const [first] = measured;
          if (first === undefined) continue;
          const cpu = measured.reduce((sum, each) => sum + each.cpuSeconds, 0);
          const requests = measured.reduce((sum, each) => sum + each.requests, 0);
          rows.push({
            ...first,
            cpuSeconds: cpu,
            requests,
            perCpuSecond: cpu > 0 ? requests / cpu : 0,
            server: kind,
            requestsPerSecond: median(measured.map((each) => each.requestsPerSecond)),
            rounds: measured.map((each) => each.requestsPerSecond),
            p99: median(measured.map((each) => each.p99)),
            errors: measured.reduce((sum, each) => sum + each.errors, 0),
          });
        }
      }
    }
  } finally {
    for (const server of servers.values()) {
      server.child.disconnect();
      server.child.kill();
    }
  }
  return rows;
}

export function printServe(rows: readonly Row[]): void {
  console.log(
    `\nServing GET /people/sheng-zha (Accept-Encoding: gzip), ${String(repeat)} interleaved rounds × ${String(duration)} s; servers on CPU 0, autocannon on CPU 1.\n` +
      "req/s: median of the rounds; req/CPU-s: requests over the server's CPU seconds in all rounds; floor: site ≥ 0.9× raw on req/CPU-s.",
  );
  console.log(
    'format   server     conns    req/s  ×raw  req/CPU-s  ×raw  floor  p99 ms  errors  response             rounds (req/s)',
  );
  for (const row of rows) {
    const raw = rows.find(
      (each) =>
        each.server === 'raw' && each.format === row.format && each.connections === row.connections,
    );
    const ratio = raw ? row.requestsPerSecond / raw.requestsPerSecond : 1;
    const cpuRatio = raw && raw.perCpuSecond > 0 ? row.perCpuSecond / raw.perCpuSecond : 1;
    const verdict = row.server === 'site' ? (cpuRatio >= FLOOR ? 'PASS' : 'FAIL') : '';
    const same = raw && raw.shape !== row.shape ? ' (differs from raw)' : '';
    console.log(
      [
        row.format.padEnd(8),
        row.server.padEnd(9),
        String(row.connections).padStart(6),
        row.requestsPerSecond.toFixed(0).padStart(8),
        ratio.toFixed(2).padStart(5),
        row.perCpuSecond.toFixed(0).padStart(10),
        cpuRatio.toFixed(2).padStart(5),
        ` ${verdict.padEnd(5)}`,
        String(row.p99).padStart(6),
        String(row.errors).padStart(7),
        ` ${`${row.shape}${same}`.padEnd(19)}`,
        row.rounds.map((each) => each.toFixed(0)).join(' '),
      ].join(' '),
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printServe(await benchServe());
