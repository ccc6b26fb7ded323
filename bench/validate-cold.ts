// Cold `validate` of the bundled profile (issue #13 item 6: under 1 s wall): `node dist/bin.js
// validate --timings FILE` in a fresh process per run, from spawn to exit, so module loading,
// building the validators and the git history all count. With `--baseline DIR` (a package root
// holding another build's dist/, e.g. a worktree of the integration branch after `npm run
// build`), the two builds run alternately, so drift on a shared machine does not favour one, and
// their reports must be byte-identical: a faster build that says something else is a bug.
// Where /usr/bin/time exists, each run also reports its CPU time (user + system, git included):
// on a shared, loaded machine it varies far less than wall time does.
// Run: npm run bench -- --only validate-cold [--runs 10] [--baseline DIR]
//   or node --import tsx bench/validate-cold.ts [--runs 10] [--baseline DIR]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Options for {@link benchValidateCold}. */
export interface ValidateColdOptions {
  /** Runs per build (default 10). */
  runs?: number;
  /** A package root with a built `dist/bin.js` to compare against. */
  baseline?: string | undefined;
}

/** One build's figures: medians over its runs, in milliseconds. */
export interface ValidateColdRow {
  build: string;
  runs: number;
  /** Spawn to exit, as the harness saw it. */
  wallMs: number;
  minWallMs: number;
  maxWallMs: number;
  /** The command's own span (`totalMs` of --timings): from its start to its report. */
  commandMs: number;
  /** Wall less the command's span: process start, module loading, exit. */
  startupMs: number;
  /** Median of each --timings stage. */
  stages: Record<string, number>;
  peakRssMb: number;
  /** User + system CPU of the process and its children; undefined without /usr/bin/time. */
  cpuMs: number | undefined;
}

/** What {@link benchValidateCold} measured. */
export interface ValidateColdResult {
  rows: ValidateColdRow[];
  /** Whether every run of every build printed the same report with the same exit status. */
  sameReport: boolean;
}

interface Run {
  wallMs: number;
  cpuMs: number | undefined;
  exitCode: number | null;
  stdout: string;
  timings: { stages: Record<string, number>; totalMs: number; peakRssBytes: number };
}

/** Runs `validate` cold, alternating builds, and returns medians per build. */
export async function benchValidateCold(
  options: ValidateColdOptions = {},
): Promise<ValidateColdResult> {
  const runs = options.runs ?? 10;
  const builds: { build: string; bin: string }[] = [
    { build: 'this build', bin: path.join(REPO, 'dist', 'bin.js') },
  ];
  if (options.baseline !== undefined)
    builds.push({
      build: `baseline (${options.baseline})`,
      bin: path.resolve(options.baseline, 'dist', 'bin.js'),
    });
  for (const { bin } of builds)
    if (!existsSync(bin)) throw new Error(`${bin} not found: run \`npm run build\` there first.`);

  const scratch = await mkdtemp(path.join(tmpdir(), 'validate-cold-'));
  try {
    const measured = builds.map(() => [] as Run[]);
    for (let round = 0; round < runs; round++) {
      // Alternate which build goes first, so neither always runs on a warmer page cache.
      const order = round % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
      for (const index of order) {
        const build = builds[index];
        if (build) measured[index]?.push(await runOnce(build.bin, scratch));
      }
      console.error(`validate-cold: round ${String(round + 1)}/${String(runs)}`);
    }
    const all = measured.flat();
    const [reference] = all;
    return {
      rows: builds.map(({ build }, index) => summarise(build, measured[index] ?? [])),
      sameReport: all.every(
        (run) => run.stdout === reference?.stdout && run.exitCode === reference.exitCode,
      ),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const TIME = '/usr/bin/time';

function runOnce(bin: string, scratch: string): Promise<Run> {
  const timingsFile = path.join(scratch, 'timings.json');
  const cpuFile = path.join(scratch, 'cpu.txt');
  const command = [process.execPath, bin, 'validate', '--timings', timingsFile];
  const timed = existsSync(TIME);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // GNU time adds a few milliseconds of its own to the wall time, the same for every build.
    const [file = '', ...args] = timed ? [TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
    const child = spawn(file, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      Promise.all([readFile(timingsFile, 'utf8'), timed ? readFile(cpuFile, 'utf8') : ''])
        .then(([text, cpu]) => {
          const [user = NaN, system = NaN] = cpu.trim().split(/\s+/).map(Number);
          resolve({
            wallMs,
            cpuMs: timed ? (user + system) * 1000 : undefined,
            exitCode,
            stdout: Buffer.concat(chunks).toString('utf8'),
            timings: JSON.parse(text) as Run['timings'],
          });
        })
        .catch(reject);
    });
  });
}

function summarise(build: string, runs: readonly Run[]): ValidateColdRow {
  const walls = runs.map((run) => run.wallMs);
  const stageNames = [...new Set(runs.flatMap((run) => Object.keys(run.timings.stages)))];
  const wallMs = median(walls);
  const commandMs = median(runs.map((run) => run.timings.totalMs));
  return {
    build,
    runs: runs.length,
    wallMs: Math.round(wallMs),
    minWallMs: Math.round(Math.min(...walls)),
    maxWallMs: Math.round(Math.max(...walls)),
    commandMs: Math.round(commandMs),
    startupMs: Math.round(median(runs.map((run) => run.wallMs - run.timings.totalMs))),
    stages: Object.fromEntries(
      stageNames.map((stage) => [
        stage,
        Math.round(median(runs.map((run) => run.timings.stages[stage] ?? 0))),
      ]),
    ),
    peakRssMb: Math.round(median(runs.map((run) => run.timings.peakRssBytes)) / 1024 / 1024),
    cpuMs: runs.every((run) => run.cpuMs !== undefined)
      ? Math.round(median(runs.map((run) => run.cpuMs ?? 0)))
      : undefined,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Prints one row per build, then the --timings stages side by side. */
export function printValidateCold(result: ValidateColdResult): void {
  console.log(
    `\nCold \`validate\` of the bundled profile, fresh process per run, builds alternated; medians in ms (goal: wall < 1000):`,
  );
  console.table(
    result.rows.map((row) => ({
      build: row.build,
      runs: row.runs,
      wall: row.wallMs,
      'min–max': `${String(row.minWallMs)}–${String(row.maxWallMs)}`,
      'startup (wall − command)': row.startupMs,
      command: row.commandMs,
      'CPU (user + sys)': row.cpuMs ?? '-',
      'peak RSS MB': row.peakRssMb,
    })),
  );
  const stages = [...new Set(result.rows.flatMap((row) => Object.keys(row.stages)))];
  console.log('--timings stages (median ms):');
  console.table(
    Object.fromEntries(
      result.rows.map((row) => [
        row.build,
        Object.fromEntries(stages.map((stage) => [stage, row.stages[stage] ?? '-'])),
      ]),
    ),
  );
  if (result.rows.length > 1) {
    const [current, baseline] = result.rows;
    if (current && baseline)
      console.log(
        `wall: ${String(current.wallMs)} ms against ${String(baseline.wallMs)} ms (${(current.wallMs / baseline.wallMs).toFixed(2)}×)${
          current.cpuMs !== undefined && baseline.cpuMs !== undefined
            ? `; CPU: ${String(current.cpuMs)} ms against ${String(baseline.cpuMs)} ms (${(current.cpuMs / baseline.cpuMs).toFixed(2)}×)`
            : ''
        }`,
      );
  }
  console.log(
    result.sameReport
      ? 'Every run printed the same report with the same exit status.'
      : 'REPORTS DIFFER between runs or builds: the output is not the same.',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, baseline: { type: 'string' } },
  });
  printValidateCold(
    await benchValidateCold({
      ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
      baseline: values.baseline,
    }),
  );
}
