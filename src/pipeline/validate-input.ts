import path from 'node:path';
import { toDisplayPath, type DataFile } from '../load/load-sources.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import { createValidators, validateProfile } from '../validate/validate.js';
import {
  locateProject,
  openLocatedProject,
  type ProjectFlags,
  type ProjectLocation,
} from './open-project.js';
import { buildDataset } from './run-pipeline.js';

/** Where and how to validate: the `validate` command's flags, and its working directory. */
export interface ValidateInputOptions extends ProjectFlags {
  /** Folder the configuration and relative paths resolve against (default: the current one). */
  cwd?: string;
  /** Consulted for `SOURCE_DATE_EPOCH` (page dates), as the CLI consults the environment. */
  env?: { SOURCE_DATE_EPOCH?: string | undefined };
}

/** What validation found: the `validate --format json` array, and what the summary line counts. */
export interface ValidationReport {
  /** No error diagnostics (warnings allowed, as `validate` without `--strict`). */
  ok: boolean;
  /** Every finding, sorted by file, line, column, code: what `validate --format json` prints. */
  diagnostics: Diagnostic[];
  /** Files that parsed. */
  files: number;
  /** Triples of the graph validated (0 when a file-level layer stopped it). */
  triples: number;
}

/**
 * Validates the project's data folder exactly as `profile-graph validate` does (the same
 * pipeline: configuration, the six layers, page dates from the data's history), so the
 * diagnostics equal `validate --format json`'s. Throws `ProfileGraphError` (exit 2) for a bad
 * configuration or a missing folder, as the command exits 2.
 */
export async function validateFolder(
  options: ValidateInputOptions = {},
): Promise<ValidationReport> {
  const project = await openLocatedProject(await locate(options));
  const outcome = await buildDataset(project);
  return {
    ok: !hasErrors(outcome.diagnostics),
    diagnostics: outcome.diagnostics,
    files: outcome.files,
    triples: outcome.ok ? outcome.dataset.quads.length : outcome.triples,
  };
}

/**
 * Validates these JSON-LD files as one profile (their graph is checked whole, as a data folder
 * is), with the configuration and shapes `options` name. Paths in the diagnostics are relative
 * to the configuration's folder, as the CLI shows them. No page dates are added: they come from
 * a data folder's history, which a list of files has not.
 */
export async function validateFiles(
  files: readonly string[],
  options: ValidateInputOptions = {},
): Promise<ValidationReport> {
  const location = await locate(options);
  return validateDataFiles(
    location,
    files.map((file) => {
      const absolute = path.resolve(options.cwd ?? '.', file);
      return { file: absolute, display: toDisplayPath(absolute, location.root) };
    }),
  );
}

/**
 * Validates JSON-LD documents held in memory, keyed by the name diagnostics give them (such as
 * `person.jsonld`). Each is written as `JSON.stringify(document, null, 2)` before it is read,
 * so lines and columns point into that text. As {@link validateFiles}: one graph, no page dates.
 */
export async function validateDocuments(
  documents: Readonly<Record<string, unknown>>,
  options: ValidateInputOptions = {},
): Promise<ValidationReport> {
  const encoder = new TextEncoder();
  return validateDataFiles(
    await locate(options),
    Object.entries(documents).map(([name, document]) => ({
      file: name,
      display: name,
      bytes: encoder.encode(`${JSON.stringify(document, null, 2)}\n`),
    })),
  );
}

function locate(options: ValidateInputOptions) {
  // A library call writes no cache unless asked to.
  return locateProject(
    { ...options, cache: options.cache ?? false },
    { cwd: path.resolve(options.cwd ?? '.'), env: options.env ?? {} },
  );
}

async function validateDataFiles(
  location: ProjectLocation,
  files: readonly DataFile[],
): Promise<ValidationReport> {
  const validators = await createValidators(location.shapesDir, location.root);
  const result = await validateProfile(location.config, location.root, validators, { files });
  return {
    ok: !hasErrors(result.diagnostics),
    diagnostics: result.diagnostics,
    files: result.sources.length,
    triples: result.quads.length,
  };
}
