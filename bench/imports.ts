// The cost of `import 'profile-graph'` and of each subpath export, as a user's program pays it:
// the built package (dist/, through its `exports` map, by self-reference) imported in a fresh
// Node process per run. Reported per entry: the median time of the `await import()` over
// `--runs` processes (no hooks running), and, from one more process with module hooks, the module
// files and npm packages the import loaded.
// Run: npm run build && npm run bench -- --only imports [--runs 10]
//   or node --import tsx bench/imports.ts [--runs 10]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { probeImport } from '../test/support/import-probe.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The package's entry points, as its `exports` map names them. */
export const ENTRIES = [
  'profile-graph',
  'profile-graph/embed',
  'profile-graph/rdf',
  'profile-graph/validate',
  'profile-graph/server',
] as const;

/** One entry's figures. */
export interface ImportRow {
  entry: string;
  runs: number;
  /** Median milliseconds of the import, and the fastest and slowest run. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Module files loaded (ES modules and CommonJS), the package's own included. */
  modules: number;
  /** npm packages those files belong to. */
  packages: number;
}

/** Measures every entry of {@link ENTRIES}; `runs` fresh processes each (default 5). */
export async function benchImports(options: { runs?: number } = {}): Promise<ImportRow[]> {
  const runs = options.runs ?? 5;
  for (const built of ['index.js', 'embed.js', 'server.js']) {
    const file = path.join(REPO, 'dist', built);
    if (!existsSync(file)) throw new Error(`${file} not found: run \`npm run build\` first.`);
  }
  const rows: ImportRow[] = [];
  for (const entry of ENTRIES) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      times.push((await probeImport(entry, { cwd: REPO, inspect: false })).ms);
    }
    const loaded = await probeImport(entry, { cwd: REPO });
    times.sort((a, b) => a - b);
    rows.push({
      entry,
      runs,
      medianMs: round(times[Math.floor(times.length / 2)] ?? 0),
      minMs: round(times[0] ?? 0),
      maxMs: round(times[times.length - 1] ?? 0),
      modules: loaded.files.length,
      packages: loaded.packages.length,
    });
  }
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Prints {@link benchImports}' rows as a table. */
export function printImports(rows: readonly ImportRow[]): void {
  console.log(
    `\nImport cost of each entry (built dist/, a fresh process per run; import time in ms):`,
  );
  console.table(
    rows.map((row) => ({
      entry: row.entry,
      runs: row.runs,
      median: row.medianMs,
      'min–max': `${String(row.minMs)}–${String(row.maxMs)}`,
      modules: row.modules,
      packages: row.packages,
    })),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  printImports(await benchImports(values.runs === undefined ? {} : { runs: Number(values.runs) }));
}
