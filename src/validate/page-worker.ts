// The task module that validates batches of pages, each as its own graph, in a worker thread;
// see validate-pages.ts. Only findings and counts travel back: the pages' graphs stay here and
// are dropped with the batch.
import type { DataFile } from '../load/load-sources.js';
import type { SiteConfig } from '../model/config.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { serveTasks } from '../runtime/serve-tasks.js';
import type { RuleSet } from './rule-sets.js';
import { validatePage, type PageOutcome } from './validate-pages.js';
import { createValidators } from './validate.js';

/** What a page worker is set up with: enough to build the validators the main thread has. */
export interface PageWorkerData {
  config: SiteConfig;
  shapesDir: string;
  root: string;
  ruleSets: readonly RuleSet[];
}

/** Pages for a worker to validate, one graph each. */
export interface PageBatch {
  files: DataFile[];
}

serveTasks<PageBatch, PageOutcome[]>(async (data) => {
  const { config, shapesDir, root, ruleSets } = data as PageWorkerData;
  // A page is never large enough to be worth SHACL's own worker threads: this one is the thread.
  const validators = await createValidators(shapesDir, root, {
    ruleSets,
    shaclWorkerMinQuads: Number.POSITIVE_INFINITY,
  });
  return async (batch) => {
    const outcomes: PageOutcome[] = [];
    for (const file of batch.files) {
      try {
        outcomes.push(await validatePage(config, validators, file));
      } catch (error) {
        // Said at the page it happened on (the layers return diagnostics; this is a bug).
        throw new ProfileGraphError([
          {
            code: 'runtime/task-failed',
            severity: 'error',
            message: `Checking this page failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
            file: file.display,
          },
        ]);
      }
    }
    return outcomes;
  };
});
