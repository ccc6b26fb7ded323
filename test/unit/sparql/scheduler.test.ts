import { describe, expect, it } from 'vitest';
import { QueryScheduler, type SchedulerOptions } from '../../../src/sparql/scheduler.js';

/** A query whose run the test ends by hand, recording when it started. */
function controlled(name: string, started: string[]) {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const start = () => {
    started.push(name);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return {
    start,
    finish: () => {
      finish(name);
    },
    fail: (error: Error) => {
      fail(error);
    },
  };
}

type Controlled = ReturnType<typeof controlled>;

const scheduler = (options: Partial<SchedulerOptions> = {}) =>
  new QueryScheduler({ workers: 2, maxQueued: 8, maxWaitMs: 60_000, ...options });

/** Lets settled promises' callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QueryScheduler', () => {
  it('runs at most `workers` queries at once, in arrival order', async () => {
    const started: string[] = [];
    const queries = ['a', 'b', 'c', 'd'].map((name) => controlled(name, started));
    const two = scheduler();
    const results = queries.map((query) => two.schedule(false, query.start));
    expect(started).toEqual(['a', 'b']);
    queries[1]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    queries[0]?.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    queries[2]?.finish();
    queries[3]?.finish();
    expect(await Promise.all(results)).toEqual(
      ['a', 'b', 'c', 'd'].map((value) => ({ started: true, value })),
    );
  });

  it('keeps the last worker for light queries: a light one passes heavy ones that wait', async () => {
    const started: string[] = [];
    const [heavy0, heavy1, heavy2, light] = ['heavy0', 'heavy1', 'heavy2', 'light'].map((name) =>
      controlled(name, started),
    ) as [Controlled, Controlled, Controlled, Controlled];
    const three = scheduler({ workers: 3 });
    const running = [heavy0, heavy1, heavy2].map((query) => three.schedule(true, query.start));
    // Two heavy queries hold two of three workers; the third heavy one waits.
    expect(started).toEqual(['heavy0', 'heavy1']);
    const answered = three.schedule(false, light.start);
    expect(started).toEqual(['heavy0', 'heavy1', 'light']);
    light.finish();
    expect(await answered).toEqual({ started: true, value: 'light' });
    expect(started).toEqual(['heavy0', 'heavy1', 'light']);
    heavy0.finish();
    await settle();
    expect(started).toEqual(['heavy0', 'heavy1', 'light', 'heavy2']);
    heavy1.finish();
    heavy2.finish();
    await Promise.all(running);
  });

  it('lets a heavy query take the only worker when there is one', async () => {
    const started: string[] = [];
    const heavy = controlled('heavy', started);
    const one = scheduler({ workers: 1 });
    const running = one.schedule(true, heavy.start);
    expect(started).toEqual(['heavy']);
    heavy.finish();
    expect(await running).toEqual({ started: true, value: 'heavy' });
  });

  it('refuses a query as busy when its class already has maxQueued waiting, not the other class', async () => {
    const started: string[] = [];
    const one = scheduler({ workers: 1, maxQueued: 1 });
    const first = controlled('first', started);
    const running = one.schedule(false, first.start);
    const waitingLight = one.schedule(false, controlled('light', started).start);
    expect(await one.schedule(false, controlled('refused', started).start)).toEqual({
      started: false,
      why: 'busy',
    });
    const waitingHeavy = one.schedule(true, controlled('heavy', started).start);
    expect(started).toEqual(['first']);
    one.close();
    expect(await waitingLight).toEqual({ started: false, why: 'closed' });
    expect(await waitingHeavy).toEqual({ started: false, why: 'closed' });
    first.finish();
    expect(await running).toEqual({ started: true, value: 'first' });
  });

  it('refuses a query as busy when no worker frees up within maxWaitMs', async () => {
    const started: string[] = [];
    const one = scheduler({ workers: 1, maxWaitMs: 50 });
    const first = controlled('first', started);
    const running = one.schedule(false, first.start);
    const waited = performance.now();
    expect(await one.schedule(false, controlled('late', started).start)).toEqual({
      started: false,
      why: 'busy',
    });
    expect(performance.now() - waited).toBeGreaterThanOrEqual(45);
    first.finish();
    await running;
    // The query that gave up never runs, and the worker is free for the next.
    const next = controlled('next', started);
    const after = one.schedule(false, next.start);
    next.finish();
    expect(await after).toEqual({ started: true, value: 'next' });
    expect(started).toEqual(['first', 'next']);
  });

  it('passes on a failing start and frees its worker', async () => {
    const started: string[] = [];
    const one = scheduler({ workers: 1 });
    const failing = controlled('failing', started);
    const failed = one.schedule(false, failing.start);
    const next = controlled('next', started);
    const after = one.schedule(false, next.start);
    failing.fail(new Error('broke'));
    await expect(failed).rejects.toThrow('broke');
    await settle();
    next.finish();
    expect(await after).toEqual({ started: true, value: 'next' });
  });

  it('refuses queries once closed', async () => {
    const closed = scheduler();
    closed.close();
    expect(await closed.schedule(false, () => Promise.resolve('never'))).toEqual({
      started: false,
      why: 'closed',
    });
  });
});
