import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records output, for calling `main` in-process. */
export interface CapturedIo extends CliIo {
  out: string;
  err: string;
}

export function capturedIo(
  options: { cwd?: string; stdin?: string; shutdown?: Promise<void> } = {},
): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    stdout(text) {
      io.out += text;
    },
    stderr(text) {
      io.err += text;
    },
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    cwd: options.cwd ?? process.cwd(),
    isTty: false,
    env: {},
    peakRssBytes: () => 0,
    shutdownRequested: () => options.shutdown ?? new Promise<void>(() => undefined),
  };
  return io;
}
