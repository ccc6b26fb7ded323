// The task module of `runPipelineInWorker` (dataset-in-worker.ts): load, validate and build the
// dataset in this worker thread, so the thread that answers requests never does that work.
import type { MediaFile } from '../load/media-files.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { quadsToTable, type QuadTable } from '../rdf/term-ids.js';
import { serveTasks, withTransfer } from '../runtime/serve-tasks.js';
import {
  buildDataset,
  openLocatedProject,
  type ProjectLocation,
  type Timings,
} from './run-pipeline.js';

/** One run of the pipeline up to the dataset. */
export interface DatasetTask {
  location: ProjectLocation;
  /** Threads for validation's per-file layers (see `validateProfile`). */
  workers: number;
}

/** A `DatasetOutcome` as it crosses threads: quads as tables, whose indexes are transferred. */
export type DatasetReply =
  | {
      ok: true;
      quads: QuadTable;
      shapes: QuadTable;
      lastModified: Date;
      media: MediaFile[];
      diagnostics: Diagnostic[];
      files: number;
      timings: Timings;
    }
  | { ok: false; diagnostics: Diagnostic[]; files: number; triples: number; timings: Timings };

serveTasks<DatasetTask, DatasetReply>(() => async ({ location, workers }) => {
  // Opened for every task: the shapes may have changed since the last one.
  const built = await buildDataset(await openLocatedProject(location), { workers });
  if (!built.ok) return built;
  const quads = quadsToTable(built.dataset.quads);
  const shapes = quadsToTable(built.dataset.shapes);
  return withTransfer<DatasetReply>(
    {
      ok: true,
      quads,
      shapes,
      lastModified: built.dataset.lastModified,
      media: built.dataset.media,
      diagnostics: built.diagnostics,
      files: built.files,
      timings: built.timings,
    },
    [quads.indexes.buffer, shapes.indexes.buffer],
  );
});
