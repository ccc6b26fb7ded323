// Latency of GET /robots.txt while the server reloads a pathological profile (issue #15 item
// 3): the reload run on the serving thread (as before) against the reload run in the pipeline
// worker (serve today). The data is the bundled profile plus one pathological case of
// bench/pathological.ts (default: 5,000 inline nodes failing SHACL). During each reload, one
// client sends requests back to back; the table shows how long the reload took and how long
// the requests waited. The client shares the server's thread, as a sibling request would.
// Run: node --import tsx bench/reload.ts [--case shacl-inline] [--rounds 2]
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatasetWorker, runPipelineInWorker } from '../src/pipeline/dataset-in-worker.js';
import {
  buildDataset,
  locateProject,
  openLocatedProject,
  runPipeline,
  type DatasetOutcome,
} from '../src/pipeline/run-pipeline.js';
import { createApp } from '../src/serve/app.js';
import { startServer, stopServer } from '../src/serve/server.js';
import type { SiteRef } from '../src/publish/site-ref.js';
import { PATHOLOGICAL_CASES } from './pathological.js';

/** One way of reloading, measured over its rounds. */
export interface ReloadResult {
  mode: 'in-thread' | 'worker';
  case: string;
  rounds: number;
  /** Median reload time. */
  reloadMs: number;
  requests: number;
  /** Requests that got no answer or not a 200. */
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Measures both modes on the same server and data. */
export async function benchReload(
  options: { caseName?: string; rounds?: number } = {},
): Promise<ReloadResult[]> {
  const caseName = options.caseName ?? 'shacl-inline';
  const rounds = options.rounds ?? 2;
  const pathological = PATHOLOGICAL_CASES.find((each) => each.name === caseName);
  if (!pathological) throw new Error(`no pathological case "${caseName}"`);
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const root = await mkdtemp(path.join(tmpdir(), 'pg-bench-reload-'));
  const worker = createDatasetWorker();
  try {
    await cp(path.join(repo, 'data'), path.join(root, 'data'), { recursive: true });
    await cp(path.join(repo, 'shapes'), path.join(root, 'shapes'), { recursive: true });
    await cp(
      path.join(repo, 'profile-graph.config.json'),
      path.join(root, 'profile-graph.config.json'),
    );
    const location = await locateProject({}, { cwd: root, env: {} });
    const first = await runPipeline(await openLocatedProject(location));
    if (!first.ok) throw new Error('the bundled profile must be valid');
    await mkdir(path.join(root, 'data/pathological'));
    for (const [file, text] of Object.entries(pathological.files()))
      await writeFile(path.join(root, 'data/pathological', file), text);

    const siteRef: SiteRef = { current: first.site };
    const server = await startServer(siteRef, createApp(siteRef), { port: 0, host: '127.0.0.1' });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${String(port)}/robots.txt`;
    const results: ReloadResult[] = [];
    try {
      const modes: [ReloadResult['mode'], () => Promise<DatasetOutcome>][] = [
        // As serve reloaded before: on the thread that answers requests.
        ['in-thread', () => openLocatedProject(location).then((project) => buildDataset(project))],
        ['worker', () => runPipelineInWorker(worker, location)],
      ];
      for (const [mode, reload] of modes) {
        // One reload first, unmeasured: the worker starts, caches warm.
        await reload();
        const latencies: number[] = [];
        const reloads: number[] = [];
        let failed = 0;
        for (let round = 0; round < rounds; round++) {
          const state = { done: false };
          const started = performance.now();
          const reloading = reload().finally(() => {
            state.done = true;
          });
          while (!state.done) {
            const sent = performance.now();
            try {
              const reply = await fetch(url);
              await reply.arrayBuffer();
              if (!reply.ok) failed++;
            } catch {
              // A request the server dropped (its timeouts ran out while the thread was held).
              failed++;
            }
            latencies.push(performance.now() - sent);
          }
          await reloading;
          reloads.push(performance.now() - started);
        }
        latencies.sort((a, b) => a - b);
        reloads.sort((a, b) => a - b);
        const at = (share: number) =>
          Math.round(
            latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0,
          );
        results.push({
          mode,
          case: pathological.what,
          rounds,
          reloadMs: Math.round(reloads[Math.floor(reloads.length / 2)] ?? 0),
          requests: latencies.length,
          failed,
          p50Ms: at(0.5),
          p99Ms: at(0.99),
          maxMs: Math.round(latencies.at(-1) ?? 0),
        });
        console.error(`reload: ${mode} done`);
      }
    } finally {
      await stopServer(server);
    }
    return results;
  } finally {
    await worker.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** Prints the results as a table. */
export function printReload(results: readonly ReloadResult[]): void {
  console.log(
    '\nGET /robots.txt during reloads of a pathological profile (same server, same data)',
  );
  console.table(
    results.map((r) => ({
      reload: r.mode,
      case: r.case,
      'reload ms (median)': r.reloadMs,
      requests: r.requests,
      failed: r.failed,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'max ms': r.maxMs,
    })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { case: { type: 'string' }, rounds: { type: 'string' } },
  });
  printReload(
    await benchReload({
      ...(values.case === undefined ? {} : { caseName: values.case }),
      ...(values.rounds === undefined ? {} : { rounds: Number(values.rounds) }),
    }),
  );
}
