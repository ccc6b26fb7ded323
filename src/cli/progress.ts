import type { ProgressListener } from '../model/progress.js';
import type { CliIo } from './io.js';

/** A progress line on a terminal: what {@link createProgressLine} returns. */
export interface ProgressLine {
  listener: ProgressListener;
  /** Erases the line, before the command prints its result. */
  clear(): void;
}

/** How often the line is redrawn at most: often enough to look alive, rarely enough to cost nothing. */
const REDRAW_MS = 100;

/**
 * One self-rewriting line on standard error (`jsonld 12000/17168 files`) while long work runs,
 * on a terminal only: logs, pipes and CI output stay quiet.
 */
export function createProgressLine(io: CliIo, now: () => number = Date.now): ProgressLine {
  if (!io.isTty) return { listener: () => undefined, clear: () => undefined };
  let drawn = false;
  let last = 0;
  let lastStage = '';
  return {
    listener(stage, done, total) {
      const time = now();
      if (stage === lastStage && done < total && time - last < REDRAW_MS) return;
      last = time;
      lastStage = stage;
      io.stderr(`\r\x1b[2K${stage} ${String(done)}/${String(total)}`);
      drawn = true;
    },
    clear() {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}
