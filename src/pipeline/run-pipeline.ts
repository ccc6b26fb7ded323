import { readDataHistory } from '../load/data-history.js';
import { listMediaFiles, readMediaFiles, type MediaFile } from '../load/media-files.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import type { SiteConfig } from '../model/config.js';
import { canonicalizeQuads } from '../rdf/canonical.js';
import type { Quad } from '../rdf/data-factory.js';
import type { DocumentLoader } from '../rdf/document-loader.js';
import type { RdfFormat } from '../rdf/formats.js';
import { publishSite, type Site } from '../publish/site.js';
import type { SparqlService } from '../publish/sparql-service.js';
import { validatePages } from '../validate/validate-pages.js';
import { openCacheStore } from '../runtime/cache-store.js';
import { validateProfile } from '../validate/validate.js';
import { toolFingerprint } from '../validate/validation-cache.js';
import type { Project } from './open-project.js';

export {
  locateProject,
  openLocatedProject,
  openProject,
  type Project,
  type ProjectFlags,
  type ProjectLocation,
} from './open-project.js';

/**
 * The one graph every command answers over: the validated data with the page dates its history
 * supplies (`withPageDates`), canonical and sorted, plus the shapes that are published beside it.
 */
export interface Dataset {
  quads: Quad[];
  /** The SHACL shapes, canonically labelled so their blank nodes serialise alike in every build. */
  shapes: Quad[];
  /** The newer of the data's and the shapes' last change: the Last-Modified of every response. */
  lastModified: Date;
  /** The images in the data folder, published at their path under the base URL (none for loose files). */
  media: MediaFile[];
}

/** Milliseconds per stage (`load`, `schema`, `jsonld`, …, and `render` once published). */
export type Timings = Record<string, number>;

/**
 * The outcome of {@link buildDataset}: the dataset and its warnings, or the diagnostics that
 * stopped it. Both say how many files were read and (when it got that far) how many triples.
 */
export type DatasetOutcome =
  | { ok: true; dataset: Dataset; diagnostics: Diagnostic[]; files: number; timings: Timings }
  | { ok: false; diagnostics: Diagnostic[]; files: number; triples: number; timings: Timings };

/** Options for {@link buildDataset}. */
export interface BuildDatasetOptions {
  onProgress?: ProgressListener | undefined;
  /** Threads for validation's per-file layers (see `validateProfile`). */
  workers?: number | undefined;
}

/**
 * Loads and validates the project's data and, when it has no errors, returns the dataset
 * (warnings are carried along). Invalid data never yields a dataset, so nothing half-valid is
 * queried, converted, served or exported. Validation only reports: the dataset is the graph it
 * checked, page dates included, so the report describes the published graph. Never throws for
 * bad data; a missing data folder is a `ProfileGraphError`.
 */
export async function buildDataset(
  project: Project,
  options: BuildDatasetOptions = {},
): Promise<DatasetOutcome> {
  const [history, shapesHistory] = await Promise.all([
    // Page dates come from a data folder's history, which loose files have not.
    project.files ? undefined : readDataHistory([project.dataDir], project.env),
    readDataHistory([project.shapesDir], project.env),
  ]);
  const validation = await validateProfile(project.config, project.root, project.validators, {
    ...(project.files ? { files: project.files } : { history }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(project.cacheDir === undefined
      ? {}
      : {
          cache: {
            store: openCacheStore(project.cacheDir),
            fingerprint: toolFingerprint(project.shapesDir),
          },
        }),
  });
  const { diagnostics } = validation;
  const files = validation.sources.length;
  const timings: Timings = { ...validation.timings };
  if (hasErrors(diagnostics))
    return { ok: false, diagnostics, files, triples: validation.quads.length, timings };
  return {
    ok: true,
    dataset: {
      quads: validation.quads,
      shapes: await canonicalizeQuads(project.validators.shacl.shapes),
      lastModified:
        history === undefined || shapesHistory.modified > history.modified
          ? shapesHistory.modified
          : history.modified,
      media: project.files ? [] : await listMediaFiles(project.config.data, project.root),
    },
    diagnostics,
    files,
    timings,
  };
}

/** What {@link checkProject} found: the `validate` command's report and summary line. */
export interface CheckOutcome {
  /** No error diagnostics. */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Files that parsed. */
  files: number;
  /** Triples validated: the dataset's, or all page graphs' together (0 when a file stopped it). */
  triples: number;
  timings: Timings;
}

/**
 * Validates what the project names: the data folder as one graph ({@link buildDataset}, page
 * dates included), or the loose input of `validate PATH…` with `validatePages`: each HTML page
 * one graph, as search engines read it, since a built site's pages repeat the same nodes and are
 * never one profile; the JSON-LD documents one graph together, as today. Never throws for bad
 * data.
 */
export async function checkProject(
  project: Project,
  options: BuildDatasetOptions = {},
): Promise<CheckOutcome> {
  if (project.files) {
    const checked = await validatePages(project.config, project.validators, project.files, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
    });
    return { ...checked, ok: !hasErrors(checked.diagnostics), timings: { ...checked.timings } };
  }
  const built = await buildDataset(project, options);
  return {
    ok: built.ok,
    diagnostics: built.diagnostics,
    files: built.files,
    triples: built.ok ? built.dataset.quads.length : built.triples,
    timings: built.timings,
  };
}

/** Options for {@link publishDataset}. */
export interface PublishOptions {
  onProgress?: ProgressListener | undefined;
  /** Render documents on first request within a byte budget (serve), not all now (export). */
  renderOnDemand?: { maxBytes: number } | undefined;
  /** False leaves documents' gzip and br variants to the export's writers (see `publishSite`). */
  precompress?: boolean | undefined;
  /** The SPARQL service whose query page and description the Site publishes (see `publishSite`). */
  sparql?: SparqlService | undefined;
  /** The RDF formats published (default every one; see `publishSite`). */
  formats?: readonly RdfFormat[] | undefined;
  /** False publishes no expanded or flattened JSON-LD forms (see `publishSite`). */
  jsonLdForms?: boolean | undefined;
  /** Record what each document's rendering reads, for build's manifest (see `publishSite`). */
  recordRenderInputs?: boolean | undefined;
}

/**
 * Publishes a dataset as the Site that `serve` and `build` send (see `publishSite`), with the
 * images of the data folder read now. Rejects with a `ProfileGraphError` (`io/unreadable`) when
 * an image cannot be read.
 */
export async function publishDataset(
  config: SiteConfig,
  documentLoader: DocumentLoader,
  dataset: Dataset,
  options: PublishOptions = {},
): Promise<Site> {
  return publishSite({
    config,
    media: await readMediaFiles(dataset.media, new URL(config.baseUrl).pathname),
    quads: dataset.quads,
    shapes: dataset.shapes,
    documentLoader,
    lastModified: dataset.lastModified,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.renderOnDemand ? { renderOnDemand: options.renderOnDemand } : {}),
    ...(options.precompress === undefined ? {} : { precompress: options.precompress }),
    ...(options.sparql ? { sparql: options.sparql } : {}),
    ...(options.formats ? { formats: options.formats } : {}),
    ...(options.jsonLdForms === undefined ? {} : { jsonLdForms: options.jsonLdForms }),
    ...(options.recordRenderInputs ? { recordRenderInputs: true } : {}),
  });
}

/** The outcome of {@link runPipeline}: a Site, or the outcome of the dataset that stopped it. */
export type PipelineOutcome =
  | { ok: true; site: Site; diagnostics: Diagnostic[]; files: number; timings: Timings }
  | Extract<DatasetOutcome, { ok: false }>;

/**
 * The whole pipeline: load → validate → dataset → publish. Returns the Site with the data's
 * warnings, or the diagnostics of invalid data (then nothing is published).
 */
export async function runPipeline(
  project: Project,
  options: BuildDatasetOptions & PublishOptions = {},
): Promise<PipelineOutcome> {
  const built = await buildDataset(project, options);
  if (!built.ok) return built;
  const rendering = performance.now();
  const site = await publishDataset(
    project.config,
    project.validators.documentLoader,
    built.dataset,
    options,
  );
  return {
    ok: true,
    site,
    diagnostics: built.diagnostics,
    files: built.files,
    timings: { ...built.timings, render: performance.now() - rendering },
  };
}
