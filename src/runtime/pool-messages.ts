// The messages between a pool (pool.ts) and its workers (serve-tasks.ts): the one protocol
// every task module speaks, whatever its requests and results are.
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * An error as it crosses threads: its class name, message, Node error code, and the
 * diagnostics it carries (a `ProfileGraphError`'s), if any.
 */
export interface ErrorData {
  name: string;
  message: string;
  code?: string;
  diagnostics?: Diagnostic[];
}

/** To a worker: one task. */
export interface TaskMessage {
  id: number;
  request: unknown;
}

/**
 * From a worker: set up (`ready`), or its setup failed (`setup-failed`: the worker is of no
 * use), or a task's result (`retire`: end this worker after it) or error. A `fault` is an error that leaves the worker unfit for
 * further tasks (a WebAssembly trap): the pool replaces it.
 */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'setup-failed'; error: ErrorData }
  | { kind: 'done'; id: number; value: unknown; retire?: true }
  | { kind: 'failed'; id: number; error: ErrorData; fault: boolean };

/** The error data of anything thrown. */
export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code } = error as NodeJS.ErrnoException;
  const { diagnostics } = error as { diagnostics?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    // Plain objects: they cross threads as they are.
    ...(Array.isArray(diagnostics) ? { diagnostics: diagnostics as Diagnostic[] } : {}),
  };
}
