// `push` into a real store (Debian's Virtuoso, started as the tests start it): for each size of
// synthetic people directory, the wall time and peak RSS of a first push (chunked, staged,
// swapped) and of a second one (compared, nothing sent), each a fresh `profile-graph push`
// process whose VmHWM is sampled from /proc. Skipped, saying why, without virtuoso-t.
// Run: npm run bench -- --only push [-- --sizes 1000,10000]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVirtuoso, virtuosoMissing } from '../test/support/virtuoso.js';
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

/** The rows, or why there are none. */
export type PushBench = { rows: PushRow[] } | { skipped: string };

/** Measures push at each size (default 10,000 people). */
export async function benchPush(sizes: readonly number[] = [10_000]): Promise<PushBench> {
  const missing = virtuosoMissing();
  if (missing !== undefined) return { skipped: missing };
  // Raised so the comparison can list a whole 100,000-people graph (about 2 million triples).
  const store = await startVirtuoso({ maxRows: 5_000_000 });
  const rows: PushRow[] = [];
  try {
    for (const people of sizes) {
      const dir = await mkdtemp(path.join(tmpdir(), 'profile-graph-bench-push-'));
      try {
        await generateProfile(dir, { people });
        for (const run of ['first', 'second'] as const) {
          rows.push({ people, run, ...(await pushOnce(dir, store)) });
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await store.stop();
  }
  return { rows };
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
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const stop = samplePeakRss(child.pid ?? 0);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const peakRssBytes = stop();
  if (code !== 0) throw new Error(`push exited ${String(code)}: ${out}`);
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
}
