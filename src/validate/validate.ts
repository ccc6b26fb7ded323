import path from 'node:path';
import { listDataFiles, type DataFile } from '../load/load-sources.js';
import { buildNodeIndex, type NodeIndex } from './node-index.js';
import type { SourceFile } from '../load/source-file.js';
import type { SiteConfig } from '../model/config.js';
import type { ProgressListener } from '../model/progress.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { Quad, Term } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { createDocumentLoader, type DocumentLoader } from '../rdf/document-loader.js';
import { withPageDates } from '../rdf/page-dates.js';
import { createSchemaOrgTerms, type SchemaOrgTerms } from '../rdf/schema-org-terms.js';
import { canonicalizeQuads, CanonicalizationTooComplexError } from '../rdf/canonical.js';
import { loadVocabulary, type Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValidationContext } from './context.js';
import type { FileCheck } from './file-check.js';
import { checkFiles } from './file-check-batches.js';
import type { FileResult } from './file-worker.js';
import { checkIntegrity } from './integrity.js';
import {
  createJsonSchemaValidator,
  NO_JSON_SCHEMA,
  type JsonSchemaValidator,
} from './json-schema.js';
import { RULE_SET_NAMES, type RuleSet } from './rule-sets.js';
import { createShaclValidator, type ShaclValidator } from './shacl.js';
import {
  cachedFile,
  cachedGraph,
  graphKey,
  keyFiles,
  storeFile,
  storeGraph,
  type ValidationCache,
} from './validation-cache.js';
import { checkVocabulary } from './vocabulary-check.js';
import { listMediaFiles } from '../load/media-files.js';

/** The expensive, reusable parts of validation: built once per run (or per server), then shared. */
export interface Validators {
  /** Where the shapes were read from, and the root their paths are shown relative to (workers read them again). */
  shapesDir: string;
  root: string;
  /** The rule sets these validators check (see `rule-sets.ts`), in registry order. */
  ruleSets: readonly RuleSet[];
  documentLoader: DocumentLoader;
  terms: SchemaOrgTerms;
  jsonSchema: JsonSchemaValidator;
  vocabulary: Vocabulary;
  shacl: ShaclValidator;
}

/** The validation stages, in order; also the keys of {@link ValidationResult.timings}. */
export type Stage = 'load' | 'schema' | 'jsonld' | 'vocabulary' | 'integrity' | 'shacl';

/** Everything validation found and built, so later steps (publish, serve) need not redo it. */
export interface ValidationResult {
  /** All findings, sorted by file, line, column, code. */
  diagnostics: Diagnostic[];
  /** Sources that parsed. */
  sources: SourceFile[];
  /** The canonical dataset (empty when the JSON-LD stage failed). */
  quads: Quad[];
  /** The graph-level context, when the graph stages ran. */
  context?: ValidationContext;
  /** Milliseconds spent in each stage that ran. */
  timings: Partial<Record<Stage, number>>;
}

/**
 * Builds the validators of the chosen rule sets (default: all) from the shapes directory: JSON
 * Schemas (`*.schema.json`, `profile`), SHACL shapes (`*.ttl` for `profile`, `google/*.ttl` for
 * `google`), the schema.org vocabulary and the offline document loader. Throws a
 * `ProfileGraphError` (exit 2) when a schema or shapes file is itself broken.
 */
export async function createValidators(
  shapesDir: string,
  root: string,
  options: {
    shaclWorkerMinQuads?: number;
    ruleSets?: readonly RuleSet[];
    /** Reuse SHACL results of nodes described the same in an earlier graph (default true). */
    shaclNodeCache?: boolean;
  } = {},
): Promise<Validators> {
  const ruleSets = options.ruleSets ?? RULE_SET_NAMES;
  const [jsonSchema, shacl] = await Promise.all([
    ruleSets.includes('profile')
      ? createJsonSchemaValidator(shapesDir, root, { lazy: true })
      : Promise.resolve(NO_JSON_SCHEMA),
    createShaclValidator(shapesDir, root, {
      ruleSets,
      ...(options.shaclNodeCache === undefined ? {} : { nodeCache: options.shaclNodeCache }),
      ...(options.shaclWorkerMinQuads === undefined
        ? {}
        : { workerMinQuads: options.shaclWorkerMinQuads }),
    }),
  ]);
  return {
    shapesDir,
    root,
    ruleSets,
    documentLoader: createDocumentLoader(),
    terms: createSchemaOrgTerms(),
    jsonSchema,
    // Parsed on first use (once per thread, shared with SHACL's class hierarchy): a run whose
    // every result comes from the cache never needs it.
    get vocabulary() {
      return loadVocabulary();
    },
    shacl,
  };
}

/** Options for {@link validateProfile}. */
export interface ValidateOptions {
  /**
   * When the data was created and last modified (see `readDataHistory`): supplied to every
   * ProfilePage that does not state its own dates, before the graph layers run, so the report
   * describes the graph that is published.
   */
  history?: { created?: Date | undefined; modified?: Date | undefined };
  /**
   * Told about every stage as it goes: the per-file layers (`files`), the canonical `dataset`,
   * `vocabulary`, `integrity` and `shacl` (see `PROGRESS_STAGES`).
   */
  onProgress?: ProgressListener;
  /**
   * Threads for the per-file layers (default 1: this thread). Large profiles use worker
   * threads, each checking batches of files; see `checkFiles`.
   */
  workers?: number;
  /** Fewest files worth starting workers for (tests lower it). */
  parallelMinFiles?: number;
  /** The files to check instead of every data file under `config.data` (sorted by display path). */
  files?: readonly DataFile[];
  /**
   * Results of earlier runs to reuse: a file whose bytes, path and settings are unchanged is not
   * checked again, and an input whose every file is unchanged skips the graph layers. The
   * diagnostics are those a run without it gives (see validation-cache.ts).
   */
  cache?: ValidationCache | undefined;
}

/**
 * Validates the profile in `config.data` layer by layer: JSON syntax, JSON Schema and JSON-LD
 * per file (a file that fails a layer skips the later ones), then, only if every file is clean,
 * the graph layers: schema.org vocabulary and graph integrity together, then SHACL when those
 * found no errors (so one mistake is not reported three times). Each layer reports everything
 * it finds. Only the layers of `validators.ruleSets` run: JSON Schema is `profile`'s, vocabulary
 * and integrity are `schema.org`'s, and SHACL runs the shapes of the sets chosen. Never throws for bad data; a missing data directory is a `ProfileGraphError`.
 */
export async function validateProfile(
  config: SiteConfig,
  root: string,
  validators: Validators,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const timings: Partial<Record<Stage, number>> = {};
  const timed = async <T>(stage: Stage, work: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    }
  };
  const done = (
    diagnostics: Diagnostic[],
    sources: SourceFile[],
    quads: Quad[] = [],
    context?: ValidationContext,
  ) => ({
    diagnostics: sortDiagnostics(diagnostics),
    sources,
    quads,
    timings,
    ...(context ? { context } : {}),
  });

  const files = options.files
    ? [...options.files].sort((a, b) =>
        a.display < b.display ? -1 : a.display > b.display ? 1 : 0,
      )
    : await listDataFiles(config.data, root);
  const { cache } = options;
  const settings = JSON.stringify([config.baseUrl, validators.ruleSets]);
  const keyed = cache ? keyFiles(files, cache, settings) : [];
  const terms = new Map<string, Term>();
  const known = new Map<number, FileCheck>();
  if (cache)
    for (const [index, each] of keyed.entries()) {
      const found = cachedFile(cache, each, index, terms);
      if (found) known.set(index, found);
    }
  // Compiled only when a file is checked here (the schemas' errors are thrown before any is).
  if (known.size < files.length) validators.jsonSchema.prepare();
  const checked = await checkFiles(
    cache ? keyed.map((each) => each.file) : files,
    {
      jsonSchema: validators.jsonSchema,
      documentLoader: validators.documentLoader,
      baseUrl: config.baseUrl,
    },
    {
      workers: options.workers ?? 1,
      workerData: {
        shapesDir: validators.shapesDir,
        root: validators.root,
        baseUrl: config.baseUrl,
        jsonSchema: validators.ruleSets.includes('profile'),
      },
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.parallelMinFiles === undefined
        ? {}
        : { parallelMinFiles: options.parallelMinFiles }),
      ...(cache
        ? {
            known,
            onChecked: (index: number, result: FileResult) => {
              const each = keyed[index];
              if (each) storeFile(cache, each, index, result);
            },
          }
        : {}),
    },
  );
  // Summed over files (and over threads when workers ran): where the work went, not wall time.
  Object.assign(timings, checked.ms);
  const diagnostics = [...checked.diagnostics];
  const sources = checked.sources;
  if (hasErrors(diagnostics)) return done(diagnostics, sources);
  // The whole input unchanged (every file, the configuration, the page dates): the graph layers
  // would find what they found last time.
  // The images beside the data: only the data folder has them, not the loose files of `validate PATH…`.
  const media = new Set<string>(
    options.files ? [] : (await listMediaFiles(config.data, root)).map((each) => each.relative),
  );
  const wholeKey =
    cache &&
    graphKey(
      keyed,
      JSON.stringify([
        [...media],
        config,
        validators.ruleSets,
        options.history?.created?.toISOString(),
        options.history?.modified?.toISOString(),
      ]),
    );
  const stored = cache && wholeKey !== undefined ? cachedGraph(cache, wholeKey) : undefined;
  if (stored) {
    const quads = [...quadsFromIds(stored.quadIds, terms)];
    return done(
      [...diagnostics, ...stored.diagnostics],
      sources,
      quads,
      graphContext(config, sources, validators, quads, media),
    );
  }
  const fileDiagnostics = diagnostics.length;
  const { onProgress } = options;
  let canonical: Quad[];
  onProgress?.('dataset', 0, checked.quads.length);
  try {
    canonical = await timed('jsonld', () => canonicalizeQuads(checked.quads));
  } catch (error) {
    if (!(error instanceof CanonicalizationTooComplexError)) throw error;
    return done([...diagnostics, ...tooComplexByFile(error, files)], sources);
  }
  const quads = options.history ? await withPageDates(canonical, options.history) : canonical;
  onProgress?.('dataset', quads.length, quads.length);

  const context = graphContext(config, sources, validators, quads, media);
  // A large graph's SHACL runs in a worker thread: started now, alongside vocabulary and
  // integrity, and stopped if they find errors (SHACL reports only on a graph they accept).
  const stop = new AbortController();
  const shaclStarted = performance.now();
  const early = validators.shacl.runsApart(quads.length)
    ? validators.shacl.validate(context, stop.signal, onProgress)
    : undefined;
  early?.catch(() => undefined);
  if (validators.ruleSets.includes('schema.org')) {
    diagnostics.push(
      ...(await timed('vocabulary', () =>
        checkVocabulary(context, validators.vocabulary, onProgress),
      )),
    );
    diagnostics.push(...(await timed('integrity', () => checkIntegrity(context, onProgress))));
  }
  if (hasErrors(diagnostics)) stop.abort();
  else if (early) {
    diagnostics.push(...(await early));
    // Its own span, which overlaps the two stages above.
    timings.shacl = performance.now() - shaclStarted;
  } else {
    diagnostics.push(
      ...(await timed('shacl', () => validators.shacl.validate(context, undefined, onProgress))),
    );
  }
  if (cache && wholeKey !== undefined)
    storeGraph(cache, wholeKey, {
      quadIds: quadsToIds(quads),
      diagnostics: diagnostics.slice(fileDiagnostics),
    });
  return done(diagnostics, sources, quads, context);
}

/** The graph layers' view of a validated input, its node index built on first use. */
function graphContext(
  config: SiteConfig,
  sources: SourceFile[],
  validators: Validators,
  quads: Quad[],
  media: ReadonlySet<string>,
): ValidationContext {
  let nodes: NodeIndex | undefined;
  return {
    config,
    sources,
    // Built on first use, so a SHACL run in workers (which reads only the quads until its report
    // comes back) starts before it rather than after.
    get nodes() {
      return (nodes ??= buildNodeIndex(sources, config.baseUrl, validators.terms));
    },
    terms: validators.terms,
    quads,
    media,
  };
}

/**
 * One `rdf/canonicalization-too-complex` error per file whose blank nodes are too alike, found
 * by their labels' `f<index>_` prefix (see `checkFile`).
 */
function tooComplexByFile(
  error: CanonicalizationTooComplexError,
  files: readonly DataFile[],
): Diagnostic[] {
  const perFile = new Map<number, number>();
  for (const label of error.blankNodes) {
    const index = Number(/^f(\d+)_/.exec(label)?.[1] ?? -1);
    perFile.set(index, (perFile.get(index) ?? 0) + 1);
  }
  const [template] = error.diagnostics;
  return [...perFile].map(([index, count]) => {
    const file = files[index]?.display;
    return {
      code: 'rdf/canonicalization-too-complex',
      severity: 'error',
      message: `${String(count)} blank nodes${file === undefined ? '' : ' of this file'} are too alike to be labelled canonically with bounded work (RDFC-1.0); they would make every build slow.`,
      ...(template?.hint === undefined ? {} : { hint: template.hint }),
      ...(file === undefined ? {} : { file }),
    };
  });
}

/** Resolves the shapes directory of a configuration against its root. */
export function shapesDirectory(config: SiteConfig, root: string): string {
  return path.resolve(root, config.shapes);
}
