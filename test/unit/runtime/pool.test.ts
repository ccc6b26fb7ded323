import { getEventListeners } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createPool,
  type Pool,
  type PoolOptions,
  type TaskOutcome,
} from '../../../src/runtime/pool.js';
import { workerEntry } from '../../../src/runtime/worker-entry.js';
import type { TestRequest, TestSetup, Whoami } from '../../fixtures/runtime/test-task.js';

const entry = workerEntry(import.meta.url, '../../fixtures/runtime/test-task');
const pools: Pool<TestRequest, unknown>[] = [];

function pool(options: Partial<PoolOptions> = {}): Pool<TestRequest, unknown> {
  const created = createPool<TestRequest, unknown>({
    entry,
    purpose: 'testing',
    size: 1,
    ...options,
  });
  pools.push(created);
  return created;
}

/** A pool whose workers are told apart by the order they were started in. */
function counted(options: Partial<PoolOptions> = {}): Pool<TestRequest, unknown> {
  let spawn = 0;
  return pool({ workerData: () => ({ data: { spawn: spawn++ } satisfies TestSetup }), ...options });
}

async function whoami(from: Pool<TestRequest, unknown>): Promise<Whoami> {
  return value(await from.run({ kind: 'whoami' })) as Whoami;
}

function value(outcome: TaskOutcome<unknown>): unknown {
  if (!outcome.ok) throw new Error(`task failed: ${outcome.diagnostic.message}`);
  return outcome.value;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((each) => each.close()));
});

describe('createPool', () => {
  it('runs tasks on up to `size` workers, each set up once', async () => {
    const two = counted({ size: 2 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => two.run({ kind: 'sleep', ms: 50 })),
    );
    expect(answers).toEqual(Array.from({ length: 6 }, () => ({ ok: true, value: 'slept' })));
    const seen = await Promise.all([whoami(two), whoami(two)]);
    expect(new Set(seen.map((each) => each.spawn))).toEqual(new Set([0, 1]));
    expect(seen.map((each) => each.setups)).toEqual([1, 1]);
    expect(seen.reduce((sum, each) => sum + each.tasks, 0)).toBe(8);
  });

  it('spreads tasks over the workers as they start when a worker may hold them all', async () => {
    const two = counted({ size: 2, tasksPerWorker: Infinity });
    const seen = await Promise.all(Array.from({ length: 6 }, () => whoami(two)));
    expect(seen.map((each) => each.spawn).sort()).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('moves transferred buffers both ways instead of copying them', async () => {
    const one = pool();
    const buffer = new ArrayBuffer(1024);
    expect(await one.run({ kind: 'measure', buffer }, { transfer: [buffer] })).toEqual({
      ok: true,
      value: 1024,
    });
    expect(buffer.byteLength).toBe(0);
    const back = value(await one.run({ kind: 'allocate', bytes: 2048 }));
    expect(back).toBeInstanceOf(ArrayBuffer);
    expect((back as ArrayBuffer).byteLength).toBe(2048);
  });

  it('returns a task that throws as runtime/task-failed with the error, and keeps the worker', async () => {
    const one = counted();
    const before = await whoami(one);
    expect(await one.run({ kind: 'throw', message: 'no space', code: 'ENOSPC' })).toEqual({
      ok: false,
      diagnostic: {
        code: 'runtime/task-failed',
        severity: 'error',
        message: 'A task testing failed: no space',
      },
      error: { name: 'Error', message: 'no space', code: 'ENOSPC' },
    });
    expect(await whoami(one)).toEqual({ ...before, tasks: 3 });
  });

  it('returns the diagnostic a task throws in a ProfileGraphError as it is', async () => {
    const one = pool();
    expect(await one.run({ kind: 'throw-located', file: 'data/x.jsonld' })).toMatchObject({
      ok: false,
      diagnostic: {
        code: 'runtime/task-failed',
        severity: 'error',
        message: 'It broke.',
        file: 'data/x.jsonld',
      },
      error: { name: 'ProfileGraphError', message: 'It broke.' },
    });
  });

  it('ends a task over its time limit with its worker, replaces it, and runs the tasks behind', async () => {
    const one = counted({ timeoutMs: 200 });
    const spinning = one.run({ kind: 'spin' });
    const behind = one.run({ kind: 'whoami' });
    expect(await spinning).toEqual({
      ok: false,
      diagnostic: {
        code: 'runtime/timeout',
        severity: 'error',
        message: 'A task testing ran longer than 200 ms and was stopped.',
      },
    });
    expect(value(await behind)).toMatchObject({ spawn: 1, setups: 1, tasks: 1 });
  });

  it('takes a per-task time limit over the pool default', async () => {
    const one = pool({ timeoutMs: 10 });
    expect(await one.run({ kind: 'sleep', ms: 100 }, { timeoutMs: 5000 })).toEqual({
      ok: true,
      value: 'slept',
    });
    const stopped = await one.run({ kind: 'spin' }, { timeoutMs: 50 });
    expect(stopped.ok || stopped.diagnostic.code).toBe('runtime/timeout');
  });

  it('re-queues, not fails, the tasks a stopped worker held behind the one it ran', async () => {
    const one = counted({ tasksPerWorker: 2 });
    const spinning = one.run({ kind: 'spin' }, { timeoutMs: 200 });
    const behind = one.run({ kind: 'whoami' });
    expect((await spinning).ok).toBe(false);
    expect(value(await behind)).toMatchObject({ spawn: 1, tasks: 1 });
  });

  it('delivers a retiring answer, then replaces its worker for the tasks behind', async () => {
    const one = counted({ tasksPerWorker: 2 });
    const retiring = one.run({ kind: 'retire', value: 'last words' });
    const behind = one.run({ kind: 'whoami' });
    expect(await retiring).toEqual({ ok: true, value: 'last words' });
    expect(value(await behind)).toMatchObject({ spawn: 1, setups: 1, tasks: 1 });
    expect(await whoami(one)).toMatchObject({ spawn: 1, tasks: 2 });
  });

  it('aborts a running task by ending its worker, and a waiting one without', async () => {
    const one = counted();
    await whoami(one); // the worker is ready, so the spinning task starts at once
    const controller = new AbortController();
    const spinning = one.run({ kind: 'spin' }, { signal: controller.signal });
    const waiting = new AbortController();
    const queued = one.run({ kind: 'echo', value: 1 }, { signal: waiting.signal });
    const behind = one.run({ kind: 'whoami' });
    waiting.abort();
    expect(await queued).toEqual({
      ok: false,
      diagnostic: {
        code: 'runtime/aborted',
        severity: 'error',
        message: 'A task testing was aborted.',
      },
    });
    setTimeout(() => {
      controller.abort();
    }, 100);
    expect(await spinning).toEqual(await queued);
    expect(value(await behind)).toMatchObject({ spawn: 1 });
    expect(await one.run({ kind: 'echo', value: 2 }, { signal: AbortSignal.abort() })).toEqual(
      await queued,
    );
  });

  it('shares one abort listener among the tasks of one signal, and aborts them all', async () => {
    // Validating a large project queues hundreds of SHACL parts under one signal: one listener
    // each made Node print MaxListenersExceededWarning on the user's terminal.
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const one = counted();
      await whoami(one);
      const controller = new AbortController();
      const spinning = one.run({ kind: 'spin' }, { signal: controller.signal });
      const queued = Array.from({ length: 20 }, (_, index) =>
        one.run({ kind: 'echo', value: index }, { signal: controller.signal }),
      );
      const done = one.run({ kind: 'echo', value: 'other' });
      controller.abort();
      const outcomes = await Promise.all([spinning, ...queued]);
      expect(new Set(outcomes.map((outcome) => JSON.stringify(outcome)))).toEqual(
        new Set([
          JSON.stringify({
            ok: false,
            diagnostic: {
              code: 'runtime/aborted',
              severity: 'error',
              message: 'A task testing was aborted.',
            },
          }),
        ]),
      );
      expect(await done).toEqual({ ok: true, value: 'other' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('releases the listener of a signal once its tasks are settled', async () => {
    const one = counted();
    const controller = new AbortController();
    const listeners = () => getEventListeners(controller.signal, 'abort').length;
    const runs = [1, 2, 3].map((value) =>
      one.run({ kind: 'echo', value }, { signal: controller.signal }),
    );
    expect(listeners()).toBe(1);
    await Promise.all(runs);
    expect(listeners()).toBe(0);
  });

  it.each([
    [{ kind: 'exit', code: 3 } as const, 'A worker testing stopped: it exited with code 3.'],
    [{ kind: 'trap' } as const, 'A worker testing failed: RuntimeError: unreachable'],
  ])('replaces a worker that faults in %j', async (request, message) => {
    const one = counted();
    const faulting = one.run(request);
    const behind = one.run({ kind: 'whoami' });
    expect(await faulting).toMatchObject({
      ok: false,
      diagnostic: { code: 'runtime/worker-failed', severity: 'error', message },
    });
    expect(value(await behind)).toMatchObject({ spawn: 1, setups: 1, tasks: 1 });
  });

  it('replaces a worker that throws outside any task', async () => {
    const one = counted();
    expect(value(await one.run({ kind: 'throw-later' }))).toBe('later');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await whoami(one)).toMatchObject({ spawn: 1, tasks: 1 });
  });

  it('sets up a stateful worker through a transferred port, and a replacement again', async () => {
    // As the SPARQL engine would load its store: each worker asks for the data during setup.
    let spawn = 0;
    const stateful = pool({
      timeoutMs: 300,
      workerData: () => {
        const { port1, port2 } = new MessageChannel();
        const dataset = `dataset for worker ${String(spawn)}`;
        port1.once('message', () => {
          port1.postMessage(dataset);
          port1.close();
        });
        return { data: { port: port2, spawn: spawn++ } satisfies TestSetup, transfer: [port2] };
      },
    });
    expect(await whoami(stateful)).toMatchObject({ spawn: 0, loaded: 'dataset for worker 0' });
    expect((await stateful.run({ kind: 'spin' })).ok).toBe(false);
    expect(await whoami(stateful)).toMatchObject({ spawn: 1, loaded: 'dataset for worker 1' });
  });

  it('fails every waiting task when a worker cannot be set up, without starting workers in a loop', async () => {
    let spawns = 0;
    const broken = pool({
      size: 2,
      workerData: () => {
        spawns++;
        return { data: { failSetup: 'no shapes' } satisfies TestSetup };
      },
    });
    const outcomes = await Promise.all(
      [1, 2, 3].map((each) => broken.run({ kind: 'echo', value: each })),
    );
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({
        ok: false,
        diagnostic: {
          code: 'runtime/worker-failed',
          message: 'A worker testing could not start: no shapes',
        },
        error: { message: 'no shapes' },
      });
    expect(spawns).toBe(2);
  });

  it('reports a module that cannot load as runtime/worker-failed', async () => {
    const missing = pool({
      entry: workerEntry(import.meta.url, '../../fixtures/runtime/no-such-task'),
    });
    const outcome = await missing.run({ kind: 'echo', value: 1 });
    expect(outcome).toMatchObject({ ok: false, diagnostic: { code: 'runtime/worker-failed' } });
  });

  it('bounds the queue: whenRoom waits for room, run beyond it is refused as busy', async () => {
    const one = pool({ maxQueued: 1 });
    const first = one.run({ kind: 'sleep', ms: 200 });
    const second = one.run({ kind: 'echo', value: 2 });
    let roomy = false;
    const room = one.whenRoom().then(() => {
      roomy = true;
    });
    expect(await one.run({ kind: 'echo', value: 3 })).toEqual({
      ok: false,
      diagnostic: {
        code: 'runtime/busy',
        severity: 'error',
        message: 'Every worker testing is busy and the queue is full.',
      },
    });
    expect(roomy).toBe(false);
    await first;
    await room;
    expect(roomy).toBe(true);
    expect(await second).toEqual({ ok: true, value: 2 });
  });

  it('fails a task that waits for a worker longer than maxWaitMs as busy, without ending a worker', async () => {
    const one = counted();
    await whoami(one);
    const running = one.run({ kind: 'sleep', ms: 300 });
    expect(await one.run({ kind: 'echo', value: 1 }, { maxWaitMs: 50 })).toEqual({
      ok: false,
      diagnostic: {
        code: 'runtime/busy',
        severity: 'error',
        message: 'Every worker testing stayed busy for 50 ms.',
      },
    });
    expect(await running).toEqual({ ok: true, value: 'slept' });
    expect(await one.run({ kind: 'whoami' }, { maxWaitMs: 50 })).toMatchObject({
      ok: true,
      value: { spawn: 0 },
    });
  });

  it('runs higher priorities first, and equal ones in order', async () => {
    const one = pool();
    await one.run({ kind: 'echo', value: 0 }); // the worker is ready
    const order: unknown[] = [];
    const note = (outcome: TaskOutcome<unknown>) => order.push(value(outcome));
    const running = one.run({ kind: 'sleep', ms: 100 });
    await Promise.all([
      running,
      one.run({ kind: 'echo', value: 'slow 1' }).then(note),
      one.run({ kind: 'echo', value: 'fast' }, { priority: 1 }).then(note),
      one.run({ kind: 'echo', value: 'slow 2' }).then(note),
    ]);
    expect(order).toEqual(['fast', 'slow 1', 'slow 2']);
  });

  it('ends workers idle for idleTimeoutMs down to minWorkers, and starts them again on demand', async () => {
    const three = counted({ size: 3, idleTimeoutMs: 200, minWorkers: 1 });
    const sleepers = () =>
      Promise.all(Array.from({ length: 3 }, () => three.run({ kind: 'sleep', ms: 100 })));
    const slept = Array.from({ length: 3 }, () => ({ ok: true, value: 'slept' }));
    const first = sleepers();
    expect(three.workers).toBe(3);
    expect(await first).toEqual(slept);
    await vi.waitFor(
      () => {
        expect(three.workers).toBe(1);
      },
      { timeout: 5000, interval: 20 },
    );
    // Never below the minimum, however long it stays idle.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(three.workers).toBe(1);
    const kept = await whoami(three);
    expect(kept.spawn).toBeLessThan(3);
    const again = sleepers();
    expect(three.workers).toBe(3);
    expect(await again).toEqual(slept);
  });

  it('ends no worker while it holds tasks, and loses none around the idle timeout', async () => {
    const one = counted({ idleTimeoutMs: 50, tasksPerWorker: 2 });
    // Busy longer than the idle timeout: the worker stays, and the task behind runs on it.
    const [slept, behind] = await Promise.all([
      one.run({ kind: 'sleep', ms: 300 }),
      one.run({ kind: 'whoami' }),
    ]);
    expect(slept).toEqual({ ok: true, value: 'slept' });
    expect(value(behind)).toMatchObject({ spawn: 0 });
    // Tasks asked just before, at and after the moment the idle worker is ended all answer.
    const answers: TaskOutcome<unknown>[] = [];
    for (const delay of [40, 45, 50, 55, 60, 70, 100]) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      answers.push(await one.run({ kind: 'echo', value: delay }));
    }
    expect(answers.map((each) => each.ok)).toEqual(Array.from({ length: 7 }, () => true));
  });

  it('keeps idle workers without an idle timeout', async () => {
    const one = counted();
    const first = await whoami(one);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(one.workers).toBe(1);
    expect(await whoami(one)).toMatchObject({ spawn: first.spawn, tasks: 2 });
  });

  it('closes within its bound, failing running and waiting tasks, and refuses tasks after', async () => {
    const one = pool({ closeTimeoutMs: 2000 });
    await one.run({ kind: 'echo', value: 0 });
    const spinning = one.run({ kind: 'spin' });
    const waiting = one.run({ kind: 'echo', value: 1 });
    const started = Date.now();
    await one.close();
    expect(Date.now() - started).toBeLessThan(2500);
    const closed = {
      ok: false,
      diagnostic: {
        code: 'runtime/closed',
        severity: 'error',
        message: 'The workers testing are closed.',
      },
    };
    expect(await spinning).toEqual(closed);
    expect(await waiting).toEqual(closed);
    expect(await one.run({ kind: 'echo', value: 2 })).toEqual(closed);
    await one.whenRoom();
  });
});
