// Child processes for the scale benchmark (bench/scale.ts): the built CLI run in a fresh
// process per measurement, with a time limit, the tails of its output, its peak RSS sampled
// from /proc, and the `--timings FILE` report it writes. Every child is registered in a
// ChildGroup so that an error, a time-out or Ctrl-C in the harness leaves no process behind.
// Not runnable on its own.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** The stage report a command writes with `--timings FILE`. */
export interface Timings {
  command: string;
  /** Milliseconds per stage, in the order the command ran them. */
  stages: Record<string, number>;
  totalMs: number;
  peakRssBytes: number;
}

/** How a child ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running child: its output as lines, its exit, and a way to stop it. */
export interface RunningChild {
  pid: number;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** How it exited, if it has. */
  exit(): Exit | undefined;
  /**
   * Resolves with the first stdout line matching `pattern`; rejects if the child exits first,
   * naming the line by `what`.
   */
  waitForLine(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
  /** The last lines written to stdout and stderr (at most {@link TAIL_LINES} each). */
  tail(): { stdout: string[]; stderr: string[] };
  /** SIGTERM, then SIGKILL after `graceMs` if it is still running; resolves with its exit. */
  stop(graceMs?: number): Promise<Exit>;
}

/** How many lines of each stream a child keeps for the report. */
export const TAIL_LINES = 20;

/**
 * The children of one benchmark run. `killAll` is synchronous so that it can run from a
 * process 'exit' listener; `guard` installs such listeners (and SIGINT/SIGTERM handlers that
 * kill the children, then let the signal take its usual course) until its disposer is called.
 */
export class ChildGroup {
  readonly #children = new Set<ChildProcess>();

  /** Spawns `command args` with stdout and stderr piped, registered until it exits. */
  spawn(command: string, args: readonly string[], cwd: string): RunningChild {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const spawnedAt = performance.now();
    this.#children.add(child);
    const stdout = lineTail(child.stdout);
    const stderr = lineTail(child.stderr);
    let ended: Exit | undefined;
    const exited = new Promise<Exit>((resolve) => {
      // 'close' waits for the pipes too, so the tails are complete; 'error' (spawn failed)
      // is followed by 'close' as well.
      child.once('close', (code, signal) => {
        this.#children.delete(child);
        ended = { code, signal };
        resolve(ended);
      });
      child.once('error', (error) => {
        stderr.push(`spawn failed: ${error.message}`);
      });
    });
    return {
      pid: child.pid ?? 0,
      spawnedAt,
      exited,
      exit: () => ended,
      waitForLine: (pattern, what) =>
        new Promise((resolve, reject) => {
          const found = stdout.lines().map((line) => line.match(pattern));
          const already = found.find((match) => match !== null);
          if (already) {
            resolve(already);
            return;
          }
          const off = stdout.onLine((line) => {
            const match = line.match(pattern);
            if (match) {
              off();
              resolve(match);
            }
          });
          void exited.then(({ code, signal }) => {
            off();
            reject(new Error(`exited (${describeExit({ code, signal })}) before printing ${what}`));
          });
        }),
      tail: () => ({ stdout: stdout.lines(), stderr: stderr.lines() }),
      stop: async (graceMs = 30_000) => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      },
    };
  }

  /**
   * Forks a Node script with an IPC channel (stdout ignored, stderr shown), registered until it
   * exits: a server the harness talks to over IPC.
   */
  fork(file: string, args: readonly string[], execArgv: readonly string[]): ChildProcess {
    const child = fork(file, args, {
      execArgv: [...execArgv],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  /** Sends SIGKILL to every child still running. */
  killAll(): void {
    for (const child of this.#children) child.kill('SIGKILL');
  }

  /**
   * Kills the children if the harness exits or is interrupted (then also runs `onInterrupt`,
   * which must be synchronous); returns the disposer.
   */
  guard(onInterrupt?: () => void): () => void {
    const onExit = () => {
      this.killAll();
    };
    const onSignal = (signal: NodeJS.Signals) => {
      this.killAll();
      dispose();
      try {
        onInterrupt?.();
      } catch {
        // Best effort: the signal goes on regardless.
      }
      process.kill(process.pid, signal);
    };
    const dispose = () => {
      process.off('exit', onExit);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    process.on('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return dispose;
  }
}

/** A readable stream's last lines, and listeners for each new line. */
function lineTail(stream: NodeJS.ReadableStream) {
  const kept: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let partial = '';
  const push = (line: string) => {
    kept.push(line);
    if (kept.length > TAIL_LINES) kept.shift();
    for (const listener of listeners) listener(line);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) push(line);
  });
  stream.on('end', () => {
    if (partial !== '') push(partial);
    partial = '';
  });
  return {
    push,
    lines: () => [...kept],
    onLine: (listener: (line: string) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** `exit 1`, `SIGKILL`, … */
export function describeExit({ code, signal }: Exit): string {
  return signal ? signal : `exit ${String(code)}`;
}

/**
 * The process's peak resident set size (VmHWM in /proc/PID/status), in bytes; undefined when
 * the process is gone or /proc is not there (not Linux).
 */
export async function readPeakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's VmHWM every `everyMs` until stopped: the peak RSS of a child that does
 * not report its own (VmHWM only grows, so the last sample before exit is close to the peak).
 */
export function samplePeakRss(pid: number, everyMs = 100): () => number | undefined {
  let peak: number | undefined;
  const timer = setInterval(() => {
    void readPeakRss(pid).then((value) => {
      if (value !== undefined) peak = Math.max(peak ?? 0, value);
    });
  }, everyMs);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/**
 * Reads a `--timings` report; undefined when the file is missing (the command failed before
 * writing it, or this build of the CLI has no `--timings`). Throws when it is malformed.
 */
export async function readTimings(file: string): Promise<Timings | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const json = JSON.parse(text) as { [key in keyof Timings]?: unknown } | null;
  const stages = json?.stages;
  if (
    typeof json?.command !== 'string' ||
    typeof stages !== 'object' ||
    stages === null ||
    Object.values(stages).some((value) => typeof value !== 'number') ||
    typeof json.totalMs !== 'number' ||
    typeof json.peakRssBytes !== 'number'
  )
    throw new Error(`${file}: not a timings report: ${text.slice(0, 200)}`);
  return {
    command: json.command,
    stages: stages as Record<string, number>,
    totalMs: json.totalMs,
    peakRssBytes: json.peakRssBytes,
  };
}
