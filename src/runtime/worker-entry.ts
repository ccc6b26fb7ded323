import type { Worker } from 'node:worker_threads';

/** What `new Worker(filename, options)` needs to start one of this package's worker modules. */
export interface WorkerEntry {
  filename: string | URL;
  options: ConstructorParameters<typeof Worker>[1];
}

/**
 * How to start the worker module `name` (without extension) next to `callerUrl`. From the
 * compiled package it is `name.js`. From the TypeScript sources (tsx, vitest) it is `name.ts`,
 * and Node 20 workers do not inherit the parent's module loader hooks, so a one-line bootstrap
 * registers tsx's loader in the new thread before importing it.
 */
export function workerEntry(callerUrl: string, name: string): WorkerEntry {
  const fromSources = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, callerUrl);
  if (!fromSources) return { filename: entry, options: {} };
  const tsx = import.meta.resolve('tsx/esm/api');
  return {
    filename: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`,
    options: { eval: true },
  };
}
