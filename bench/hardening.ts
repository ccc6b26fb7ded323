// The hardening load test (issue #15, "Done when"): `serve --watch` on a temporary copy of the
// profile under 30 s of 200 connections asking for mixed formats and SPARQL, while the data is
// edited every second (a reload each time), slowloris connections dribble half a request head,
// poisoned queries arrive (1,000 nested groups; a 100 KB `a.....b` word) and ten fast queries
// are asked at once every second. A separate probe asks for /robots.txt every 100 ms.
// Reports: 5xx other than 503 (503 is the documented answer to overload, with Retry-After),
// fast queries answered, the probe's worst latency (pass: every probe answered, none over
// 5 s), the server's RSS at start / peak / end (after a pause), slowloris lifetimes, reloads seen and how long SIGTERM took; then pass/fail for
// 0 non-503 5xx, every fast query answered, /robots.txt responsive, memory back within 20% of
// its start.
// Run: npm run bench -- --only hardening   or: node --import tsx bench/hardening.ts [--duration 30]
// [--no-reload] [--no-sparql]. The two switches attribute the memory criterion: they leave out
// the edits (no reload) or every SPARQL request (the mixed ones, poisoned and fast queries).
// "Memory back within 20%" compares the server's whole RSS (main thread and every worker, from
// /proc) at two points: start = 2 s after `serve` said "Watching" and one /sitemap.xml, before
// any query, so no query worker exists yet; end = 35 s after the load stopped and the last
// reload ended, longer than the idle timeouts (30 s) of the query workers and of the dataset
// worker, so the query workers that grew under load have been ended down to the one the engine
// keeps, and the dataset worker (which grew under the reloads) has been ended. No GC is forced:
// the figure is what an idle server holds. RSS every 5 s of that pause and the thread count
// are printed too, to see which thread's end gave the memory back.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadReport } from './hardening-load.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/**
 * "Responsive throughout": every /robots.txt probe answered 200, none slower than this. The
 * issue's failures were 11.6 s (a SPARQL body on the main thread) and 23 s (a reload); the
 * probe's worst under this load was 1.9 s with the machine's load average at 20 on 2 cores.
 */
const ROBOTS_MAX_LATENCY_MS = 5_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options for {@link benchHardening}. */
export interface HardeningOptions {
  durationSeconds?: number;
  connections?: number;
  slowloris?: number;
  /** Leave out the edit every second, so no reload runs (default false). */
  noReload?: boolean;
  /** Leave out every SPARQL request: mixed, poisoned and fast (default false). */
  noSparql?: boolean;
}

/** The figures of one run, and whether each criterion passed. */
export interface HardeningResult {
  durationSeconds: number;
  connections: number;
  /** Whether the data was edited every second and SPARQL asked (see the switches above). */
  parts: { reloads: boolean; sparql: boolean };
  load: LoadReport;
  fiveHundreds: { non503: number; status503: number; byStatus: Record<string, number> };
  fastQueries: { asked: number; answered: number; statuses: Record<string, number> };
  robots: { probes: number; failed: number; maxLatencyMs: number; p99LatencyMs: number };
  poisoned: { sent: number; statuses: Record<string, number>; maxLatencyMs: number };
  slowloris: { opened: number; cut: number; maxLifetimeMs: number };
  reloads: { edits: number; seen: number; refused: number };
  rssMb: { start: number; peak: number; end: number };
  /** RSS every 5 s of the pause after the load (MB), to see when memory goes back. */
  settleRssMb: number[];
  /** The server's threads (main, libuv, V8 and every worker's) at start and end, from /proc. */
  threads: { start: number; end: number };
  shutdownMs: number;
  stderrLines: string[];
  pass: {
    no5xxButDocumented503: boolean;
    fastQueriesAnswered: boolean;
    responsive: boolean;
    memoryBack: boolean;
  };
}

function procStatus(pid: number, field: string): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const value = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1];
  return value === undefined ? Number.NaN : Number(value);
}

function rssMb(pid: number): number {
  // Linux: the resident set of the whole process (main thread and query workers).
  return procStatus(pid, 'VmRSS') / 1024;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

function tally(counts: Record<string, number>, key: number | string): void {
  counts[String(key)] = (counts[String(key)] ?? 0) + 1;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Starts `serve --watch` in `dir`; resolves once it watches, with its output counters. */
async function startServer(dir: string, port: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      path.join(REPO, 'src/bin.ts'),
      'serve',
      '--port',
      String(port),
      '--watch',
      '--quiet',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = { out: '', err: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.err += chunk));
  const deadline = Date.now() + 180_000;
  while (!output.out.includes('Watching')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`serve did not start: ${output.out}${output.err}`);
    await pause(100);
  }
  return { child, output };
}

function mixedRequests(paths: readonly string[], withSparql: boolean): LoadPlan['requests'] {
  const formats = [
    'text/html',
    'text/turtle',
    'application/ld+json',
    'application/n-triples',
    'application/rdf+xml',
  ];
  const requests: LoadPlan['requests'] = [];
  paths.forEach((documentPath, index) => {
    requests.push({
      method: 'GET',
      path: documentPath,
      headers: {
        accept: formats[index % formats.length] ?? 'text/html',
        'accept-encoding': 'gzip',
      },
    });
  });
  const sparql = [
    'ASK { ?s ?p ?o }',
    'SELECT ?name WHERE { ?x <http://schema.org/name> ?name } LIMIT 10',
    'SELECT * WHERE { ?s ?p ?o }',
    'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50',
  ];
  for (const query of withSparql ? sparql : []) {
    requests.push({
      method: 'GET',
      path: `/sparql?query=${encodeURIComponent(query)}`,
      headers: { accept: 'application/sparql-results+json, text/turtle;q=0.9' },
    });
  }
  requests.push({ method: 'GET', path: '/robots.txt', headers: {} });
  requests.push({ method: 'GET', path: '/sitemap.xml', headers: {} });
  return requests;
}

/** Runs the load test; the server is a child process, killed at the end whatever happens. */
export async function benchHardening(options: HardeningOptions = {}): Promise<HardeningResult> {
  const durationSeconds = options.durationSeconds ?? 30;
  const connections = options.connections ?? 200;
  const slowlorisCount = options.slowloris ?? 50;
  const withReloads = options.noReload !== true;
  const withSparql = options.noSparql !== true;
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-hardening-'));
  let server: ChildProcess | undefined;
  try {
    await cp(path.join(REPO, 'data'), path.join(dir, 'data'), { recursive: true });
    await cp(path.join(REPO, 'shapes'), path.join(dir, 'shapes'), { recursive: true });
    await cp(
      path.join(REPO, 'profile-graph.config.json'),
      path.join(dir, 'profile-graph.config.json'),
    );
    const port = await freePort();
    const origin = `http://127.0.0.1:${String(port)}`;
    const started = await startServer(dir, port);
    server = started.child;
    const pid = server.pid ?? 0;
    const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (match) => new URL(match[1] ?? '/').pathname,
    );
    await pause(2_000);
    const rss = { start: rssMb(pid), peak: 0, end: 0 };
    const threads = { start: procStatus(pid, 'Threads'), end: 0 };
    rss.peak = rss.start;

    const state = { running: true };
    const loops: Promise<void>[] = [];
    const fiveHundreds: Record<string, number> = {};
    const note5xx = (status: number) => {
      if (status >= 500) tally(fiveHundreds, status);
    };

    // Memory, four times a second.
    loops.push(
      (async () => {
        while (state.running) {
          rss.peak = Math.max(rss.peak, rssMb(pid));
          await pause(250);
        }
      })(),
    );

    // The responsiveness probe: /robots.txt every 100 ms.
    const robots = { probes: 0, failed: 0, latencies: [] as number[] };
    loops.push(
      (async () => {
        while (state.running) {
          const sent = performance.now();
          const status = await fetch(`${origin}/robots.txt`, {
            signal: AbortSignal.timeout(30_000),
          })
            .then(async (reply) => {
              await reply.arrayBuffer();
              return reply.status;
            })
            .catch(() => 0);
          robots.latencies.push(performance.now() - sent);
          robots.probes += 1;
          if (status !== 200) robots.failed += 1;
          note5xx(status);
          await pause(100);
        }
      })(),
    );

    // A reload every second: an editor's save of a data file under --watch.
    const reloads = { edits: 0 };
    const edited = path.join(dir, 'data/organizations/amazon.jsonld');
    const original = await readFile(edited, 'utf8');
    loops.push(
      (async () => {
        while (state.running && withReloads) {
          reloads.edits += 1;
          await writeFile(
            `${edited}.tmp`,
            original.replace('"Amazon"', `"Amazon ${String(reloads.edits)}"`),
          );
          await rename(`${edited}.tmp`, edited);
          await pause(1_000);
        }
      })(),
    );

    // Slowloris: connections that send a header byte per second and never finish the head.
    const slowloris = { opened: 0, cut: 0, lifetimes: [] as number[] };
    const sockets = new Set<Socket>();
    const openSlow = () => {
      if (!state.running) return;
      const socket = connect(port, '127.0.0.1');
      const opened = performance.now();
      slowloris.opened += 1;
      sockets.add(socket);
      let timer: NodeJS.Timeout | undefined;
      socket.on('error', () => undefined);
      socket.on('data', () => undefined);
      socket.once('connect', () => {
        socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        timer = setInterval(() => socket.write('a'), 1_000);
      });
      socket.once('close', () => {
        clearInterval(timer);
        sockets.delete(socket);
        if (!state.running) return;
        slowloris.cut += 1;
        slowloris.lifetimes.push(performance.now() - opened);
        openSlow();
      });
    };
    for (let index = 0; index < slowlorisCount; index += 1) openSlow();

    // Poisoned queries, one every 500 ms.
    const poisoned = { sent: 0, statuses: {} as Record<string, number>, latencies: [] as number[] };
    const nested = `ASK ${'{'.repeat(1_000)} ?s ?p ?o ${'}'.repeat(1_000)}`;
    const dotted = `SELECT * WHERE { ?s ?p a${'.'.repeat(100_000)}b }`;
    loops.push(
      (async () => {
        while (state.running && withSparql) {
          const body = poisoned.sent % 2 === 0 ? nested : dotted;
          poisoned.sent += 1;
          const sent = performance.now();
          const status = await fetch(`${origin}/sparql`, {
            method: 'POST',
            headers: {
              'content-type': 'application/sparql-query',
              accept: 'application/sparql-results+json',
            },
            body,
            signal: AbortSignal.timeout(60_000),
          })
            .then(async (reply) => {
              await reply.arrayBuffer();
              return reply.status;
            })
            .catch(() => 0);
          poisoned.latencies.push(performance.now() - sent);
          tally(poisoned.statuses, status);
          note5xx(status);
          await pause(500);
        }
      })(),
    );

    // Ten fast queries at once, every second: each must be answered (200).
    const fast = { asked: 0, answered: 0, statuses: {} as Record<string, number> };
    const fastQuery = encodeURIComponent('ASK { ?s a <http://schema.org/Person> }');
    loops.push(
      (async () => {
        while (state.running && withSparql) {
          await Promise.all(
            Array.from({ length: 10 }, async () => {
              fast.asked += 1;
              const status = await fetch(`${origin}/sparql?query=${fastQuery}`, {
                headers: { accept: 'application/sparql-results+json' },
                signal: AbortSignal.timeout(30_000),
              })
                .then(async (reply) => {
                  await reply.arrayBuffer();
                  return reply.status;
                })
                .catch(() => 0);
              tally(fast.statuses, status);
              if (status === 200) fast.answered += 1;
              note5xx(status);
            }),
          );
          await pause(1_000);
        }
      })(),
    );

    const loadChild = fork(fileURLToPath(new URL('./hardening-load.ts', import.meta.url)), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const plan: LoadPlan = {
      origin,
      connections,
      durationSeconds,
      requests: mixedRequests(paths, withSparql),
    };
    const load = await new Promise<LoadReport>((resolve, reject) => {
      loadChild.once('message', (report: LoadReport) => {
        resolve(report);
      });
      loadChild.once('exit', (code) => {
        reject(new Error(`the load process exited (${String(code)}) without a report`));
      });
      loadChild.send(plan);
    });
    state.running = false;
    for (const socket of sockets) socket.destroy();
    await Promise.all(loops);
    for (const [status, count] of Object.entries(load.statusCounts))
      if (Number(status) >= 500) fiveHundreds[status] = (fiveHundreds[status] ?? 0) + count;

    // Memory after the load has stopped, the last reload has settled and the idle query
    // workers have been ended (the engine's idle timeout is 30 s).
    // A reload still running when the load stops (one takes seconds on a loaded machine) would
    // leave the dataset worker busy into the pause: the pause starts once every reload the
    // server began has ended (at most 60 s), so both idle timeouts (30 s) have run out by the end.
    const reloadsEnded = () =>
      (started.output.out.match(/^Reloaded after/gm)?.length ?? 0) +
      (started.output.err.match(/still serving the last valid data/gi)?.length ?? 0);
    const reloadsBegun = () => started.output.out.match(/^Reloading after/gm)?.length ?? 0;
    const lastReloadBy = Date.now() + 60_000;
    while (reloadsEnded() < reloadsBegun() && Date.now() < lastReloadBy) await pause(100);
    const settleRssMb: number[] = [];
    for (let waited = 0; waited < 35_000; waited += 5_000) {
      await pause(5_000);
      settleRssMb.push(rssMb(pid));
    }
    rss.end = rssMb(pid);
    threads.end = procStatus(pid, 'Threads');
    const stopping = performance.now();
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    const shutdownMs = performance.now() - stopping;
    server = undefined;

    const seen = started.output.out.match(/^Reloaded after/gm)?.length ?? 0;
    const refused = started.output.err.match(/^Reload (refused|failed)/gm)?.length ?? 0;
    const non503 = Object.entries(fiveHundreds)
      .filter(([status]) => status !== '503')
      .reduce((sum, [, count]) => sum + count, 0);
    return {
      durationSeconds,
      connections,
      parts: { reloads: withReloads, sparql: withSparql },
      load,
      fiveHundreds: { non503, status503: fiveHundreds['503'] ?? 0, byStatus: fiveHundreds },
      fastQueries: fast,
      robots: {
        probes: robots.probes,
        failed: robots.failed,
        maxLatencyMs: Math.max(0, ...robots.latencies),
        p99LatencyMs: percentile(robots.latencies, 99),
      },
      poisoned: {
        sent: poisoned.sent,
        statuses: poisoned.statuses,
        maxLatencyMs: Math.max(0, ...poisoned.latencies),
      },
      slowloris: {
        opened: slowloris.opened,
        cut: slowloris.cut,
        maxLifetimeMs: Math.max(0, ...slowloris.lifetimes),
      },
      reloads: { edits: reloads.edits, seen, refused },
      rssMb: rss,
      settleRssMb,
      threads,
      shutdownMs,
      stderrLines: started.output.err.split('\n').filter(Boolean).slice(0, 20),
      pass: {
        no5xxButDocumented503: non503 === 0,
        fastQueriesAnswered: fast.answered === fast.asked,
        responsive:
          robots.failed === 0 && Math.max(0, ...robots.latencies) <= ROBOTS_MAX_LATENCY_MS,
        memoryBack: rss.end <= rss.start * 1.2,
      },
    };
  } finally {
    server?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

export function printHardening(result: HardeningResult): void {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([status, count]) => `${status}×${String(count)}`)
      .join(' ') || '-';
  console.log(
    `\nHardening load: ${String(result.durationSeconds)} s, ${String(result.connections)} connections, mixed formats${result.parts.sparql ? ' + SPARQL' : ' (no SPARQL)'}, ${result.parts.reloads ? 'reload every second' : 'no reloads'}, slowloris${result.parts.sparql ? ', poisoned queries' : ''}`,
  );
  console.log(
    `  load          ${String(result.load.requests)} requests, statuses ${counts(result.load.statusCounts)}, ${String(result.load.errors)} errors (${String(result.load.timeouts)} timeouts), p99 ${String(result.load.p99Ms)} ms`,
  );
  console.log(
    `  5xx           ${String(result.fiveHundreds.non503)} other than 503; 503×${String(result.fiveHundreds.status503)} (${counts(result.fiveHundreds.byStatus)})`,
  );
  console.log(
    `  fast queries  ${String(result.fastQueries.answered)}/${String(result.fastQueries.asked)} answered (${counts(result.fastQueries.statuses)})`,
  );
  console.log(
    `  /robots.txt   ${String(result.robots.probes)} probes, ${String(result.robots.failed)} failed, max ${result.robots.maxLatencyMs.toFixed(0)} ms, p99 ${result.robots.p99LatencyMs.toFixed(0)} ms`,
  );
  console.log(
    `  poisoned      ${String(result.poisoned.sent)} sent (${counts(result.poisoned.statuses)}), slowest ${result.poisoned.maxLatencyMs.toFixed(0)} ms`,
  );
  console.log(
    `  slowloris     ${String(result.slowloris.opened)} opened, ${String(result.slowloris.cut)} cut by the server, longest lived ${(result.slowloris.maxLifetimeMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  reloads       ${String(result.reloads.edits)} edits, ${String(result.reloads.seen)} reloads logged, ${String(result.reloads.refused)} refused/failed`,
  );
  console.log(
    `  RSS           start ${result.rssMb.start.toFixed(0)} MB, peak ${result.rssMb.peak.toFixed(0)} MB, end ${result.rssMb.end.toFixed(0)} MB (35 s after the load and the last reload; every 5 s: ${result.settleRssMb.map((mb) => mb.toFixed(0)).join(' ')}), ratio ${(result.rssMb.end / result.rssMb.start).toFixed(2)}; threads ${String(result.threads.start)} → ${String(result.threads.end)}`,
  );
  console.log(`  shutdown      SIGTERM to exit ${result.shutdownMs.toFixed(0)} ms`);
  if (result.stderrLines.length > 0)
    console.log(`  server stderr (first lines):\n    ${result.stderrLines.join('\n    ')}`);
  console.log(
    `  ${mark(result.pass.no5xxButDocumented503)} 0 5xx other than 503   ${mark(result.pass.fastQueriesAnswered)} every fast query answered   ${mark(result.pass.responsive)} /robots.txt always answered, max ≤ ${String(ROBOTS_MAX_LATENCY_MS)} ms   ${mark(result.pass.memoryBack)} memory back within 20%`,
  );
  const failed = [
    result.pass.no5xxButDocumented503 ? undefined : '5xx',
    result.pass.fastQueriesAnswered ? undefined : 'fast queries',
    result.pass.responsive ? undefined : 'responsiveness',
    result.pass.memoryBack ? undefined : 'memory',
  ].filter((each) => each !== undefined);
  // One line to grep in a run's log.
  console.log(
    `  verdict: ${failed.length === 0 ? 'PASS' : `FAIL (${failed.join(', ')})`}, /robots.txt max ${result.robots.maxLatencyMs.toFixed(0)} ms`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--duration');
  const duration = at > 0 ? Number(process.argv[at + 1]) : 30;
  printHardening(
    await benchHardening({
      durationSeconds: duration,
      noReload: process.argv.includes('--no-reload'),
      noSparql: process.argv.includes('--no-sparql'),
    }),
  );
}
