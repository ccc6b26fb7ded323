// The worker side of the pool (pool.ts): a task module calls serveTasks once, at its top level.
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import { errorData, type TaskMessage, type WorkerMessage } from './pool-messages.js';

/** What a WebAssembly trap throws (not in TypeScript's lib without the DOM's). */
const WASM_TRAP = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } })
  .WebAssembly.RuntimeError;

/**
 * Runs one task: returns its result, or {@link withTransfer} to move buffers rather than copy,
 * or {@link retireAfter} to have this worker replaced once the result is delivered.
 */
export type TaskHandler<Request, Result> = (
  request: Request,
) => Reply<Result> | Promise<Reply<Result>>;

/** What a task handler may return. */
export type Reply<Result> = Result | Transferred<Result> | Retiring<Result>;

/** A result with the buffers to transfer along with it. */
export class Transferred<Result> {
  constructor(
    readonly value: Result,
    readonly transfer: readonly Transferable[],
  ) {}
}

/** A task's result whose `transfer` buffers are moved to the main thread, not copied. */
export function withTransfer<Result>(
  value: Result,
  transfer: readonly Transferable[],
): Transferred<Result> {
  return new Transferred(value, transfer);
}

/** A task's result after which the worker is to be ended and replaced. */
export class Retiring<Result> {
  constructor(readonly reply: Result | Transferred<Result>) {}
}

/**
 * A task's result after which the pool ends this worker and starts another for the next task:
 * for a worker that answered but is no longer fit (its WebAssembly memory grew and cannot
 * shrink, or a fault left it suspect) without making the answer a failure.
 */
export function retireAfter<Result>(reply: Result | Transferred<Result>): Retiring<Result> {
  return new Retiring(reply);
}

/**
 * Serves the tasks of a pool in this worker thread. `setup` runs once, with the pool's
 * `workerData` (for example: build a validator, load a dataset); the worker takes no task
 * before it resolves, and is of no use if it rejects. Tasks then run one at a time, in the
 * order they come. A task that throws fails alone and the worker goes on, except for a
 * WebAssembly trap, after which the module's memory cannot be trusted: the pool replaces the
 * worker. Throws when not run in a worker thread.
 */
export function serveTasks<Request, Result>(
  setup: (data: unknown) => TaskHandler<Request, Result> | Promise<TaskHandler<Request, Result>>,
): void {
  const port = parentPort;
  if (port === null) throw new Error('a task module must run in a worker thread');
  const send = (message: WorkerMessage, transfer?: readonly Transferable[]) => {
    port.postMessage(message, transfer);
  };
  // Async, so a setup that throws synchronously rejects like one that rejects.
  const handler = (async () => setup(workerData))();
  // Tasks run one after another: a worker holds at most the pool's `tasksPerWorker` of them.
  let previous = handler.then(
    () => {
      send({ kind: 'ready' });
    },
    (error: unknown) => {
      send({ kind: 'setup-failed', error: errorData(error) });
    },
  );
  port.on('message', (message: TaskMessage) => {
    previous = previous.then(async () => {
      try {
        const reply = await (await handler)(message.request as Request);
        const retire = reply instanceof Retiring;
        const result = retire ? reply.reply : reply;
        const flag = retire ? { retire: true as const } : {};
        if (result instanceof Transferred)
          send({ kind: 'done', id: message.id, value: result.value, ...flag }, result.transfer);
        else send({ kind: 'done', id: message.id, value: result, ...flag });
      } catch (error) {
        send({
          kind: 'failed',
          id: message.id,
          error: errorData(error),
          fault: error instanceof WASM_TRAP,
        });
      }
    });
  });
}
