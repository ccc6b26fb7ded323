import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import {
  createDatasetWorker,
  DATASET_IDLE_TIMEOUT_MS,
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

describe('the dataset worker between reloads', { timeout: 120_000 }, () => {
  const waitFor = async (condition: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return condition();
  };

  it('is ended once idle for idleTimeoutMs; the next run starts a fresh worker and builds the same dataset', async () => {
    const worker = createDatasetWorker({ idleTimeoutMs: 300 });
    try {
      const location = await locateProject({}, io);
      const first = await runPipelineInWorker(worker, location);
      if (!first.ok) throw new Error('the bundled profile must be valid');
      expect(worker.workers).toBe(1);
      expect(await waitFor(() => worker.workers === 0, 10_000)).toBe(true);
      const second = await runPipelineInWorker(worker, location);
      if (!second.ok) throw new Error('the run after the idle end must work');
      expect(second.dataset.quads).toEqual(first.dataset.quads);
      expect(second.diagnostics).toEqual(first.diagnostics);
      expect(worker.workers).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('never ends a worker while it runs, however short the idle timeout', async () => {
    // 1 ms idle, runs of hundreds of ms: the worker has a task throughout, so each run ends
    // with its dataset, never runtime/worker-failed.
    const worker = createDatasetWorker({ idleTimeoutMs: 1 });
    try {
      const location = await locateProject({}, io);
      const runs = await Promise.all([
        runPipelineInWorker(worker, location),
        runPipelineInWorker(worker, location),
      ]);
      expect(runs.map((run) => run.ok)).toEqual([true, true]);
      expect(await waitFor(() => worker.workers === 0, 10_000)).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('by default, is ended after DATASET_IDLE_TIMEOUT_MS without a run, and not before', async () => {
    // Only the pool's timers are faked; the worker's messages arrive as they do.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const worker = createDatasetWorker();
    try {
      const location = await locateProject({}, io);
      expect((await runPipelineInWorker(worker, location)).ok).toBe(true);
      vi.advanceTimersByTime(DATASET_IDLE_TIMEOUT_MS - 1);
      expect(worker.workers).toBe(1);
      vi.advanceTimersByTime(1);
      expect(worker.workers).toBe(0);
    } finally {
      vi.useRealTimers();
      await worker.close();
    }
  });
});
