import { PROGRESS_STAGES, type ProgressListener, type ProgressStage } from '../model/progress.js';
import type { CliIo } from './io.js';

/** A progress line: what {@link createProgressLine} returns. */
export interface ProgressLine {
  listener: ProgressListener;
  /** Erases the line on a terminal, before the command prints its result. */
  clear(): void;
}

/** How often the terminal line is redrawn at most: often enough to look alive, rarely enough to cost nothing. */
const REDRAW_MS = 100;
/** How often a plain line is logged at most when standard output is not a terminal (CI logs). */
export const LOG_EVERY_MS = 10_000;
/**
 * How long a run goes before its first plain line: a shorter one is over before its log could
 * look hung, and its output stays exactly its result.
 */
export const LOG_AFTER_MS = 20_000;
/**
 * The environment variable that turns progress off (`off`) everywhere, terminal included: for
 * output compared byte for byte, such as the README's commands run with stderr merged.
 */
export const PROGRESS_VARIABLE = 'PROFILE_GRAPH_PROGRESS';
/** How long a stage runs before its rate is trusted for an estimate of the time left. */
const ESTIMATE_AFTER_MS = 1_000;

/** What the stages are called on the line (the per-file stage is three layers at once). */
const STAGE_NAMES: Readonly<Record<ProgressStage, string>> = {
  setup: 'setup',
  files: 'syntax, JSON Schema, JSON-LD',
  dataset: 'dataset',
  vocabulary: 'vocabulary',
  integrity: 'integrity',
  shacl: 'SHACL',
  render: 'render',
  write: 'write',
  push: 'push',
};

/**
 * Says where a long run is, on standard error. On a terminal: one self-rewriting line
 * (`vocabulary 1200/5000 nodes, ~3 s left`), redrawn at most every 100 ms, always at a stage's
 * start and end. Otherwise (logs, pipes, CI), when `io.progressLog` is set: nothing for the first
 * {@link LOG_AFTER_MS}, then one plain line at most every {@link LOG_EVERY_MS}, so a short run
 * prints only its result and a long one never looks hung. The estimate of the time left is the
 * stage's own rate so far, once the stage has run {@link ESTIMATE_AFTER_MS} and done some items.
 * `PROFILE_GRAPH_PROGRESS=off` in the environment turns it off.
 */
export function createProgressLine(io: CliIo, now: () => number = Date.now): ProgressLine {
  const terminal = io.isTty;
  const off = io.env[PROGRESS_VARIABLE] === 'off';
  if (off || (!terminal && io.progressLog !== true))
    return { listener: () => undefined, clear: () => undefined };
  const started = now();
  let drawn = false;
  let last = terminal ? -Infinity : started + LOG_AFTER_MS - LOG_EVERY_MS;
  let stage: { name: ProgressStage; since: number; from: number } | undefined;
  const describe = (name: ProgressStage, done: number, total: number, time: number): string => {
    let text = `${STAGE_NAMES[name]} ${String(done)}/${String(total)} ${PROGRESS_STAGES[name]}`;
    if (stage && time - stage.since >= ESTIMATE_AFTER_MS && done > stage.from && done < total) {
      const left = ((total - done) * (time - stage.since)) / (done - stage.from);
      text += `, ~${formatDuration(left)} left`;
    }
    return text;
  };
  return {
    listener(name, done, total) {
      const time = now();
      const fresh = stage?.name !== name;
      if (fresh) stage = { name, since: time, from: done };
      if (terminal) {
        // A stage's start and end are always drawn, so a fast stage is seen and the end is exact.
        if (!fresh && done < total && time - last < REDRAW_MS) return;
        last = time;
        io.stderr(`\r\x1b[2K${describe(name, done, total, time)}`);
        drawn = true;
        return;
      }
      if (time - last < LOG_EVERY_MS) return;
      last = time;
      io.stderr(`[${formatDuration(time - started)}] ${describe(name, done, total, time)}\n`);
    },
    clear() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}

/** `4 s`, `95 s`, `3 min`: whole units, rounded up, as a wait is best not undersold. */
function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 100 ? `${String(seconds)} s` : `${String(Math.ceil(seconds / 60))} min`;
}
