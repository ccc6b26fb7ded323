import type { SourceFile } from '../load/source-file.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { DataFileOut, JsonObject } from './data-files.js';
import { checkFields, isObject, type ShapeSpec } from './input-check.js';
import { jsonResumeToData } from './json-resume-import.js';
import { JSON_RESUME_SPEC } from './json-resume-spec.js';
import { orcidToData } from './orcid-import.js';
import { ORCID_SPEC } from './orcid-spec.js';

/** The formats `import` reads. */
export const IMPORT_FORMATS = ['orcid', 'json-resume'] as const;
/** One of {@link IMPORT_FORMATS}. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

interface Bridge {
  title: string;
  spec: ShapeSpec;
  toData: (document: JsonObject) => DataFileOut[];
  /** Whether a document's top-level keys say it is in this format. */
  detect: (keys: ReadonlySet<string>) => boolean;
  /** Whether `null` counts as an absent field (ORCID writes them). */
  nulls: boolean;
}

const JSON_RESUME_SECTIONS = Object.keys(JSON_RESUME_SPEC);

const BRIDGES: Record<ImportFormat, Bridge> = {
  orcid: {
    title: 'an ORCID record (API v3.0)',
    spec: ORCID_SPEC,
    toData: orcidToData,
    detect: (keys) => keys.has('orcid-identifier') || keys.has('activities-summary'),
    nulls: true,
  },
  'json-resume': {
    nulls: false,
    title: 'JSON Resume (schema v1.0.0)',
    spec: JSON_RESUME_SPEC,
    toData: jsonResumeToData,
    detect: (keys) => JSON_RESUME_SECTIONS.some((section) => keys.has(section)),
  },
};

/**
 * Which format a parsed document is in: the first whose top-level keys it has (ORCID's
 * `orcid-identifier`/`activities-summary`, JSON Resume's sections), or undefined.
 */
export function detectFormat(source: SourceFile): ImportFormat | undefined {
  if (!isObject(source.json)) return undefined;
  const keys = new Set(Object.keys(source.json));
  return IMPORT_FORMATS.find((format) => BRIDGES[format].detect(keys));
}

/** The outcome of {@link importDocument}: the data files, and what was found on the way. */
export type ImportOutcome =
  | { ok: true; files: DataFileOut[]; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Turns a parsed document in `format` (detected when undefined) into data files. Returns the
 * located diagnostics instead when the format cannot be told (`bridge/unknown-format`) or a
 * field is invalid (`bridge/invalid-value`); fields the format does not define come back as
 * `bridge/unknown-field` warnings beside the files. Never throws for bad input.
 */
export function importDocument(source: SourceFile, format?: ImportFormat): ImportOutcome {
  const chosen = format ?? detectFormat(source);
  if (chosen === undefined)
    return {
      ok: false,
      diagnostics: [
        {
          code: 'bridge/unknown-format',
          severity: 'error',
          message: `${source.path} is neither a JSON Resume document nor an ORCID record; give --from (${IMPORT_FORMATS.join(', ')}).`,
          file: source.path,
          ...(isObject(source.json) ? {} : { pointer: '', line: 1, column: 1 }),
        },
      ],
    };
  const bridge = BRIDGES[chosen];
  // A format named with --from that the document does not follow would import nothing.
  if (
    isObject(source.json) &&
    !Object.keys(source.json).some((key) => Object.hasOwn(bridge.spec, key))
  )
    return {
      ok: false,
      diagnostics: [
        {
          code: 'bridge/unknown-format',
          severity: 'error',
          message: `${source.path} has none of the fields of ${bridge.title}.`,
          file: source.path,
        },
      ],
    };
  const diagnostics = checkFields(source, bridge.spec, bridge.title, { nulls: bridge.nulls });
  if (hasErrors(diagnostics) || !isObject(source.json)) return { ok: false, diagnostics };
  return { ok: true, files: bridge.toData(source.json), diagnostics };
}
