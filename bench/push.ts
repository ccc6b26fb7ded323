// `push` into a real store (Debian's Virtuoso, started as the tests start it): for each size of
// synthetic people directory, the wall time and peak RSS of a first push (chunked, staged,
// swapped) and of a second one (compared, nothing sent), each a fresh `profile-graph push`
// process whose VmHWM is sampled from /proc. Then the first query's latency through `serve
// --sparql-endpoint` (the pushed store answers) against today's in-process engine (the graph
// loads into the query workers on that first query), each in a fresh `serve` process.
// Skipped, saying why, without virtuoso-t.
// Run: npm run bench -- --only push [-- --sizes 1000,10000]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVirtuoso, virtuosoMissing } from '../test/support/virtuoso.js';
import { EXAMPLE_QUERIES } from '../src/sparql/examples.js';
import { generateProfile } from './generate.js';
import { samplePeakRss } from './scale-child.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One measured push. */
export interface PushRow {
  people: number;
  run: 'first' | 'second';
  ms: number;
  peakRssBytes: number | undefined;
  /** The command's last stdout line ("Pushed N triples …" or "… is up to date …"). */
  said: string;
}

/** The first query through one `serve` process. */
export interface FirstQueryRow {
  people: number;
  engine: 'in-process' | 'store';
  /** From spawning `serve` to its "Serving" line (validation and publishing). */
  startMs: number;
  /** From sending the first query to the end of its answer. */
  firstQueryMs: number;
  /** The same query again: the engine is warm. */
  secondQueryMs: number;
  /** Peak RSS of the serve process over start and both queries. */
  peakRssBytes: number | undefined;
  /** Rows in the answer (both engines must agree). */
  rows: number;
}

/** The rows, or why there are none. */
export type PushBench = { rows: PushRow[]; queries: FirstQueryRow[] } | { skipped: string };

/**
 * The first query: every type with its number of things, which reads the whole graph (a
 * selective query would measure the store's index, not the in-process engine's loading).
 */
const FIRST_QUERY = EXAMPLE_QUERIES.find((each) => each.id === 'types')?.query ?? '';

/** Measures push at each size (default 10,000 people). */
export async function benchPush(sizes: readonly number[] = [10_000]): Promise<PushBench> {
  const missing = virtuosoMissing();
  if (missing !== undefined) return { skipped: missing };
  // Raised so the comparison can list a whole 100,000-people graph (about 2 million triples).
  // A transaction big enough to replace the 100,000-people graph (2 million triples) at once.
  // And no time bound on one request: Debian's 60 s stops that MOVE with SR171.
  const store = await startVirtuoso({
    maxRows: 5_000_000,
    transactionBytes: 2_000_000_000,
    queryExecutionSeconds: 0,
  });
  const rows: PushRow[] = [];
  const queries: FirstQueryRow[] = [];
  try {
    for (const people of sizes) {
      const dir = await mkdtemp(path.join(tmpdir(), 'profile-graph-bench-push-'));
      try {
        await generateProfile(dir, { people });
        // The figures the issue asks for first, and each said as it is measured: at 100,000
        // people on a shared machine a run may have to be cut short.
        rows.push(said({ people, run: 'first', ...(await pushOnce(dir, store)) }));
        for (const engine of ['store', 'in-process'] as const) {
          queries.push(said({ people, engine, ...(await firstQuery(dir, engine, store.sparql)) }));
        }
        rows.push(said({ people, run: 'second', ...(await pushOnce(dir, store)) }));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await store.stop();
  }
  return { rows, queries };
}

function said<T>(row: T): T {
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

/** Starts `serve` on the directory, times its first two queries, and stops it. */
async function firstQuery(
  dir: string,
  engine: FirstQueryRow['engine'],
  endpoint: string,
): Promise<Omit<FirstQueryRow, 'people' | 'engine'>> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/bin.ts',
      'serve',
      '--config',
      path.join(dir, 'profile-graph.config.json'),
      '--port',
      '0',
      '--quiet',
      // Loading 100,000 people into the workers takes tens of seconds: measured, not cut off.
      '--sparql-timeout',
      '600000',
      ...(engine === 'store' ? ['--sparql-endpoint', endpoint] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = samplePeakRss(child.pid ?? 0);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /Serving .* at (http:\/\/\S+?)\//.exec(out)?.[1];
        if (found !== undefined) resolve(found);
      });
      void exited.then((code) => {
        reject(new Error(`serve exited ${String(code)}: ${out}${err}`));
      });
    });
    const startMs = performance.now() - started;
    const first = await timedQuery(origin);
    const second = await timedQuery(origin);
    if (first.rows !== second.rows) throw new Error('the two queries disagree');
    return {
      startMs,
      firstQueryMs: first.ms,
      secondQueryMs: second.ms,
      peakRssBytes: stop(),
      rows: first.rows,
    };
  } finally {
    stop();
    child.kill('SIGTERM');
    await exited;
  }
}

async function timedQuery(origin: string): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const response = await fetch(`${origin}/sparql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/sparql-query',
      Accept: 'application/sparql-results+json',
    },
    body: FIRST_QUERY,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`query answered ${String(response.status)}: ${text}`);
  const rows = (JSON.parse(text) as { results: { bindings: unknown[] } }).results.bindings.length;
  return { ms, rows };
}

async function pushOnce(
  dir: string,
  store: { graphStore: string; sparql: string; update: string; user: string; password: string },
): Promise<Omit<PushRow, 'people' | 'run'>> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/bin.ts',
      'push',
      '--config',
      path.join(dir, 'profile-graph.config.json'),
      '--store',
      store.graphStore,
      '--query-endpoint',
      store.sparql,
      '--update-endpoint',
      store.update,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PROFILE_GRAPH_STORE_USER: store.user,
        PROFILE_GRAPH_STORE_PASSWORD: store.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = samplePeakRss(child.pid ?? 0);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  // The diagnostics of a failed push are on stderr: kept (the last 4 KB) so the bench says why.
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-4096);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const peakRssBytes = stop();
  if (code !== 0) throw new Error(`push exited ${String(code)}: ${out}${err}`);
  return {
    ms: performance.now() - started,
    peakRssBytes,
    said: out.trim().split('\n').pop() ?? '',
  };
}

/** Prints the rows as a table. */
export function printPush(result: PushBench): void {
  console.log('\n## push into Virtuoso (validate + compare + send, one process each)');
  if ('skipped' in result) {
    console.log(`skipped: ${result.skipped}`);
    return;
  }
  console.log('people   run     wall s   peak RSS MB   result');
  for (const row of result.rows) {
    const rss = row.peakRssBytes === undefined ? '?' : (row.peakRssBytes / 2 ** 20).toFixed(0);
    console.log(
      `${String(row.people).padStart(7)}  ${row.run.padEnd(6)}  ${(row.ms / 1000).toFixed(1).padStart(6)}   ${rss.padStart(11)}   ${row.said}`,
    );
  }
  console.log('\n## first query through serve: store (--sparql-endpoint) vs in-process');
  console.log(
    'people   engine       start s   first query s   second query s   peak RSS MB   rows',
  );
  for (const row of result.queries) {
    const rss = row.peakRssBytes === undefined ? '?' : (row.peakRssBytes / 2 ** 20).toFixed(0);
    console.log(
      `${String(row.people).padStart(7)}  ${row.engine.padEnd(10)}  ${(row.startMs / 1000).toFixed(1).padStart(7)}   ${(row.firstQueryMs / 1000).toFixed(2).padStart(13)}   ${(row.secondQueryMs / 1000).toFixed(2).padStart(14)}   ${rss.padStart(11)}   ${String(row.rows).padStart(4)}`,
    );
  }
}
