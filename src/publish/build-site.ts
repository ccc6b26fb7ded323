import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../model/config.js';
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
  | { ok: true; site: Site; validation: ValidationResult; diagnostics: Diagnostic[] }
  | { ok: false; validation: ValidationResult; diagnostics: Diagnostic[] };

/**
 * Validates the profile and, when it has no errors, publishes the Site from the validated
 * dataset (warnings are carried along). Invalid data never yields a Site, so nothing
 * half-valid is ever served or exported.
 */
export async function buildSite(
  config: SiteConfig,
  root: string,
  validators: Validators,
): Promise<BuildResult> {
  const validation = await validateProfile(config, root, validators);
  if (hasErrors(validation.diagnostics))
    return { ok: false, validation, diagnostics: validation.diagnostics };
  const site = await publishSite({
    config,
    quads: validation.quads,
    // Canonical labels, so the shapes' blank nodes serialise the same in every build.
    shapes: await canonicalizeQuads(validators.shacl.shapes),
    documentLoader: validators.documentLoader,
    lastModified: await lastModifiedOf([
      path.resolve(root, config.data),
      shapesDirectory(config, root),
    ]),
  });
  return { ok: true, site, validation, diagnostics: validation.diagnostics };
}

/**
 * When the inputs last changed: `SOURCE_DATE_EPOCH` if set (reproducible builds convention),
 * else the newest modification time of any file under the given directories, to the second
 * (HTTP dates have one-second resolution, RFC 9110 §5.6.7).
 */
export async function lastModifiedOf(
  directories: readonly string[],
  env = process.env,
): Promise<Date> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  let newest = 0;
  for (const directory of directories) {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const info = await stat(path.join(entry.parentPath, entry.name));
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return new Date(Math.floor(newest / 1000) * 1000);
}
