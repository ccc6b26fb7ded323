import path from 'node:path';
import { readDataHistory, type HistoryEnvironment } from '../load/data-history.js';
import type { SiteConfig } from '../model/config.js';
import type { ProgressListener } from '../model/progress.js';
import { canonicalizeQuads } from '../rdf/canonical.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import {
  shapesDirectory,
  validateProfile,
  type ValidationResult,
  type Validators,
} from '../validate/validate.js';
import { publishSite, type Site } from './site.js';

/** The outcome of a build: a Site when the data is valid, else the diagnostics that stopped it. */
export type BuildResult =
  | {
      ok: true;
      // No ValidationResult here: it holds every source file's text, JSON and positions and
      // the node index (about 1 GB at 100,000 people), which a Site being served or exported
      // must not keep alive.
      site: Site;
      diagnostics: Diagnostic[];
      /** Milliseconds per stage: the validation stages, then `render`. */
      timings: Record<string, number>;
    }
  | { ok: false; validation: ValidationResult; diagnostics: Diagnostic[] };

/** Options for {@link buildSite}. */
export interface BuildOptions {
  /** Consulted for `SOURCE_DATE_EPOCH` (see `readDataHistory`). */
  env: HistoryEnvironment;
  onProgress?: ProgressListener;
  /** Threads for validation's per-file layers (see `validateProfile`). */
  workers?: number;
  /** Render documents on first request within a byte budget (serve), not all now (export). */
  renderOnDemand?: { maxBytes: number };
  /** False leaves documents' gzip and br variants to the export's writers (see `publishSite`). */
  precompress?: boolean;
}

/**
 * Validates the profile and, when it has no errors, publishes the Site from the validated
 * dataset (warnings are carried along). Invalid data never yields a Site, so nothing
 * half-valid is ever served or exported. The data's history (git, `SOURCE_DATE_EPOCH`) dates
 * the ProfilePage; the newer of the data's and the shapes' last change is the Last-Modified
 * of every response.
 */
export async function buildSite(
  config: SiteConfig,
  root: string,
  validators: Validators,
  options: BuildOptions,
): Promise<BuildResult> {
  const { env, onProgress } = options;
  const [history, shapesHistory] = await Promise.all([
    readDataHistory([path.resolve(root, config.data)], env),
    readDataHistory([shapesDirectory(config, root)], env),
  ]);
  const validation = await validateProfile(config, root, validators, {
    history,
    ...(onProgress ? { onProgress } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  if (hasErrors(validation.diagnostics))
    return { ok: false, validation, diagnostics: validation.diagnostics };
  const rendering = performance.now();
  const site = await publishSite({
    config,
    quads: validation.quads,
    // Canonical labels, so the shapes' blank nodes serialise the same in every build.
    shapes: await canonicalizeQuads(validators.shacl.shapes),
    documentLoader: validators.documentLoader,
    lastModified:
      shapesHistory.modified > history.modified ? shapesHistory.modified : history.modified,
    ...(onProgress ? { onProgress } : {}),
    ...(options.renderOnDemand ? { renderOnDemand: options.renderOnDemand } : {}),
    ...(options.precompress === undefined ? {} : { precompress: options.precompress }),
  });
  const timings = { ...validation.timings, render: performance.now() - rendering };
  return { ok: true, site, diagnostics: validation.diagnostics, timings };
}
