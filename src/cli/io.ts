/**
 * Everything a command touches outside its arguments, so `main` runs the same under tests
 * (captured strings) and in a terminal (process streams).
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `-`). */
  readStdin(): Promise<string>;
  /** Directory relative paths resolve against. */
  cwd: string;
  /** Whether stdout is a terminal (colours, progress). */
  isTty: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Whether a long run logs plain progress lines on stderr when stdout is not a terminal (CI
   * logs; see `createProgressLine`). The process's streams do; captured output (tests, a host
   * embedding `main`) does not unless it sets this.
   */
  progressLog?: boolean;
  /** The process's peak resident set size so far, in bytes (for `--timings`). */
  peakRssBytes(): number;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  shutdownRequested(): Promise<void>;
}
