// The package as a user gets it: `npm pack` of this checkout, installed into an empty folder.
// Offline (no network at test time): the consumer gets a lockfile holding exactly the
// production part of this repository's package-lock.json, so `npm ci --offline` takes every
// package from the npm cache that this checkout's own `npm ci` filled (.ci/run runs it first),
// at the versions this repository is tested with, and never asks the registry to resolve a range.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './profile.js';

const exec = promisify(execFile);

/** One file of `npm pack --json`'s listing. */
export interface PackedFile {
  path: string;
  size: number;
}

/** The packed tarball and what `npm pack --json` said of it. */
export interface PackedTarball {
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** The folder packed: the package's files with its dist/ built fresh. */
  folder: string;
  integrity: string;
  files: PackedFile[];
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

let packing: Promise<PackedTarball> | undefined;

/**
 * Builds the package afresh and packs it, once per test file that asks (memoised). The build
 * runs here rather than through `prepack` because `prepare` would rewrite `vendor/` while other
 * test files read it; `--ignore-scripts` keeps npm from doing so. It runs in a staging folder,
 * never in this checkout's `dist/`: other test files build the framework examples against that
 * `dist/` (test/integration/frameworks.test.ts), and emptying it under them would break them.
 */
export function packOnce(): Promise<PackedTarball> {
  packing ??= pack();
  return packing;
}

async function pack(): Promise<PackedTarball> {
  // The package's own files (package.json, README, LICENSE and `files` but dist/), beside a
  // dist/ compiled fresh, as `prepack` would leave it: no file of an older build comes along.
  const stage = await mkdtemp(path.join(tmpdir(), 'pg-stage-'));
  const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    files: string[];
  };
  const copied = (await readdir(REPO_ROOT)).filter((entry) =>
    /^(?:package\.json|readme(?:\..*)?|licen[cs]e(?:\..*)?)$/i.test(entry),
  );
  for (const entry of [...copied, ...manifest.files.filter((entry) => entry !== 'dist')])
    await cp(path.join(REPO_ROOT, entry), path.join(stage, entry), { recursive: true });
  await exec(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      path.join(stage, 'dist'),
    ],
    { cwd: REPO_ROOT },
  );
  const destination = await mkdtemp(path.join(tmpdir(), 'pg-pack-'));
  const { stdout } = await exec(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
    { cwd: stage, maxBuffer: 16 * 1024 * 1024 },
  );
  const [result] = JSON.parse(stdout) as [
    { filename: string; integrity: string; files: PackedFile[] },
  ];
  return {
    tarball: path.join(destination, result.filename),
    folder: stage,
    integrity: result.integrity,
    files: result.files,
  };
}

/**
 * A new folder with a `package.json` that depends on the packed tarball only, installed with
 * `npm ci --offline` (see the top of this file). Returns the folder.
 */
export async function installPacked(packed: PackedTarball): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pg-consumer-'));
  const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[''] ?? {};
  const spec = `file:${packed.tarball}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { 'profile-graph': spec } },
    'node_modules/profile-graph': {
      version: root.version,
      resolved: spec,
      integrity: packed.integrity,
      license: root.license,
      dependencies: root.dependencies,
      peerDependencies: root.peerDependencies,
      peerDependenciesMeta: root.peerDependenciesMeta,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages))
    if (key !== '' && entry.dev !== true && entry.devOptional !== true) packages[key] = entry;
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { 'profile-graph': spec },
  };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    path.join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir });
  return dir;
}
