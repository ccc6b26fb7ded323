import path from 'node:path';
import { loadConfig } from '../load/config.js';
import { requireDirectory } from '../load/load-sources.js';
import type { HistoryEnvironment } from '../load/data-history.js';
import type { SiteConfig } from '../model/config.js';
import { createValidators, shapesDirectory, type Validators } from '../validate/validate.js';

/** The command-line flags every command that reads the profile shares. */
export interface ProjectFlags {
  config?: string | undefined;
  baseUrl?: string | undefined;
  data?: string | undefined;
  shapes?: string | undefined;
}

/**
 * Where a project is and how it is configured: plain data, so it can be sent to a worker
 * thread, which opens it there (see `dataset-worker.ts`).
 */
export interface ProjectLocation {
  config: SiteConfig;
  /** The folder the configuration's relative paths resolve against. */
  root: string;
  /** Whether the base URL came from a flag or the configuration file, not the default. */
  baseUrlConfigured: boolean;
  /** Absolute data and shapes folders. */
  dataDir: string;
  shapesDir: string;
  /** Consulted for `SOURCE_DATE_EPOCH` (see `readDataHistory`). */
  env: HistoryEnvironment;
}

/** An opened project: its location and the validators built from its shapes. */
export interface Project extends ProjectLocation {
  validators: Validators;
}

/**
 * Reads the configuration (`--config`, else `profile-graph.config.json` in `cwd`, else the
 * defaults) with the flags applied over it. Throws a `ProfileGraphError` (exit 2) for a bad
 * configuration file or base URL.
 */
export async function locateProject(
  flags: ProjectFlags,
  io: { cwd: string; env: HistoryEnvironment },
): Promise<ProjectLocation> {
  const { config, root, baseUrlConfigured } = await loadConfig(
    flags.config,
    { baseUrl: flags.baseUrl, data: flags.data, shapes: flags.shapes },
    io.cwd,
  );
  return {
    config,
    root,
    baseUrlConfigured,
    dataDir: path.resolve(root, config.data),
    shapesDir: shapesDirectory(config, root),
    // Only what the history reads: the whole environment need not cross threads.
    env:
      io.env.SOURCE_DATE_EPOCH === undefined ? {} : { SOURCE_DATE_EPOCH: io.env.SOURCE_DATE_EPOCH },
  };
}

/**
 * Builds the validators of a located project (JSON Schemas, SHACL shapes, vocabulary). Throws a
 * `ProfileGraphError` (exit 2) when the data folder is missing or a schema or shapes file is
 * itself broken.
 */
export async function openLocatedProject(location: ProjectLocation): Promise<Project> {
  // Before the validators: a mistyped --data is the likelier mistake, and costs nothing to find.
  await requireDirectory(location.dataDir, location.root, 'Data');
  return { ...location, validators: await createValidators(location.shapesDir, location.root) };
}

/** {@link locateProject} then {@link openLocatedProject}: what every command starts with. */
export async function openProject(
  flags: ProjectFlags,
  io: { cwd: string; env: HistoryEnvironment },
): Promise<Project> {
  return openLocatedProject(await locateProject(flags, io));
}
