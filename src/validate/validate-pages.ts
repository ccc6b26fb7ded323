import { isHtmlPage } from '../load/html-scripts.js';
import type { DataFile } from '../load/load-sources.js';
import type { SiteConfig } from '../model/config.js';
import { ProfileGraphError, sortDiagnostics, type Diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import { createPool } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import { checkPageIntegrity } from './page-integrity.js';
import type { PageBatch, PageWorkerData } from './page-worker.js';
import { validateProfile, type Stage, type Validators } from './validate.js';

/** What {@link validatePages} found, summed over pages: no graph is kept, only the findings. */
export interface PagesValidation {
  /** Every finding of every page, sorted by file, line, column, code. */
  diagnostics: Diagnostic[];
  /** Pages that parsed and held structured data, and JSON-LD documents that parsed. */
  files: number;
  /** Triples of all page graphs together (a node repeated on two pages counts twice). */
  triples: number;
  /** Milliseconds per stage, summed over pages (over threads, when workers ran). */
  timings: Partial<Record<Stage, number>>;
}

/** What one page's validation leaves once its graph is dropped. */
export interface PageOutcome {
  diagnostics: Diagnostic[];
  /** 1 when the page parsed and held structured data, else 0. */
  files: number;
  triples: number;
  timings: Partial<Record<Stage, number>>;
}

/** Options for {@link validatePages}. */
export interface ValidatePagesOptions {
  /** Threads to spread the pages over (default 1: this thread). */
  workers?: number;
  /** Fewest pages worth starting workers for (default {@link PAGES_PARALLEL_MIN}; tests lower it). */
  parallelMinPages?: number;
  /** Told how many files are done, as they finish (the JSON-LD documents all at once). */
  onProgress?: ProgressListener;
}

/**
 * Below this many pages, starting workers (each builds its own validators: about 0.5 s) costs
 * more than it saves.
 */
export const PAGES_PARALLEL_MIN = 400;
/** Pages per message: enough to amortise messaging, few enough to keep both threads busy. */
const BATCH_PAGES = 100;

/**
 * Validates each HTML page as a graph of its own, the way a search engine reads each page: the
 * JSON-LD blocks of one page are one graph (see `jsonLdOfPage`), checked by every layer of
 * {@link validateProfile} and by `checkPageIntegrity`, and pages never meet, so an `@id` described on two pages (the site's
 * Organization on every page) is neither merged nor a conflict. Each page's graph is dropped
 * once it is checked, so memory holds one batch of pages per thread plus the findings, however
 * large the site. JSON-LD documents among the files (`.jsonld`, `.json`) are one graph together,
as a data folder is: they are written to refer to each other. From {@link PAGES_PARALLEL_MIN}
pages on, batches go to `workers` threads of
 * the worker pool, each with its own validators; the findings are the same either way.
 *
 * Never throws for bad data; rejects with a {@link ProfileGraphError} (exit code 2) carrying the
 * pool's `runtime/*` diagnostic when a worker fails.
 */
export async function validatePages(
  config: SiteConfig,
  validators: Validators,
  files: readonly DataFile[],
  options: ValidatePagesOptions = {},
): Promise<PagesValidation> {
  const total: PagesValidation = { diagnostics: [], files: 0, triples: 0, timings: {} };
  let done = 0;
  const add = (outcome: PageOutcome) => {
    total.diagnostics.push(...outcome.diagnostics);
    total.files += outcome.files;
    total.triples += outcome.triples;
    for (const [stage, ms] of Object.entries(outcome.timings) as [Stage, number][])
      total.timings[stage] = (total.timings[stage] ?? 0) + ms;
    options.onProgress?.('files', ++done, files.length);
  };
  const workers = options.workers ?? 1;
  const documents = files.filter((file) => !isHtmlPage(file.file));
  const pages = files.filter((file) => isHtmlPage(file.file));
  if (documents.length > 0) {
    const result = await validateProfile(config, validators.root, validators, {
      files: documents,
      workers,
    });
    add({
      diagnostics: result.diagnostics,
      files: result.sources.length,
      triples: result.quads.length,
      timings: result.timings,
    });
    done += documents.length - 1;
  }
  if (workers <= 1 || pages.length < (options.parallelMinPages ?? PAGES_PARALLEL_MIN)) {
    for (const file of pages) add(await validatePage(config, validators, file));
  } else {
    await inWorkers(config, validators, pages, workers, (outcomes) => {
      for (const outcome of outcomes) add(outcome);
    });
  }
  total.diagnostics = sortDiagnostics(total.diagnostics);
  return total;
}

/**
 * One page's graph through every layer, and the page's own integrity checks
 * (`checkPageIntegrity`, with the `schema.org` rule set), reduced to what
 * {@link PagesValidation} keeps.
 */
export async function validatePage(
  config: SiteConfig,
  validators: Validators,
  file: DataFile,
): Promise<PageOutcome> {
  const result = await validateProfile(config, validators.root, validators, { files: [file] });
  const started = performance.now();
  const page =
    result.context && validators.ruleSets.includes('schema.org')
      ? checkPageIntegrity(result.context, validators.vocabulary)
      : [];
  const integrity = (result.timings.integrity ?? 0) + performance.now() - started;
  return {
    diagnostics:
      page.length === 0 ? result.diagnostics : sortDiagnostics([...result.diagnostics, ...page]),
    files: result.sources.length,
    triples: result.quads.length,
    timings: { ...result.timings, integrity },
  };
}

async function inWorkers(
  config: SiteConfig,
  validators: Validators,
  files: readonly DataFile[],
  workers: number,
  onOutcomes: (outcomes: PageOutcome[]) => void,
): Promise<void> {
  const batches: PageBatch[] = [];
  for (let start = 0; start < files.length; start += BATCH_PAGES)
    batches.push({ files: files.slice(start, start + BATCH_PAGES) });
  const data: PageWorkerData = {
    config,
    shapesDir: validators.shapesDir,
    root: validators.root,
    ruleSets: validators.ruleSets,
  };
  const pool = createPool<PageBatch, PageOutcome[]>({
    entry: workerEntry(import.meta.url, 'page-worker'),
    purpose: 'checking pages',
    size: Math.min(workers, batches.length),
    workerData: () => ({ data }),
    tasksPerWorker: 2,
  });
  try {
    await Promise.all(
      batches.map(async (batch) => {
        const outcome = await pool.run(batch);
        if (!outcome.ok) throw new ProfileGraphError([outcome.diagnostic], 2);
        onOutcomes(outcome.value);
      }),
    );
  } finally {
    await pool.close();
  }
}
