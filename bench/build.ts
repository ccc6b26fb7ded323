// Static export benchmark: how long `profile-graph build` takes, stage by stage, and what it
// writes (files, bytes), for the bundled profile and for a synthetic graph of about 10,000
// entities (bench/generate.ts). In-process, one run each: the stages take seconds, not
// microseconds, so one run is what a user waits for.
// Run: npm run bench (all) or: node --import tsx bench/build.ts [--people N]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportSite } from '../src/export/export-site.js';
import { loadConfig } from '../src/load/config.js';
import { readDataHistory } from '../src/load/data-history.js';
import { publishSite } from '../src/publish/site.js';
import { createValidators, shapesDirectory, validateProfile } from '../src/validate/validate.js';
import { generateProfile } from './generate.js';

interface Row {
  profile: string;
  /** Named entities in the data (documents' subjects), as generated or counted. */
  entities: number;
  documents: number;
  triples: number;
  files: number;
  bytes: number;
  /** Milliseconds per stage and in all. */
  validateMs: number;
  publishMs: number;
  exportMs: number;
  totalMs: number;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

async function measure(profile: string, root: string, entities?: number): Promise<Row> {
  const out = await mkdtemp(path.join(tmpdir(), 'pg-bench-build-'));
  try {
    const started = performance.now();
    const { config, root: configRoot } = await loadConfig(undefined, {}, root);
    const validators = await createValidators(shapesDirectory(config, configRoot), configRoot);
    const validation = await validateProfile(config, configRoot, validators);
    if (validation.diagnostics.some((d) => d.severity === 'error'))
      throw new Error(`${profile}: the data has errors`);
    const validated = performance.now();
    const site = await publishSite({
      config,
      quads: validation.quads,
      shapes: validators.shacl.shapes,
      documentLoader: validators.documentLoader,
      lastModified: (await readDataHistory([path.resolve(configRoot, config.data)], {})).modified,
    });
    const published = performance.now();
    const written = await exportSite(site, path.join(out, 'dist'));
    const exported = performance.now();
    const subjects = new Set(
      site.quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value),
    );
    return {
      profile,
      entities: entities ?? subjects.size,
      documents: site.documents.length,
      triples: site.quads.length,
      files: written.files,
      bytes: written.bytes,
      validateMs: validated - started,
      publishMs: published - validated,
      exportMs: exported - published,
      totalMs: exported - started,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Builds the bundled profile and a synthetic one of `people` people (≈ 4.2 entities each). */
export async function benchBuild(people = 2400): Promise<Row[]> {
  const rows = [await measure('bundled', REPO)];
  const work = await mkdtemp(path.join(tmpdir(), 'pg-bench-synthetic-'));
  try {
    const generated = await generateProfile(path.join(work, 'profile'), { people });
    rows.push(
      await measure(`synthetic (${String(people)} people)`, generated.root, generated.documents),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return rows;
}

export function printBuild(rows: readonly Row[]): void {
  console.log('\nStatic export (profile-graph build), one run each:');
  console.log(
    'profile                    entities  documents  triples    files      size   validate  publish   export    total',
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  for (const row of rows) {
    console.log(
      `${row.profile.padEnd(26)} ${String(row.entities).padStart(8)} ${String(row.documents).padStart(10)} ${String(row.triples).padStart(8)} ${String(row.files).padStart(8)} ${`${(row.bytes / 1e6).toFixed(1)} MB`.padStart(9)} ${s(row.validateMs)} ${s(row.publishMs)} ${s(row.exportMs)} ${s(row.totalMs)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--people');
  printBuild(await benchBuild(flag > 0 ? Number(process.argv[flag + 1]) : 2400));
}
