import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProfileGraphError } from '../model/diagnostic.js';
import type { CliIo } from './io.js';

/** Every stage a command may report, in the order they run (a command reports those it runs). */
export const TIMING_STAGES: readonly string[] = [
  'setup',
  'load',
  'schema',
  'jsonld',
  'vocabulary',
  'integrity',
  'shacl',
  'render',
  'write',
  'listen',
];

/** What `--timings FILE` writes: where a command spent its time, for benchmarks and CI dashboards. */
export interface TimingsRecord {
  command: 'validate' | 'build' | 'serve';
  /** Milliseconds per stage, in the order they ran (setup, load, schema, jsonld, ...). */
  stages: Record<string, number>;
  /** Milliseconds from the command's start to its end (for serve: to listening). */
  totalMs: number;
  /** The process's peak resident set size so far. */
  peakRssBytes: number;
}

/** Writes the timings as JSON when `--timings FILE` was given; a write failure is exit 2. */
export async function writeTimings(
  file: string | undefined,
  io: CliIo,
  record: Omit<TimingsRecord, 'peakRssBytes'>,
): Promise<void> {
  if (file === undefined) return;
  const rounded = Object.fromEntries(
    Object.entries(record.stages).map(([stage, ms]) => [stage, Math.round(ms * 10) / 10]),
  );
  const full: TimingsRecord = {
    command: record.command,
    stages: rounded,
    totalMs: Math.round(record.totalMs * 10) / 10,
    peakRssBytes: io.peakRssBytes(),
  };
  const target = path.resolve(io.cwd, file);
  try {
    await writeFile(target, `${JSON.stringify(full, null, 2)}\n`);
  } catch (error) {
    throw new ProfileGraphError([
      {
        code: 'io/write-failed',
        severity: 'error',
        message: `Cannot write the timings to ${file}: ${(error as Error).message}`,
      },
    ]);
  }
}
