// Scale benchmark: how validate, build and serve grow with the data. For each size of a
// synthetic people directory (bench/generate.ts, seed 42, about 21 triples per person) it runs
// the built CLI (dist/bin.js) in a fresh process per measurement and records wall time, peak
// RSS and the stage split each command reports with `--timings FILE`; while `serve` runs it
// times the SPARQL endpoint (bench/scale-queries.ts) and, at the largest size up to 10,000
// people, the hot path: autocannon on one person's Turtle against this server and against a
// minimal node:http server returning the same bytes (bench/scale-raw-target.ts), side by side.
// Prints tables (times, stages, growth between sizes, SPARQL, hot path) and writes
// bench/results/scale-<time>.json. Progress goes to stderr.
// Run: node --import tsx bench/scale.ts [--full] [--sizes 10,1000] [--build-max N] [--keep] [--no-build] [--no-serve]
//        [--timeout SECONDS] [--duration SECONDS]
//   default sizes 10, 1000, 10000 people; --full adds 100000; --timeout per command (600);
//   --duration per autocannon row (5); --keep leaves the generated folders in the temp dir;
//   --print FILE prints the tables of an earlier run's JSON.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { TIMING_STAGES } from '../src/cli/timings.js';
import { generateProfile } from './generate.js';
import {
  ChildGroup,
  describeExit,
  readPeakRss,
  readTimings,
  samplePeakRss,
  type Exit,
  type RunningChild,
  type Timings,
} from './scale-child.js';
import { samplePerson, SCALE_QUERIES } from './scale-queries.js';
import type { RecordedResponse } from './scale-raw-target.js';

/** The CLI commands measured, in the order they run at each size. */
export type Command = 'validate' | 'build' | 'serve';
const COMMANDS: readonly Command[] = ['validate', 'build', 'serve'];

/** Stage names the CLI reports, in the order it runs them; others print after these. */
export const STAGE_ORDER: readonly string[] = TIMING_STAGES;

export const DEFAULT_SIZES: readonly number[] = [10, 1000, 10_000];
const FULL_SIZE = 100_000;
/** The hot path is measured at the largest size up to this many people. */
const HOT_PATH_MAX_PEOPLE = 10_000;
/** A growth ratio above this many times the data's growth (12 for 10× the data) is marked. */
const GROWTH_MARK = 1.2;
/** Stages shorter than this at the larger size are too small for their ratio to mean much. */
const GROWTH_NOISE_MS = 100;
const SPARQL_RUNS = 5;
const SEED = 42;

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(REPO, 'dist', 'bin.js');
const RAW_TARGET = fileURLToPath(new URL('./scale-raw-target.ts', import.meta.url));
const SERVING = /^Serving (\d+) documents \((\d+) triples.* at http:\/\/[^\s/]+:(\d+)\/ for /;

/** Options for {@link benchScale}. */
export interface ScaleOptions {
  /** People per size, run in increasing order (default {@link DEFAULT_SIZES}). */
  sizes?: readonly number[];
  /** Adds 100,000 people to the sizes. */
  full?: boolean;
  /** Skips `build` at sizes above this many people (a static export of 100,000 takes long). */
  buildMaxPeople?: number;
  /** Leave the generated folders (and the export) in the temp dir. */
  keep?: boolean;
  /** Compile dist/ first with `tsc -p tsconfig.build.json` (default true). */
  build?: boolean;
  /** Time limit per command (default 10 minutes); for serve, until the first response. */
  timeoutMs?: number;
  /** Seconds per autocannon row of the hot-path comparison (default 5). */
  durationSeconds?: number;
  /** Run and time `serve` at each size (default true; `--no-serve` measures validate and build only). */
  serve?: boolean;
  /** Write bench/results/scale-<time>.json (default true). */
  write?: boolean;
  /** Where progress lines go (default stderr). */
  progress?: (line: string) => void;
}

/** One generated size. */
export interface DatasetRow {
  people: number;
  files: number;
  documents: number;
  /** Triples the data has, as validate (or serve) counts them; undefined if neither said. */
  triples?: number;
  generateMs: number;
}

/** One command at one size. */
export interface CommandRow {
  people: number;
  command: Command;
  ok: boolean;
  /**
   * Measured by the harness: validate and build from spawn to exit; serve from spawn until
   * the first GET / (text/html) has been answered 200 in full ("start").
   */
  wallMs: number;
  /** `exit 0`, `exit 1`, `timeout`, `SIGKILL`, … */
  status: string;
  exitCode: number | null;
  timedOut: boolean;
  /** Peak RSS: the command's own report, or for serve /proc VmHWM after the first response. */
  peakRssBytes?: number;
  peakRssSource?: 'timings' | 'proc';
  /** The command's `--timings` report, when it wrote one. */
  timings?: Timings;
  /** Why the row failed, or what is missing (e.g. no timings report). */
  notes: string[];
  /** The child's last stderr lines, when it failed. */
  stderr?: string[];
  /** build: what it wrote. */
  output?: { files: number; bytes: number; documents?: number };
  /**
   * A variant of the command, shown in place of its name (`build netlify`, `build incr`); the
   * growth table reads only the rows without one.
   */
  label?: string;
  /** serve: SIGTERM to exit. */
  shutdown?: { ms: number; status: string };
}

/** One SPARQL query at one size: median of {@link SPARQL_RUNS} runs after one warm-up. */
export interface SparqlRow {
  people: number;
  id: string;
  status: number;
  /** The warm-up (for the first query: also starts the worker and loads the data). */
  firstMs: number;
  medianMs: number;
  runsMs: number[];
  /** Rows (SELECT) or 1 (ASK) in the answer. */
  results?: number;
  error?: string;
}

/** One autocannon row of the hot-path comparison. */
export interface HotPathRow {
  server: 'profile-graph' | 'node:http';
  connections: number;
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

/** The hot-path comparison at one size. */
export interface HotPath {
  people: number;
  path: string;
  /** Body bytes of the response (gzip). */
  bytes: number;
  durationSeconds: number;
  rows: HotPathRow[];
  error?: string;
}

/** One growth ratio: a metric at the larger size ÷ at the smaller. */
export interface GrowthRow {
  command: Command;
  /** The variant (`validate incr`, `build incr`), when the row is not the command's cold run. */
  label?: string;
  /** `wall`, `peak RSS`, or a stage name. */
  metric: string;
  from: number;
  to: number;
  ratio: number;
  /** Above {@link GROWTH_MARK} × the data's growth (and not in the noise). */
  marked: boolean;
}

/** Everything one run measured. */
export interface ScaleResult {
  startedAt: string;
  finishedAt: string;
  node: string;
  cpus: number;
  commit?: string;
  sizes: number[];
  timeoutMs: number;
  /** Whether each command's --help offered `--timings` (else its stages are missing). */
  timingsFlag: Record<Command, boolean>;
  datasets: DatasetRow[];
  commands: CommandRow[];
  growth: GrowthRow[];
  sparql: SparqlRow[];
  hotPath?: HotPath;
  /** Where the JSON was written. */
  file?: string;
}

/** Shared by the measurements of one run. */
interface Context {
  group: ChildGroup;
  timeoutMs: number;
  durationSeconds: number;
  timingsFlag: Record<Command, boolean>;
  progress: (line: string) => void;
}

/**
 * Runs the scale benchmark: for each size, generates the data, then runs validate, build and
 * serve in child processes (see the header). A command that fails or times out is recorded as
 * failed and the run goes on; what throws is a failure of the harness itself (the compile, the
 * generator), after killing every child it started.
 */
export async function benchScale(options: ScaleOptions = {}): Promise<ScaleResult> {
  const progress =
    options.progress ??
    ((line: string) => {
      process.stderr.write(`${line}\n`);
    });
  const sizes = [
    ...new Set([...(options.sizes ?? DEFAULT_SIZES), ...(options.full ? [FULL_SIZE] : [])]),
  ].sort((a, b) => a - b);
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`sizes must be whole numbers of people, at least 1: ${sizes.join(',')}`);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const startedAt = new Date();
  const group = new ChildGroup();
  const work = path.join(tmpdir(), 'profile-graph-bench');
  // On Ctrl-C: the children are killed; the generated folders go too unless --keep.
  const unguard = group.guard(() => {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  });
  const hotSize = [...sizes].reverse().find((size) => size <= HOT_PATH_MAX_PEOPLE);

  const datasets: DatasetRow[] = [];
  const commands: CommandRow[] = [];
  const sparql: SparqlRow[] = [];
  let hotPath: HotPath | undefined;
  let timingsFlag: Record<Command, boolean>;
  try {
    if (options.build ?? true) await compile(group, timeoutMs, progress);
    timingsFlag = await detectTimingsFlag(group);
    const missing = COMMANDS.filter((command) => !timingsFlag[command]);
    if (missing.length > 0)
      progress(
        `[scale] warning: dist/bin.js ${missing.join(', ')} has no --timings flag; running without it (no stage split).`,
      );
    const context: Context = {
      group,
      timeoutMs,
      durationSeconds: options.durationSeconds ?? 5,
      timingsFlag,
      progress,
    };

    for (const people of sizes) {
      const dir = path.join(work, `people-${String(people)}`);
      progress(`[scale] ${String(people)} people: generating in ${dir}`);
      const generateStarted = performance.now();
      const generated = await generateProfile(dir, { people, seed: SEED });
      const dataset: DatasetRow = {
        people,
        files: generated.files,
        documents: generated.documents,
        generateMs: performance.now() - generateStarted,
      };
      datasets.push(dataset);
      const config = path.join(dir, 'profile-graph.config.json');

      // Cold: the folder is new, so its cache (.profile-graph/cache beside the config) is empty.
      const validate = await runCommand(context, people, 'validate', ['--config', config], dir);
      commands.push(validate.row);
      dataset.triples = /(\d+) files?, (\d+) triples/
        .exec(validate.stdout.join('\n'))
        ?.slice(2, 3)
        .map(Number)[0];
      commands.push(await measureValidateIncremental(context, people, config, dir));

      if (people <= (options.buildMaxPeople ?? Infinity)) {
        const out = path.join(dir, 'out');
        const build = await runCommand(
          context,
          people,
          'build',
          ['--config', config, '--out', out],
          dir,
        );
        if (build.row.ok)
          build.row.output = { ...(await measureTree(out)), documents: generated.documents };
        commands.push(build.row);
        if (build.row.ok)
          commands.push(
            ...(await measureBuildVariants(context, people, config, dir, out, generated.documents)),
          );
        if (!options.keep) await rm(out, { recursive: true, force: true });
      } else progress(`[scale] ${String(people)} people: build skipped (--build-max)`);

      if (options.serve ?? true) {
        const serve = await measureServe(context, people, config, dir, people === hotSize);
        commands.push(serve.row);
        sparql.push(...serve.sparql);
        if (serve.triples !== undefined) dataset.triples ??= serve.triples;
        if (serve.hotPath) hotPath = serve.hotPath;
      } else progress(`[scale] ${String(people)} people: serve skipped (--no-serve)`);

      if (!options.keep) await rm(dir, { recursive: true, force: true });
    }
  } finally {
    group.killAll();
    unguard();
    if (!options.keep) await rmdir(work).catch(() => undefined);
  }

  const result: ScaleResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    ...gitCommit(),
    sizes,
    timeoutMs,
    timingsFlag,
    datasets,
    commands,
    growth: growthRows(sizes, commands),
    sparql,
    ...(hotPath ? { hotPath } : {}),
  };
  if (options.write ?? true) {
    const results = path.join(REPO, 'bench', 'results');
    await mkdir(results, { recursive: true });
    result.file = path.join(results, `scale-${startedAt.toISOString().replaceAll(':', '-')}.json`);
    await writeFile(result.file, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

/** Compiles src/ to dist/ (what `npm run build` does); throws with tsc's output on failure. */
async function compile(
  group: ChildGroup,
  timeoutMs: number,
  progress: (line: string) => void,
): Promise<void> {
  progress('[scale] compiling dist/ (tsc -p tsconfig.build.json)');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = group.spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json'], REPO);
  const { exit, timedOut } = await withTimeout(child, timeoutMs);
  if (exit.code !== 0) {
    const { stdout, stderr } = child.tail();
    throw new Error(
      `tsc -p tsconfig.build.json failed (${timedOut ? 'timeout' : describeExit(exit)}); use --no-build to measure the existing dist/:\n${[...stdout, ...stderr].join('\n')}`,
    );
  }
}

/**
 * Whether each command accepts `--timings FILE` (the flag the stage split needs): its parser is
 * strict, so `COMMAND --timings FILE --help` prints the help (exit 0) only if the flag exists,
 * and is a usage error (exit 2) otherwise. Nothing is written: --help returns first.
 */
async function detectTimingsFlag(group: ChildGroup): Promise<Record<Command, boolean>> {
  const found: Partial<Record<Command, boolean>> = {};
  const probe = path.join(tmpdir(), 'profile-graph-bench-probe.json');
  for (const command of COMMANDS) {
    const child = group.spawn(process.execPath, [BIN, command, '--timings', probe, '--help'], REPO);
    const { exit } = await withTimeout(child, 60_000);
    if (exit.code !== 0 && exit.code !== 2)
      throw new Error(
        `node dist/bin.js ${command} --help failed (${describeExit(exit)}): ${child.tail().stderr.join('\n')}`,
      );
    found[command] = exit.code === 0;
  }
  return { validate: false, build: false, serve: false, ...found };
}

/** Waits for a child to exit, stopping it (SIGTERM, then SIGKILL) after `timeoutMs`. */
async function withTimeout(
  child: RunningChild,
  timeoutMs: number,
): Promise<{ exit: Exit; timedOut: boolean }> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.stop(5_000);
  }, timeoutMs);
  try {
    return { exit: await child.exited, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** The `--timings FILE` arguments, if the command has the flag. */
function timingsArgs(context: Context, command: Command, file: string): string[] {
  return context.timingsFlag[command] ? ['--timings', file] : [];
}

/** Reads a timings report into the row, or notes why there is none. */
async function attachTimings(
  row: CommandRow,
  context: Context,
  file: string,
  attempts = 1,
): Promise<void> {
  if (!context.timingsFlag[row.command]) {
    row.notes.push('no --timings in this build of the CLI: no stage split');
    return;
  }
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const timings = await readTimings(file);
      if (timings) {
        row.timings = timings;
        return;
      }
    } catch (error) {
      row.notes.push((error as Error).message);
      return;
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (row.ok) row.notes.push(`no timings report at ${file}`);
}

/**
 * The build variants at one size, after the default (`--host nginx`) cold build into `out`:
 * a cold `--host netlify` build, and an incremental nginx build into `out` after a one-file
 * edit (the main entity's name in data/profile.jsonld).
 */
async function measureBuildVariants(
  context: Context,
  people: number,
  config: string,
  dir: string,
  out: string,
  documents: number,
): Promise<CommandRow[]> {
  const netlifyOut = path.join(dir, 'out-netlify');
  const netlify = await runCommand(
    context,
    people,
    'build',
    ['--config', config, '--out', netlifyOut, '--host', 'netlify'],
    dir,
  );
  if (netlify.row.ok) netlify.row.output = { ...(await measureTree(netlifyOut)), documents };
  await rm(netlifyOut, { recursive: true, force: true });
  const profile = path.join(dir, 'data', 'profile.jsonld');
  const text = await readFile(profile, 'utf8');
  await writeFile(profile, text.replace('"Person 0"', '"Person 0 (edited)"'));
  const incremental = await runCommand(
    context,
    people,
    'build',
    ['--config', config, '--out', out],
    dir,
  );
  const written = /\((\d+) unchanged, (\d+) written\)/.exec(incremental.stdout.join('\n'));
  if (written)
    incremental.row.notes.push(
      `${written[1] ?? '?'} files unchanged, ${written[2] ?? '?'} written`,
    );
  // The build manifest (issue #18): documents rendered, and taken from the previous export.
  const rendered = /; (\d+) documents rendered, (\d+) taken unchanged/.exec(
    incremental.stdout.join('\n'),
  );
  if (rendered)
    incremental.row.notes.push(
      `${rendered[1] ?? '?'} documents rendered, ${rendered[2] ?? '?'} taken from the previous export`,
    );
  return [
    { ...netlify.row, label: 'build netlify' },
    { ...incremental.row, label: 'build incr' },
  ];
}

/**
 * `validate` after a one-file edit (one person's description), the cache of the cold run in
 * place: the edited file is checked again and, since the input changed, the graph layers run.
 * The row's notes say which stages ran (a stage the cache skipped has no timing).
 */
async function measureValidateIncremental(
  context: Context,
  people: number,
  config: string,
  dir: string,
): Promise<CommandRow> {
  const person = path.join(
    dir,
    'data',
    'people',
    `p${String(Math.min(1, people - 1)).padStart(6, '0')}.jsonld`,
  );
  const text = await readFile(person, 'utf8');
  const edited = text.replace('"description": "Works on ', '"description": "Still works on ');
  if (edited === text) throw new Error(`no description to edit in ${person}`);
  await writeFile(person, edited);
  const incremental = await runCommand(context, people, 'validate', ['--config', config], dir);
  return { ...incremental.row, label: 'validate incr' };
}

/** Runs validate or build once, to exit; never throws for the command's own failure. */
async function runCommand(
  context: Context,
  people: number,
  command: Command,
  args: string[],
  dir: string,
): Promise<{ row: CommandRow; stdout: string[] }> {
  const file = path.join(dir, `timings-${command}.json`);
  await rm(file, { force: true });
  context.progress(`[scale] ${String(people)} people: ${command}`);
  const child = context.group.spawn(
    process.execPath,
    [BIN, command, ...args, ...timingsArgs(context, command, file)],
    dir,
  );
  const stopSampling = samplePeakRss(child.pid);
  const { exit, timedOut } = await withTimeout(child, context.timeoutMs);
  const wallMs = performance.now() - child.spawnedAt;
  const sampledPeak = stopSampling();
  const { stdout, stderr } = child.tail();
  const ok = exit.code === 0 && !timedOut;
  const row: CommandRow = {
    people,
    command,
    ok,
    wallMs,
    status: timedOut ? 'timeout' : describeExit(exit),
    exitCode: exit.code,
    timedOut,
    notes: [],
    ...(ok ? {} : { stderr: stderr.slice(-5) }),
  };
  await attachTimings(row, context, file);
  if (row.timings) {
    row.peakRssBytes = row.timings.peakRssBytes;
    row.peakRssSource = 'timings';
  } else if (sampledPeak !== undefined) {
    row.peakRssBytes = sampledPeak;
    row.peakRssSource = 'proc';
  }
  context.progress(
    `[scale] ${String(people)} people: ${command} ${row.status} after ${seconds(wallMs).trim()}`,
  );
  return { row, stdout };
}

/**
 * Starts `serve`, times its start (spawn → first GET / answered 200), reads its peak RSS, times
 * the SPARQL queries and, if `hot`, the hot path; then stops it with SIGTERM.
 */
async function measureServe(
  context: Context,
  people: number,
  config: string,
  dir: string,
  hot: boolean,
): Promise<{ row: CommandRow; sparql: SparqlRow[]; hotPath?: HotPath; triples?: number }> {
  const file = path.join(dir, 'timings-serve.json');
  await rm(file, { force: true });
  context.progress(`[scale] ${String(people)} people: serve`);
  const child = context.group.spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--config',
      config,
      '--port',
      '0',
      '--quiet',
      ...timingsArgs(context, 'serve', file),
    ],
    dir,
  );
  // An object, not a let: TypeScript does not see assignments made in the timer's callback.
  const start = { timedOut: false };
  const deadline = setTimeout(() => {
    start.timedOut = true;
    void child.stop(5_000);
  }, context.timeoutMs);
  const row: CommandRow = {
    people,
    command: 'serve',
    ok: false,
    wallMs: 0,
    status: 'running',
    exitCode: null,
    timedOut: false,
    notes: [],
  };
  const sparql: SparqlRow[] = [];
  let hotPath: HotPath | undefined;
  let triples: number | undefined;
  try {
    const serving = await child.waitForLine(SERVING, '"Serving … at http://…"');
    triples = Number(serving[2]);
    const port = Number(serving[3]);
    const remaining = context.timeoutMs - (performance.now() - child.spawnedAt);
    const first = await httpRequest(port, {
      path: '/',
      headers: { accept: 'text/html' },
      timeoutMs: Math.max(1, remaining),
    });
    row.wallMs = performance.now() - child.spawnedAt;
    clearTimeout(deadline);
    if (first.status !== 200) throw new Error(`GET / answered ${String(first.status)}`);
    row.ok = true;
    row.status = 'started';
    const peak = await readPeakRss(child.pid);
    if (peak !== undefined) {
      row.peakRssBytes = peak;
      row.peakRssSource = 'proc';
    }
    // The report is written once the server listens, so it may trail the first response.
    await attachTimings(row, context, file, 20);
    context.progress(
      `[scale] ${String(people)} people: serve started after ${seconds(row.wallMs).trim()}; SPARQL`,
    );
    sparql.push(...(await timeQueries(context, people, port)));
    if (hot) {
      context.progress(`[scale] ${String(people)} people: hot path (autocannon)`);
      hotPath = await measureHotPath(context, people, port, dir);
    }
  } catch (error) {
    if (!row.ok) {
      row.wallMs = performance.now() - child.spawnedAt;
      const exit = child.exit();
      row.status = start.timedOut ? 'timeout' : exit ? describeExit(exit) : 'failed';
      row.timedOut = start.timedOut;
      row.notes.push(
        start.timedOut
          ? `no answer to GET / within ${seconds(context.timeoutMs).trim()}`
          : (error as Error).message,
      );
      row.stderr = child.tail().stderr.slice(-5);
    } else row.notes.push(`after start: ${(error as Error).message}`);
  } finally {
    clearTimeout(deadline);
    const stopping = performance.now();
    const exit = await child.stop();
    row.exitCode = exit.code;
    if (row.ok) {
      row.shutdown = { ms: performance.now() - stopping, status: describeExit(exit) };
      row.status = describeExit(exit);
    }
  }
  context.progress(
    `[scale] ${String(people)} people: serve ${row.status}${row.ok ? `, start ${seconds(row.wallMs).trim()}` : ''}`,
  );
  return { row, sparql, ...(hotPath ? { hotPath } : {}), ...(triples ? { triples } : {}) };
}

/** A response read in full. */
interface Response {
  status: number;
  /** Raw header lines, name and value alternating. */
  rawHeaders: string[];
  body: Buffer;
}

/** One HTTP request to 127.0.0.1:port, read to the end; rejects on error or after timeoutMs. */
function httpRequest(
  port: number,
  options: {
    method?: string;
    path: string;
    headers: Record<string, string>;
    body?: string;
    agent?: Agent;
    timeoutMs: number;
  },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: options.agent ?? false,
        signal: AbortSignal.timeout(Math.ceil(options.timeoutMs)),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          resolve({
            status: incoming.statusCode ?? 0,
            rawHeaders: incoming.rawHeaders,
            body: Buffer.concat(chunks),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Each scale query: one warm-up, then the median of {@link SPARQL_RUNS} runs, one client. */
async function timeQueries(context: Context, people: number, port: number): Promise<SparqlRow[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const rows: SparqlRow[] = [];
  try {
    for (const { id, query } of SCALE_QUERIES) {
      const once = async () => {
        const started = performance.now();
        const response = await httpRequest(port, {
          method: 'POST',
          path: '/sparql',
          headers: {
            'content-type': 'application/sparql-query',
            accept: 'application/sparql-results+json',
          },
          body: query(samplePerson(people)),
          agent,
          timeoutMs: Math.min(context.timeoutMs, 120_000),
        });
        return { response, ms: performance.now() - started };
      };
      try {
        const first = await once();
        const runs: { response: Response; ms: number }[] = [];
        for (let i = 0; i < SPARQL_RUNS; i++) runs.push(await once());
        const last = runs.at(-1)?.response ?? first.response;
        const failed = [first, ...runs].find(({ response }) => response.status !== 200);
        const runsMs = runs.map(({ ms }) => ms);
        rows.push({
          people,
          id,
          status: failed?.response.status ?? last.status,
          firstMs: first.ms,
          medianMs: median(runsMs),
          runsMs,
          ...(failed
            ? { error: failed.response.body.toString('utf8').split('\n', 1)[0] ?? '' }
            : { results: countResults(last.body) }),
        });
      } catch (error) {
        rows.push({
          people,
          id,
          status: 0,
          firstMs: 0,
          medianMs: 0,
          runsMs: [],
          error: (error as Error).message,
        });
      }
    }
  } finally {
    agent.destroy();
  }
  return rows;
}

/** Rows of a SPARQL JSON result (1 for ASK); undefined when it does not parse. */
function countResults(body: Buffer): number | undefined {
  try {
    const json = JSON.parse(body.toString('utf8')) as {
      boolean?: boolean;
      results?: { bindings?: unknown[] };
    };
    return typeof json.boolean === 'boolean' ? 1 : json.results?.bindings?.length;
  } catch {
    return undefined;
  }
}

/** Headers node:http writes itself (per connection or per response): not replayed. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * The hot path: one person's Turtle (gzip) from the running server, then autocannon at 10
 * and 50 connections against it and against a node:http server in its own process replaying
 * the very same status, headers and bytes, alternating so both see the same machine state.
 */
async function measureHotPath(
  context: Context,
  people: number,
  port: number,
  dir: string,
): Promise<HotPath> {
  const urlPath = `/${samplePerson(people)}`;
  const headers = { accept: 'text/turtle', 'accept-encoding': 'gzip' };
  const hotPath: HotPath = {
    people,
    path: urlPath,
    bytes: 0,
    durationSeconds: context.durationSeconds,
    rows: [],
  };
  let raw: ChildProcess | undefined;
  try {
    const response = await httpRequest(port, { path: urlPath, headers, timeoutMs: 60_000 });
    if (response.status !== 200)
      throw new Error(`GET ${urlPath} answered ${String(response.status)}`);
    hotPath.bytes = response.body.length;
    const replayed: string[] = [];
    for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
      const [name = '', value = ''] = response.rawHeaders.slice(i, i + 2);
      if (!OWN_HEADERS.has(name.toLowerCase())) replayed.push(name, value);
    }
    const recorded: RecordedResponse = {
      status: response.status,
      headers: replayed,
      body: response.body.toString('base64'),
    };
    const recordedFile = path.join(dir, 'hot-response.json');
    await writeFile(recordedFile, JSON.stringify(recorded));
    const rawChild = context.group.fork(RAW_TARGET, [recordedFile], ['--import', 'tsx']);
    raw = rawChild;
    const rawPort = await new Promise<number>((resolve, reject) => {
      rawChild.once('message', (message: { port: number }) => {
        resolve(message.port);
      });
      rawChild.once('exit', (code) => {
        reject(new Error(`node:http server exited (${String(code)})`));
      });
    });
    for (const connections of [10, 50]) {
      for (const [server, target] of [
        ['node:http', rawPort],
        ['profile-graph', port],
      ] as const) {
        const options = {
          url: `http://127.0.0.1:${String(target)}${urlPath}`,
          headers,
          connections,
          pipelining: 1,
        };
        // Warm up the JIT and the connection pool, then measure.
        await autocannon({ ...options, duration: 1 });
        const result = await autocannon({ ...options, duration: context.durationSeconds });
        hotPath.rows.push({
          server,
          connections,
          requestsPerSecond: result.requests.average,
          p99Ms: result.latency.p99,
          errors: result.errors + result.non2xx,
        });
      }
    }
  } catch (error) {
    hotPath.error = (error as Error).message;
  } finally {
    if (raw?.connected) raw.disconnect();
    raw?.kill();
  }
  return hotPath;
}

/** Files and bytes under a folder (the static export). */
async function measureTree(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  let bytes = 0;
  for (let i = 0; i < files.length; i += 256) {
    const sizes = await Promise.all(
      files
        .slice(i, i + 256)
        .map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size),
    );
    for (const size of sizes) bytes += size;
  }
  return { files: files.length, bytes };
}

/** The checked-out commit, `+dirty` when the tree has changes; nothing outside git. */
function gitCommit(): { commit?: string } {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO })
      .toString()
      .trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: REPO }).toString().trim() !== '';
    return { commit: `${head}${dirty ? '+dirty' : ''}` };
  } catch {
    return {};
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The stages that appear in any row, in {@link STAGE_ORDER}, unknown ones last. */
function stagesOf(rows: readonly CommandRow[]): string[] {
  const seen = new Set(rows.flatMap((row) => Object.keys(row.timings?.stages ?? {})));
  const known = STAGE_ORDER.filter((stage) => seen.has(stage));
  return [...known, ...[...seen].filter((stage) => !STAGE_ORDER.includes(stage))];
}

/** A command's metrics at one size, by name: wall, each stage, peak RSS. */
function metricsOf(row: CommandRow): Map<string, number> {
  const metrics = new Map<string, number>([['wall', row.wallMs]]);
  for (const [stage, ms] of Object.entries(row.timings?.stages ?? {})) metrics.set(stage, ms);
  if (row.peakRssBytes !== undefined) metrics.set('peak RSS', row.peakRssBytes);
  return metrics;
}

/** Growth of every metric between consecutive sizes where the command succeeded at both. */
function growthRows(sizes: readonly number[], commands: readonly CommandRow[]): GrowthRow[] {
  const rows: GrowthRow[] = [];
  for (const { command, label } of growthKinds(commands)) {
    const ofCommand = commands.filter((row) => row.command === command && row.label === label);
    const metrics = ['wall', ...stagesOf(ofCommand), 'peak RSS'];
    for (let i = 1; i < sizes.length; i++) {
      const [from = 0, to = 0] = [sizes[i - 1], sizes[i]];
      const before = ofCommand.find((row) => row.people === from && row.ok);
      const after = ofCommand.find((row) => row.people === to && row.ok);
      if (!before || !after) continue;
      const [a, b] = [metricsOf(before), metricsOf(after)];
      for (const metric of metrics) {
        const x = a.get(metric);
        const y = b.get(metric);
        if (x === undefined || y === undefined || x <= 0) continue;
        const ratio = y / x;
        const noise = metric !== 'peak RSS' && y < GROWTH_NOISE_MS;
        rows.push({
          command,
          ...(label === undefined ? {} : { label }),
          metric,
          from,
          to,
          ratio,
          marked: !noise && ratio > GROWTH_MARK * (to / from),
        });
      }
    }
  }
  return rows;
}

/** The cold runs and the incremental variants whose growth is tabled, in table order. */
const GROWTH_VARIANTS: readonly { command: Command; label?: string }[] = [
  { command: 'validate' },
  { command: 'validate', label: 'validate incr' },
  { command: 'build' },
  { command: 'build', label: 'build incr' },
  { command: 'serve' },
];

/** The variants of {@link GROWTH_VARIANTS} measured in this run. */
function growthKinds(commands: readonly CommandRow[]): { command: Command; label?: string }[] {
  return GROWTH_VARIANTS.filter((kind) =>
    commands.some((row) => row.command === kind.command && row.label === kind.label),
  );
}

const kindName = (kind: { command: Command; label?: string }) => kind.label ?? kind.command;

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`.padStart(9);
const megabytes = (bytes: number | undefined) =>
  (bytes === undefined ? '-' : `${(bytes / 1e6).toFixed(0)} MB`).padStart(9);
const milliseconds = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const count = (value: number | undefined) => (value === undefined ? '-' : value.toLocaleString());

/** Prints the tables of a {@link benchScale} result, and where its JSON went. */
export function printScale(result: ScaleResult): void {
  const { sizes, datasets, commands } = result;
  console.log(
    `\nScale: synthetic people directory (bench/generate.ts, seed ${String(SEED)}); dist/bin.js in a fresh process per run, ${String(result.cpus)} cores, Node ${result.node}${result.commit ? `, ${result.commit}` : ''}:`,
  );
  console.log(
    `${'people'.padStart(8)} ${'files'.padStart(9)} ${'documents'.padStart(10)} ${'triples'.padStart(10)} ${'generate'.padStart(9)}`,
  );
  for (const row of datasets) {
    console.log(
      `${count(row.people).padStart(8)} ${count(row.files).padStart(9)} ${count(row.documents).padStart(10)} ${count(row.triples).padStart(10)} ${seconds(row.generateMs)}`,
    );
  }

  console.log(
    '\nCommands: wall time measured by the harness (serve: spawn → first GET / answered 200) and peak RSS:',
  );
  console.log(
    `${'people'.padStart(8)}  ${'command'.padEnd(13)} ${'wall'.padStart(9)} ${'peak RSS'.padStart(9)}  status`,
  );
  const notes: string[] = [];
  for (const row of commands) {
    const rss = `${megabytes(row.peakRssBytes)}${row.peakRssSource === 'proc' ? '*' : ' '}`;
    const extra = [
      row.output
        ? `${count(row.output.files)} files, ${(row.output.bytes / 1e6).toFixed(1)} MB, ${row.output.documents ? (row.output.files / row.output.documents).toFixed(1) : '?'} files per document`
        : '',
      row.shutdown ? `SIGTERM → ${row.shutdown.status} in ${milliseconds(row.shutdown.ms)} ms` : '',
    ].filter(Boolean);
    console.log(
      `${count(row.people).padStart(8)}  ${(row.label ?? row.command).padEnd(13)} ${seconds(row.wallMs)} ${rss} ${row.ok ? row.status : `FAILED (${row.status})`}${extra.length > 0 ? `  (${extra.join('; ')})` : ''}`,
    );
    for (const note of [...row.notes, ...(row.stderr ?? []).map((line) => `stderr: ${line}`)])
      notes.push(`  ${String(row.people)} ${row.command}: ${note}`);
  }
  if (commands.some((row) => row.peakRssSource === 'proc'))
    console.log('  * peak RSS from /proc/PID/status VmHWM (serve: after the first response)');
  const unique = [...new Set(notes)];
  if (unique.length > 0) console.log(unique.join('\n'));

  const stages = stagesOf(commands);
  if (stages.length > 0) {
    const widths = stages.map((stage) => Math.max(stage.length, 6));
    console.log(`\nStages, ms (each command's --timings report; total is its own):`);
    console.log(
      `${'people'.padStart(8)}  ${'command'.padEnd(13)} ${stages.map((stage, i) => stage.padStart(widths[i] ?? 6)).join(' ')} ${'total'.padStart(7)}`,
    );
    for (const row of commands) {
      if (!row.timings) continue;
      const { stages: measured, totalMs } = row.timings;
      const cells = stages.map((stage, i) => {
        const ms = measured[stage];
        return (ms === undefined ? '-' : milliseconds(ms)).padStart(widths[i] ?? 6);
      });
      console.log(
        `${count(row.people).padStart(8)}  ${(row.label ?? row.command).padEnd(13)} ${cells.join(' ')} ${milliseconds(totalMs).padStart(7)}`,
      );
    }
  }

  if (result.growth.length > 0) {
    // One row per metric; per step between sizes, a column per command.
    const steps = sizes
      .slice(1)
      .map((to, i) => ({ from: sizes[i] ?? 0, to }))
      .filter(({ from, to }) => result.growth.some((row) => row.from === from && row.to === to));
    const metrics = [
      'wall',
      ...stagesOf(commands).filter((stage) => result.growth.some((row) => row.metric === stage)),
      'peak RSS',
    ];
    const kinds = growthKinds(commands);
    const cell = Math.max(9, ...kinds.map((kind) => kindName(kind).length + 1));
    const group = kinds.length * (cell + 1) - 1;
    console.log(
      `\nGrowth: metric at the larger size ÷ at the smaller (serve wall = start); ! = more than ${String(GROWTH_MARK)}× the data's growth (above 12 for 10× the data; times under ${String(GROWTH_NOISE_MS)} ms not marked):`,
    );
    console.log(
      `${''.padEnd(11)} ${steps
        .map(({ from, to }) =>
          `${String(from)} → ${String(to)} people (×${String(to / from)})`.padEnd(group),
        )
        .join('   ')}`,
    );
    console.log(
      `${'metric'.padEnd(11)} ${steps
        .map(() => kinds.map((kind) => kindName(kind).padStart(cell)).join(' '))
        .join('   ')}`,
    );
    for (const metric of metrics) {
      const cells = steps.map(({ from, to }) =>
        kinds
          .map((kind) => {
            const row = result.growth.find(
              (each) =>
                each.command === kind.command &&
                each.label === kind.label &&
                each.metric === metric &&
                each.from === from &&
                each.to === to,
            );
            return (row ? `${row.ratio.toFixed(1)}${row.marked ? '!' : ' '}` : '- ').padStart(cell);
          })
          .join(' '),
      );
      console.log(`${metric.padEnd(11)} ${cells.join('   ')}`);
    }
  }

  if (result.sparql.length > 0) {
    const served = sizes.filter((size) => result.sparql.some((row) => row.people === size));
    const width = 16;
    console.log(
      `\nSPARQL endpoint: POST /sparql (application/sparql-query, results+json), one client; warm-up / median of ${String(SPARQL_RUNS)}, ms:`,
    );
    console.log(
      `${'query'.padEnd(10)} ${served.map((size) => `${count(size)} people`.padStart(width)).join(' ')}`,
    );
    for (const { id } of SCALE_QUERIES) {
      const cells = served.map((people) => {
        const row = result.sparql.find((each) => each.people === people && each.id === id);
        if (!row) return '-'.padStart(width);
        if (row.status !== 200) return (row.status ? String(row.status) : 'error').padStart(width);
        return `${milliseconds(row.firstMs)} / ${milliseconds(row.medianMs)}`.padStart(width);
      });
      console.log(`${id.padEnd(10)} ${cells.join(' ')}`);
    }
    for (const { id, title } of SCALE_QUERIES) console.log(`  ${id}: ${title}`);
    const rowCounts = served.map(
      (people) =>
        `${count(people)}: ${result.sparql
          .filter((row) => row.people === people)
          .map((row) => `${row.id}=${row.results === undefined ? '-' : String(row.results)}`)
          .join(' ')}`,
    );
    console.log(`  rows per answer: ${rowCounts.join('; ')}`);
    for (const row of result.sparql.filter((each) => each.error !== undefined))
      console.log(`  ${String(row.people)} ${row.id}: ${String(row.status)} ${row.error ?? ''}`);
  }

  const hot = result.hotPath;
  if (hot) {
    console.log(
      `\nHot path at ${count(hot.people)} people: GET ${hot.path} (Accept: text/turtle, gzip; ${String(hot.bytes)} bytes), autocannon ${String(hot.durationSeconds)} s per row, side by side:`,
    );
    if (hot.error !== undefined) console.log(`  failed: ${hot.error}`);
    console.log('server          conns     req/s   p99 ms  errors  ×node:http');
    for (const row of hot.rows) {
      const raw = hot.rows.find(
        (each) => each.server === 'node:http' && each.connections === row.connections,
      );
      const ratio = raw ? row.requestsPerSecond / raw.requestsPerSecond : 1;
      console.log(
        `${row.server.padEnd(14)} ${String(row.connections).padStart(6)} ${row.requestsPerSecond.toFixed(0).padStart(9)} ${String(row.p99Ms).padStart(8)} ${String(row.errors).padStart(7)} ${ratio.toFixed(2).padStart(11)}`,
      );
    }
  }
  if (result.file !== undefined)
    console.log(`\nResults written to ${path.relative(process.cwd(), result.file) || result.file}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      full: { type: 'boolean' },
      'build-max': { type: 'string' },
      sizes: { type: 'string' },
      keep: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'no-serve': { type: 'boolean' },
      timeout: { type: 'string' },
      duration: { type: 'string' },
      print: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.print !== undefined) {
    // Re-print the tables of an earlier run's JSON.
    printScale(JSON.parse(await readFile(values.print, 'utf8')) as ScaleResult);
    process.exit(0);
  }
  if (values.help) {
    console.log(
      'Usage: node --import tsx bench/scale.ts [--full] [--sizes 10,1000,10000] [--build-max N] [--keep] [--no-build] [--no-serve]\n' +
        '                                       [--timeout SECONDS] [--duration SECONDS]\n' +
        '       node --import tsx bench/scale.ts --print bench/results/scale-….json',
    );
    process.exit(0);
  }
  const positive = (flag: string, value: string | undefined) => {
    const number = Number(value);
    if (value !== undefined && !(number > 0)) {
      console.error(`scale: ${flag} must be a positive number, not "${value}"`);
      process.exit(2);
    }
    return value === undefined ? undefined : number;
  };
  const timeout = positive('--timeout', values.timeout);
  const duration = positive('--duration', values.duration);
  printScale(
    await benchScale({
      ...(values.sizes === undefined
        ? {}
        : { sizes: values.sizes.split(',').map((size) => Number(size.trim())) }),
      full: values.full ?? false,
      ...(values['build-max'] === undefined ? {} : { buildMaxPeople: Number(values['build-max']) }),
      keep: values.keep ?? false,
      build: !(values['no-build'] ?? false),
      serve: !(values['no-serve'] ?? false),
      ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
      ...(duration === undefined ? {} : { durationSeconds: duration }),
    }),
  );
}
