// Which query runs next: arrival order, with one worker kept for light queries, so that fast
// queries are not starved by slow ones (issue #15, item 12).
import type { QueryInspection } from './inspect-query.js';

/**
 * Whether a query is heavy, told from its text alone: a property path closure (`*`, `+`), or more
 * than {@link LIGHT_MAX_VARIABLES} distinct variables (a cross product's rows multiply with its
 * unconnected patterns). A guess: a light-looking query may still run long, but it cannot hold
 * more than the time limit, and heavy ones never hold the last worker.
 */
export function isHeavy(inspection: QueryInspection): boolean {
  return inspection.closure || inspection.variables > LIGHT_MAX_VARIABLES;
}

/** The example queries name at most 8; the expensive cross products 9 and more. */
const LIGHT_MAX_VARIABLES = 8;

/** Options for a {@link QueryScheduler}. */
export interface SchedulerOptions {
  /** Queries that may run at once (the workers of the pool). */
  workers: number;
  /** Queries of each cost class that may wait; more are refused as busy. */
  maxQueued: number;
  /** How long a query may wait to start before it is refused as busy. */
  maxWaitMs: number;
}

/** A scheduled query's result, or why it never started. */
export type Scheduled<T> = { started: true; value: T } | { started: false; why: 'busy' | 'closed' };

interface Waiting {
  heavy: boolean;
  start: () => Promise<unknown>;
  resolve: (scheduled: Scheduled<unknown>) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Starts queries when a worker is free for them. Queries wait in arrival order, except that
 * heavy ones (see {@link isHeavy}) may run on at most all workers but one: the last is kept for
 * light queries, which pass heavy ones that must wait (with one worker, plain arrival order).
 * The policy lives here rather than in the pool's priorities because it depends on what is
 * running, not only on what waits: a pool priority would let a light query pass a waiting
 * heavy one, but not keep heavy ones off the last worker. The pool is given at most `workers`
 * queries, so it never queues and the wait bound here is the only one.
 */
export class QueryScheduler {
  readonly #options: SchedulerOptions;
  readonly #waiting: Waiting[] = [];
  #runningHeavy = 0;
  #running = 0;
  #closed = false;

  constructor(options: SchedulerOptions) {
    this.#options = { ...options, workers: Math.max(1, Math.floor(options.workers)) };
  }

  /**
   * Runs `start` once a worker is free for the query's class and resolves with its value;
   * `busy` when the class's queue is full or no worker frees up within `maxWaitMs`, `closed`
   * after {@link close}. Rejects only if `start` does.
   */
  schedule<T>(heavy: boolean, start: () => Promise<T>): Promise<Scheduled<T>> {
    if (this.#closed) return Promise.resolve({ started: false, why: 'closed' });
    const queued = this.#waiting.filter((each) => each.heavy === heavy).length;
    if (queued >= this.#options.maxQueued) return Promise.resolve({ started: false, why: 'busy' });
    return new Promise<Scheduled<T>>((resolve, reject) => {
      const waiting: Waiting = {
        heavy,
        start,
        resolve: resolve as (scheduled: Scheduled<unknown>) => void,
        reject,
        timer: setTimeout(() => {
          const index = this.#waiting.indexOf(waiting);
          if (index < 0) return;
          this.#waiting.splice(index, 1);
          resolve({ started: false, why: 'busy' });
        }, this.#options.maxWaitMs),
      };
      this.#waiting.push(waiting);
      this.#pump();
    });
  }

  /** Refuses every waiting and later query as `closed`; running ones go on to their end. */
  close(): void {
    this.#closed = true;
    for (const waiting of this.#waiting.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.resolve({ started: false, why: 'closed' });
    }
  }

  #pump(): void {
    const { workers } = this.#options;
    while (!this.#closed && this.#running < workers) {
      const heavyAllowed = workers === 1 || this.#runningHeavy < workers - 1;
      const index = this.#waiting.findIndex((each) => !each.heavy || heavyAllowed);
      if (index < 0) return;
      const [next] = this.#waiting.splice(index, 1) as [Waiting];
      clearTimeout(next.timer);
      this.#running++;
      if (next.heavy) this.#runningHeavy++;
      next.start().then(
        (value) => {
          this.#finish(next);
          next.resolve({ started: true, value });
        },
        (error: unknown) => {
          this.#finish(next);
          next.reject(error);
        },
      );
    }
  }

  #finish(done: Waiting): void {
    this.#running--;
    if (done.heavy) this.#runningHeavy--;
    this.#pump();
  }
}
