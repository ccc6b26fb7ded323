import { Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import type { Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ErrorData, TaskMessage, WorkerMessage } from './pool-messages.js';
import type { WorkerEntry } from './worker-entry.js';

/** Options for {@link createPool}. */
export interface PoolOptions {
  /** The task module (see `workerEntry`); it calls `serveTasks`. */
  entry: WorkerEntry;
  /** What the work is, for messages: "checking files" reads "A worker checking files stopped". */
  purpose: string;
  /** Worker threads at most; they start when there is work for them. */
  size: number;
  /**
   * The data each new worker's setup receives (a replacement too), with buffers or ports to
   * transfer. Called once per worker, so each can be given its own `MessagePort`.
   */
  workerData?: () => { data: unknown; transfer?: readonly Transferable[] };
  resourceLimits?: ResourceLimits;
  /**
   * Tasks sent to a worker before it answers the first (default 1; `Infinity` spreads every
   * task over the workers at once). Two keep a worker busy while this thread handles its last
   * result. When a task's timeout, abort or fault ends its worker, the tasks sent to it behind
   * that one go back to the front of the queue.
   */
  tasksPerWorker?: number;
  /** Tasks that may wait for a worker beyond those the workers hold (default: no bound). */
  maxQueued?: number;
  /** Default for {@link RunOptions.timeoutMs}. */
  timeoutMs?: number;
  /** How long {@link Pool.close} waits for workers to end (default 5 s). */
  closeTimeoutMs?: number;
  /**
   * Time a worker may hold no task before it is ended (default: never), down to `minWorkers`.
   * A thread's heap, and WebAssembly memory above all, grows under load and is never given
   * back while the thread lives; ending it returns that memory. The next task past the
   * minimum starts a worker again, which pays its setup once more.
   */
  idleTimeoutMs?: number;
  /** Workers the idle timeout leaves running (default 0). Workers still start only on demand. */
  minWorkers?: number;
}

/** Options of one task. */
export interface RunOptions {
  /** Buffers of the request to move to the worker rather than copy. */
  transfer?: readonly Transferable[];
  /** Aborting fails the task (`runtime/aborted`) and, if it has started, ends its worker. */
  signal?: AbortSignal | undefined;
  /** Time the task may run, from the moment its worker takes it; then as an abort (`runtime/timeout`). */
  timeoutMs?: number | undefined;
  /** Higher runs sooner; equal priorities run in the order they were asked for (default 0). */
  priority?: number;
  /**
   * Time the task may wait for a worker to take it; then it fails as `runtime/busy` (no worker
   * is ended). A task is taken when it is sent to a worker, even one still setting up.
   */
  maxWaitMs?: number | undefined;
}

/** A task's result, or why there is none (a {@link Diagnostic} with a `runtime/*` code). */
export type TaskOutcome<Result> =
  | { ok: true; value: Result }
  | {
      ok: false;
      diagnostic: Diagnostic;
      /**
       * The error the task threw, for callers that word it themselves. The diagnostic is then
       * the error's first own diagnostic (a `ProfileGraphError` thrown in the task), or else
       * `runtime/task-failed`.
       */
      error?: ErrorData;
    };

/** A pool of worker threads running one task module; see {@link createPool}. */
export interface Pool<Request, Result> {
  /** Runs one task. Never rejects: every failure is a {@link TaskOutcome} with a diagnostic. */
  run(request: Request, options?: RunOptions): Promise<TaskOutcome<Result>>;
  /**
   * Resolves once a task can be added without going over the workers' and the queue's bound
   * (at once if it can, or if the pool is closed): callers that await it keep memory bounded.
   */
  whenRoom(): Promise<void>;
  /** Worker threads running or setting up. */
  readonly workers: number;
  /** Fails every waiting and running task (`runtime/closed`) and ends every worker, within `closeTimeoutMs`. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  request: unknown;
  options: RunOptions;
  resolve: (outcome: TaskOutcome<unknown>) => void;
  slot?: Slot;
  timer?: NodeJS.Timeout;
  waitTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Tasks posted to the worker, in the order it runs them: the first is running. */
  jobs: Job[];
  /** Set once the worker is ended or lost: its events are ignored from then on. */
  dead: boolean;
  /** Ends the worker once it has held no task for `idleTimeoutMs` (see `pump`). */
  idleTimer?: NodeJS.Timeout | undefined;
}

/**
 * Creates a pool of at most `size` worker threads running the task module `entry`. Each worker
 * is set up once (the module's `serveTasks` setup, with `workerData()`), then takes tasks from
 * one queue, highest priority first. A task that throws fails alone (`runtime/task-failed`).
 * A worker that faults (dies, throws outside a task, traps in WebAssembly) fails the task it
 * was running (`runtime/worker-failed`) and is replaced, never reused; a task that times out
 * (`runtime/timeout`) or is aborted (`runtime/aborted`) ends its worker, which is replaced
 * too, and so is one whose task answers with `retireAfter`. Tasks waiting behind such a
 * worker run on the next. A worker whose setup fails fails
 * every waiting task, since its replacement would fail alike. Idle workers do not keep the
 * process alive; with `idleTimeoutMs`, a worker idle that long is ended (never one holding a
 * task), down to `minWorkers`.
 */
export function createPool<Request, Result>(options: PoolOptions): Pool<Request, Result> {
  const size = Math.max(1, Math.floor(options.size));
  const perWorker = Math.max(1, Math.floor(options.tasksPerWorker ?? 1));
  const maxQueued = options.maxQueued ?? Infinity;
  const minWorkers = Math.max(0, Math.floor(options.minWorkers ?? 0));
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let waitingForRoom: (() => void)[] = [];
  let nextId = 0;
  let closed = false;
  /**
   * The unsettled tasks of each abort signal, behind ONE listener per signal: a caller queues
   * hundreds of tasks under one signal (SHACL parts of a large project), and a listener each
   * made Node warn of a leak (MaxListenersExceededWarning) on the user's terminal.
   */
  const aborting = new Map<AbortSignal, { jobs: Set<Job>; listener: () => void }>();

  const watchAbort = (job: Job, signal: AbortSignal) => {
    let watch = aborting.get(signal);
    if (watch === undefined) {
      const jobs = new Set<Job>();
      const listener = () => {
        for (const each of [...jobs])
          stop(each, fail('runtime/aborted', `A task ${options.purpose} was aborted.`));
      };
      watch = { jobs, listener };
      aborting.set(signal, watch);
      signal.addEventListener('abort', listener, { once: true });
    }
    watch.jobs.add(job);
  };

  const unwatchAbort = (job: Job) => {
    const { signal } = job.options;
    if (signal === undefined) return;
    const watch = aborting.get(signal);
    if (watch === undefined || !watch.jobs.delete(job) || watch.jobs.size > 0) return;
    signal.removeEventListener('abort', watch.listener);
    aborting.delete(signal);
  };

  const held = () => slots.reduce((sum, slot) => sum + slot.jobs.length, 0);
  const hasRoom = () => closed || held() + queue.length < size * perWorker + maxQueued;
  const fail = (code: Code, message: string, error?: ErrorData): TaskOutcome<never> => ({
    ok: false,
    diagnostic: { code, severity: 'error', message },
    ...(error ? { error } : {}),
  });

  /** Answers a job once (whichever of result, timeout, abort, fault comes first). */
  const settle = (job: Job, outcome: TaskOutcome<unknown>) => {
    clearTimeout(job.timer);
    clearTimeout(job.waitTimer);
    unwatchAbort(job);
    job.slot = undefined;
    job.resolve(outcome);
  };

  const spawn = () => {
    const { data, transfer } = options.workerData?.() ?? { data: undefined };
    const worker = new Worker(options.entry.filename, {
      ...options.entry.options,
      workerData: data,
      ...(transfer ? { transferList: transfer as Transferable[] } : {}),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false, jobs: [], dead: false };
    slots.push(slot);
    worker.on('message', (message: WorkerMessage) => {
      if (!slot.dead) receive(slot, message);
    });
    worker.on('error', (error) => {
      lose(slot, `it threw ${error.name}: ${error.message}`);
    });
    worker.on('exit', (code) => {
      lose(slot, `it exited with code ${String(code)}`);
    });
  };

  const receive = (slot: Slot, message: WorkerMessage) => {
    switch (message.kind) {
      case 'ready':
        slot.ready = true;
        startTimer(slot);
        break;
      case 'setup-failed': {
        slot.ready = false;
        end(slot);
        const own = message.error.diagnostics?.[0];
        const failure: TaskOutcome<never> = own
          ? { ok: false, diagnostic: own, error: message.error }
          : fail(
              'runtime/worker-failed',
              `A worker ${options.purpose} could not start: ${message.error.message}`,
              message.error,
            );
        for (const job of queue.splice(0)) settle(job, failure);
        break;
      }
      case 'done':
      case 'failed': {
        const job = slot.jobs.shift();
        if (job === undefined || job.id !== message.id) {
          lose(slot, 'it answered a task it was not running');
          return;
        }
        if (message.kind === 'done') {
          settle(job, { ok: true, value: message.value });
          // The tasks sent to it behind this one go back to the queue, as after a timeout.
          if (message.retire) end(slot);
        } else if (!message.fault) {
          // A task that knows what went wrong, and where, throws it as diagnostics.
          const own = message.error.diagnostics?.[0];
          settle(
            job,
            own
              ? { ok: false, diagnostic: own, error: message.error }
              : fail(
                  'runtime/task-failed',
                  `A task ${options.purpose} failed: ${message.error.message}`,
                  message.error,
                ),
          );
        } else {
          settle(
            job,
            fail(
              'runtime/worker-failed',
              `A worker ${options.purpose} failed: ${message.error.name}: ${message.error.message}`,
              message.error,
            ),
          );
          end(slot);
        }
        startTimer(slot);
        break;
      }
    }
    pump();
  };

  /** A worker stopped or misbehaved on its own: its running task fails, the others go back. */
  const lose = (slot: Slot, why: string) => {
    if (slot.dead) return;
    if (!slot.ready) {
      // Before its setup finished: the module itself fails, and so would a replacement.
      end(slot);
      const failure = fail(
        'runtime/worker-failed',
        `A worker ${options.purpose} could not start: ${why}.`,
      );
      for (const job of queue.splice(0)) settle(job, failure);
      pump();
      return;
    }
    const running = slot.jobs.shift();
    end(slot);
    if (running)
      settle(
        running,
        fail('runtime/worker-failed', `A worker ${options.purpose} stopped: ${why}.`),
      );
    pump();
  };

  /** Ends a worker for good; tasks it held but had not answered go back to the queue's front. */
  const end = (slot: Slot) => {
    slot.dead = true;
    clearTimeout(slot.idleTimer);
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    for (const job of slot.jobs.splice(0).reverse()) {
      clearTimeout(job.timer);
      job.timer = undefined;
      job.slot = undefined;
      queue.unshift(job);
    }
    void slot.worker.terminate();
  };

  /** The running task's time starts when its worker takes it, not while it waits behind another. */
  const startTimer = (slot: Slot) => {
    const job = slot.jobs[0];
    const timeoutMs = job?.options.timeoutMs ?? options.timeoutMs;
    if (!slot.ready || slot.dead || job === undefined || job.timer || timeoutMs === undefined)
      return;
    job.timer = setTimeout(() => {
      stop(
        job,
        fail(
          'runtime/timeout',
          `A task ${options.purpose} ran longer than ${String(timeoutMs)} ms and was stopped.`,
        ),
      );
    }, timeoutMs);
  };

  /** Fails a task; if a worker holds it, the worker is ended (it cannot be interrupted otherwise). */
  const stop = (job: Job, outcome: TaskOutcome<unknown>) => {
    const slot = job.slot;
    if (slot) {
      slot.jobs.splice(slot.jobs.indexOf(job), 1);
      end(slot);
    } else {
      const index = queue.indexOf(job);
      if (index < 0) return;
      queue.splice(index, 1);
    }
    settle(job, outcome);
    pump();
  };

  /**
   * Starts workers while tasks wait and none is idle (up to the pool's size), then hands each
   * waiting task to the worker holding the fewest, ready or still setting up: a worker reads
   * the tasks sent before its setup ended as soon as it ends, even if this thread is busy then.
   */
  const pump = () => {
    if (closed) return;
    while (
      slots.length < size &&
      queue.length > slots.filter((slot) => slot.jobs.length === 0).length
    ) {
      try {
        spawn();
      } catch (error) {
        const failure = fail(
          'runtime/worker-failed',
          `A worker ${options.purpose} could not start: ${(error as Error).message}`,
        );
        for (const job of queue.splice(0)) settle(job, failure);
        break;
      }
    }
    while (queue.length > 0) {
      let slot: Slot | undefined;
      for (const each of slots)
        if (each.jobs.length < perWorker && (!slot || each.jobs.length < slot.jobs.length))
          slot = each;
      if (slot === undefined) break;
      const job = queue.shift() as Job;
      clearTimeout(job.waitTimer);
      job.slot = slot;
      slot.jobs.push(job);
      try {
        slot.worker.postMessage(
          { id: job.id, request: job.request } satisfies TaskMessage,
          job.options.transfer as Transferable[] | undefined,
        );
      } catch (error) {
        slot.jobs.pop();
        settle(
          job,
          fail(
            'runtime/task-failed',
            `A task ${options.purpose} could not be sent: ${(error as Error).message}`,
          ),
        );
        continue;
      }
      startTimer(slot);
    }
    // A worker is kept alive by the tasks it holds or will take, not when idle.
    for (const slot of slots) {
      if (slot.jobs.length > 0) {
        slot.worker.ref();
        clearTimeout(slot.idleTimer);
        slot.idleTimer = undefined;
      } else {
        slot.worker.unref();
        slot.idleTimer ??= idleTimer(slot);
      }
    }
    if (hasRoom()) {
      const waiting = waitingForRoom;
      waitingForRoom = [];
      for (const resolve of waiting) resolve();
    }
  };

  /**
   * Ends the worker if it is still idle when the timer fires. Tasks are only handed out in
   * `pump` on this thread, so a worker found with no task here has none in flight: ending it
   * loses nothing. One at the minimum stays, and is timed again when it next goes idle.
   */
  const idleTimer = (slot: Slot): NodeJS.Timeout | undefined => {
    const idleTimeoutMs = options.idleTimeoutMs;
    if (idleTimeoutMs === undefined) return undefined;
    const timer = setTimeout(() => {
      slot.idleTimer = undefined;
      if (slot.dead || slot.jobs.length > 0 || slots.length <= minWorkers) return;
      end(slot);
    }, idleTimeoutMs);
    timer.unref();
    return timer;
  };

  return {
    run(request, runOptions = {}) {
      return new Promise((resolve) => {
        if (closed) {
          resolve(fail('runtime/closed', `The workers ${options.purpose} are closed.`));
          return;
        }
        if (!hasRoom()) {
          resolve(
            fail('runtime/busy', `Every worker ${options.purpose} is busy and the queue is full.`),
          );
          return;
        }
        const job: Job = {
          id: nextId++,
          request,
          options: runOptions,
          // The task module answers with its Result type (its contract with this pool).
          resolve: resolve as (outcome: TaskOutcome<unknown>) => void,
        };
        const { signal } = runOptions;
        if (signal?.aborted) {
          resolve(fail('runtime/aborted', `A task ${options.purpose} was aborted.`));
          return;
        }
        if (signal) watchAbort(job, signal);
        const { maxWaitMs } = runOptions;
        if (maxWaitMs !== undefined)
          job.waitTimer = setTimeout(() => {
            if (job.slot) return;
            stop(
              job,
              fail(
                'runtime/busy',
                `Every worker ${options.purpose} stayed busy for ${String(maxWaitMs)} ms.`,
              ),
            );
          }, maxWaitMs);
        const priority = runOptions.priority ?? 0;
        const after = queue.findIndex((each) => (each.options.priority ?? 0) < priority);
        queue.splice(after < 0 ? queue.length : after, 0, job);
        pump();
      });
    },
    get workers() {
      return slots.length;
    },
    whenRoom() {
      if (hasRoom()) return Promise.resolve();
      return new Promise((resolve) => {
        waitingForRoom.push(resolve);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const failure = fail('runtime/closed', `The workers ${options.purpose} are closed.`);
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        slot.dead = true;
        clearTimeout(slot.idleTimer);
        for (const job of slot.jobs.splice(0)) settle(job, failure);
      }
      for (const job of queue.splice(0)) settle(job, failure);
      for (const resolve of waitingForRoom.splice(0)) resolve();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.closeTimeoutMs ?? 5000);
        timer.unref();
      });
      await Promise.race([
        Promise.all(stopping.map((slot) => slot.worker.terminate())).then(() => undefined),
        bound,
      ]);
      clearTimeout(timer);
    },
  };
}
