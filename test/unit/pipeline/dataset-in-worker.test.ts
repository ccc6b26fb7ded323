import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import {
  createDatasetWorker,
  runPipelineInWorker,
} from '../../../src/pipeline/dataset-in-worker.js';
import {
  buildDataset,
  locateProject,
  openLocatedProject,
} from '../../../src/pipeline/run-pipeline.js';
import { REPO_ROOT } from '../../support/profile.js';

const io = { cwd: REPO_ROOT, env: { SOURCE_DATE_EPOCH: '1767225600' } };

describe('runPipelineInWorker', { timeout: 120_000 }, () => {
  const worker = createDatasetWorker();
  afterAll(() => worker.close());

  it('returns the dataset buildDataset builds in this thread, quad for quad', async () => {
    const location = await locateProject({}, io);
    const [inWorker, here] = await Promise.all([
      runPipelineInWorker(worker, location),
      openLocatedProject(location).then((project) => buildDataset(project)),
    ]);
    if (!inWorker.ok || !here.ok) throw new Error('the bundled profile must be valid');
    expect(inWorker.dataset.quads).toEqual(here.dataset.quads);
    expect(inWorker.dataset.shapes).toEqual(here.dataset.shapes);
    expect(inWorker.dataset.lastModified).toEqual(here.dataset.lastModified);
    expect(inWorker.diagnostics).toEqual(here.diagnostics);
    expect(inWorker.files).toBe(here.files);
  });

  it('past its budget, ends the run with one pipeline/timeout error at the data folder; the next run works', async () => {
    const location = await locateProject({}, io);
    const late = await runPipelineInWorker(worker, location, { timeoutMs: 1 });
    expect(late).toMatchObject({
      ok: false,
      diagnostics: [
        {
          code: 'pipeline/timeout',
          severity: 'error',
          file: 'data',
          message: 'Loading and validating the data took longer than 1 ms and was stopped.',
        },
      ],
    });
    expect((await runPipelineInWorker(worker, location)).ok).toBe(true);
  });

  it('rejects with the located error a missing data folder gives in this thread', async () => {
    const location = await locateProject({ data: 'nowhere' }, io);
    const failure = await runPipelineInWorker(worker, location).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProfileGraphError);
    expect((failure as ProfileGraphError).diagnostics).toEqual([
      {
        code: 'io/not-found',
        severity: 'error',
        message: `Data directory not found: ${path.join('nowhere')}`,
      },
    ]);
  });
});
