import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type LoadedConfig } from '../load/config.js';
import { discoverInputs } from '../load/discover-inputs.js';
import { HOST_NAMES } from '../export/hosts.js';
import { suggest } from '../vocab/did-you-mean.js';
import { requireDirectory, type DataFile } from '../load/load-sources.js';
import type { HistoryEnvironment } from '../load/data-history.js';
import { diagnosticAt } from '../load/source-file.js';
import type { SiteConfig } from '../model/config.js';
import { DEFAULT_CACHE_DIR } from '../runtime/cache-store.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { expandLabelProperty, LABEL_PREFIXES } from '../publish/html/entity-labels.js';
import {
  defaultRuleSets,
  parseRuleSets,
  unknownRuleSetMessage,
  type RuleSet,
  type UnknownRuleSet,
} from '../validate/rule-sets.js';
import { createValidators, shapesDirectory, type Validators } from '../validate/validate.js';

/** The command-line flags every command that reads the profile shares. */
export interface ProjectFlags {
  config?: string | undefined;
  baseUrl?: string | undefined;
  data?: string | undefined;
  shapes?: string | undefined;
  /** `--rules`: a comma-separated list of rule set names. */
  rules?: string | undefined;
  /**
   * `validate PATH…`: files, folders or globs to check instead of the data folder (loose input:
   * see `discoverInputs`), relative to the working directory.
   */
  paths?: readonly string[] | undefined;
  /** `--sparql-endpoint`: an external SPARQL endpoint (`sparqlEndpoint` in the configuration). */
  sparqlEndpoint?: string | undefined;
  /**
   * `--cache DIR`: the cache folder, relative to the working directory (else the configuration's
   * `cache`, else `.profile-graph/cache` beside it); false runs without one.
   */
  cache?: string | false | undefined;
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
  /**
   * The rule sets to check: `--rules`, else the configuration's `rules`, else all of them for
   * the data folder and `defaultRuleSets('loose')` for {@link files}.
   */
  ruleSets: RuleSet[];
  /** Loose input named on the command line, checked instead of the data folder. */
  files?: DataFile[];
  /** Consulted for `SOURCE_DATE_EPOCH` (see `readDataHistory`). */
  env: HistoryEnvironment;
  /** The absolute cache folder (see `ProjectFlags.cache`); absent: no cache. */
  cacheDir?: string;
}

/** An opened project: its location and the validators built from its shapes. */
export interface Project extends ProjectLocation {
  validators: Validators;
}

/**
 * Reads the configuration (`--config`, else `profile-graph.config.json` in `cwd`, else the
 * defaults) with the flags applied over it. Throws a `ProfileGraphError` (exit 2) for a bad
 * configuration file or base URL, and `cli/unknown-rule-set` for a rule set name that does not
 * exist (located in the configuration file when it is written there).
 */
export async function locateProject(
  flags: ProjectFlags,
  io: { cwd: string; env: HistoryEnvironment },
): Promise<ProjectLocation> {
  const loaded = await loadConfig(
    flags.config,
    {
      baseUrl: flags.baseUrl,
      data: flags.data,
      shapes: flags.shapes,
      sparqlEndpoint: flags.sparqlEndpoint,
    },
    io.cwd,
  );
  const { config, root, baseUrlConfigured } = loaded;
  checkLabelProperties(loaded);
  checkHost(loaded);
  const files =
    flags.paths !== undefined && flags.paths.length > 0
      ? await discoverInputs(flags.paths, io.cwd, root)
      : undefined;
  return {
    config,
    root,
    baseUrlConfigured,
    dataDir: path.resolve(root, config.data),
    shapesDir: chooseShapesDirectory(flags.shapes, loaded),
    // A project is a profile written for this tool: it gets every rule set unless told otherwise;
    // pages and files named on the command line were written for search engines, not for it.
    ruleSets: chooseRuleSets(flags.rules, loaded) ?? defaultRuleSets(files ? 'loose' : 'project'),
    ...(files ? { files } : {}),
    ...(flags.cache === false
      ? {}
      : {
          cacheDir:
            flags.cache === undefined
              ? path.resolve(root, config.cache ?? DEFAULT_CACHE_DIR)
              : path.resolve(io.cwd, flags.cache),
        }),
    // Only what the history reads: the whole environment need not cross threads.
    env:
      io.env.SOURCE_DATE_EPOCH === undefined ? {} : { SOURCE_DATE_EPOCH: io.env.SOURCE_DATE_EPOCH },
  };
}

/**
 * The package's own `shapes/` folder. Works from `src/` (tsx, tests) and from `dist/` (the
 * installed package), both two levels below the package root.
 */
export function bundledShapesDirectory(): string {
  return fileURLToPath(new URL('../../shapes', import.meta.url));
}

/**
 * The shapes folder named by `--shapes` or the configuration file's `shapes` (which must exist);
 * else `./shapes` when the project has one; else the shapes bundled in the package, so data
 * validates in any folder with no setup. A project's folder replaces the bundled shapes rather
 * than adding to them: it is a whole profile (its JSON Schemas refer to each other by file), and
 * two profiles checked at once would report every shared rule twice.
 */
function chooseShapesDirectory(flag: string | undefined, loaded: LoadedConfig): string {
  const { config, root, source } = loaded;
  const written =
    flag !== undefined ||
    (typeof source?.json === 'object' && source.json !== null && 'shapes' in source.json);
  const own = shapesDirectory(config, root);
  return written || existsSync(own) ? own : bundledShapesDirectory();
}

/**
 * The rule sets `--rules` names, else those of the configuration file, else undefined (the
 * caller's default). Throws `cli/unknown-rule-set` (exit 2) for each unknown name: said with the
 * flag, or located at its place in the configuration file.
 */
function chooseRuleSets(flag: string | undefined, loaded: LoadedConfig): RuleSet[] | undefined {
  const written = flag ?? loaded.config.rules;
  if (written === undefined) return undefined;
  const parsed = parseRuleSets(written);
  if (parsed.ok) return parsed.ruleSets;
  const source = flag === undefined ? loaded.source : undefined;
  throw new ProfileGraphError(
    parsed.unknown.map((unknown): Diagnostic => {
      const diagnostic = {
        code: 'cli/unknown-rule-set' as const,
        severity: 'error' as const,
        message: source
          ? unknownRuleSetMessage(unknown)
          : `--rules "${flag ?? ''}": ${unknownRuleSetMessage(unknown)}`,
        ...hintFor(unknown),
      };
      if (source === undefined) return diagnostic;
      const pointer = Array.isArray(loaded.config.rules)
        ? `/rules/${String(unknown.index)}`
        : '/rules';
      return diagnosticAt(source, pointer, diagnostic);
    }),
    2,
  );
}

/**
 * Throws `config/invalid` (exit 2) at each `labelProperties` entry that names no predicate: a
 * prefix the pages do not know, or neither `prefix:local` nor an absolute http(s) IRI. A label
 * read from nowhere would silently fall back to paths on every page.
 */
function checkLabelProperties(loaded: LoadedConfig): void {
  const entries = loaded.config.labelProperties ?? [];
  const problems = entries.flatMap((entry, index): Diagnostic[] => {
    if (expandLabelProperty(entry) !== undefined) return [];
    const diagnostic: Diagnostic = {
      code: 'config/invalid',
      severity: 'error',
      message: `"labelProperties" entry "${entry}" names no predicate: write prefix:local with a prefix of ${Object.keys(
        LABEL_PREFIXES,
      ).join(', ')}, or an absolute http(s) IRI.`,
    };
    return [
      loaded.source === undefined
        ? diagnostic
        : diagnosticAt(loaded.source, `/labelProperties/${String(index)}`, diagnostic),
    ];
  });
  if (problems.length > 0) throw new ProfileGraphError(problems, 2);
}

/**
 * Throws `config/invalid` (exit 2) at the configuration's `host` when it names no host `build`
 * can write for: every command checks it, so a typo is found before the build that needs it.
 */
function checkHost(loaded: LoadedConfig): void {
  const { host } = loaded.config;
  if (host === undefined || (HOST_NAMES as readonly string[]).includes(host)) return;
  const diagnostic: Diagnostic = {
    code: 'config/invalid',
    severity: 'error',
    message: `"host" "${host}" is not a host build writes for; choose one of ${HOST_NAMES.join(', ')}.`,
    ...hintFor({ suggestion: suggest(host.toLowerCase(), HOST_NAMES) }),
  };
  throw new ProfileGraphError(
    [loaded.source === undefined ? diagnostic : diagnosticAt(loaded.source, '/host', diagnostic)],
    2,
  );
}

function hintFor(
  unknown: Pick<UnknownRuleSet, 'suggestion'> | { suggestion?: string | undefined },
): {
  hint?: string;
} {
  return unknown.suggestion === undefined ? {} : { hint: `did you mean "${unknown.suggestion}"?` };
}

/**
 * Builds the validators of a located project (JSON Schemas, SHACL shapes, vocabulary). Throws a
 * `ProfileGraphError` (exit 2) when the data folder is missing or a schema or shapes file is
 * itself broken.
 */
export async function openLocatedProject(location: ProjectLocation): Promise<Project> {
  // Before the validators: a mistyped --data is the likelier mistake, and costs nothing to find.
  if (!location.files) await requireDirectory(location.dataDir, location.root, 'Data');
  return {
    ...location,
    validators: await createValidators(location.shapesDir, location.root, {
      ruleSets: location.ruleSets,
    }),
  };
}

/** {@link locateProject} then {@link openLocatedProject}: what every command starts with. */
export async function openProject(
  flags: ProjectFlags,
  io: { cwd: string; env: HistoryEnvironment },
): Promise<Project> {
  return openLocatedProject(await locateProject(flags, io));
}
