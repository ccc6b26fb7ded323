import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { capturedIo } from '../../support/captured-io.js';

describe('main', () => {
  it('turns an internal failure into one line and exit 2 (never 70, never a stack)', async () => {
    const io = capturedIo();
    // A failure outside the data and the flags: writing the help text throws.
    io.stdout = () => {
      throw new TypeError('the terminal went away');
    };
    const status = await main(['--help'], io);
    expect(status).toBe(2);
    expect(io.err).toBe('error internal the terminal went away\n');
  });

  it('keeps a multi-line internal message to its first line', async () => {
    const io = capturedIo();
    io.stdout = () => {
      throw new Error('first line\n    at somewhere (file.js:1:1)');
    };
    expect(await main(['--version'], io)).toBe(2);
    expect(io.err).toBe('error internal first line\n');
  });
});
