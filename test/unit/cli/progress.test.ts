import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../../src/cli/progress.js';
import { capturedIo } from '../../support/captured-io.js';

describe('createProgressLine', () => {
  it('says nothing when standard output is not a terminal (logs, pipes, CI)', () => {
    const io = capturedIo();
    const line = createProgressLine(io);
    line.listener('load', 1, 10);
    line.clear();
    expect(io.err).toBe('');
  });

  it('redraws one line on a terminal at most every 100 ms per stage, always showing the end and new stages', () => {
    const io = capturedIo();
    io.isTty = true;
    let time = 0;
    const line = createProgressLine(io, () => time);
    line.listener('load', 1, 3);
    time = 50;
    line.listener('load', 2, 3); // too soon: skipped
    time = 60;
    line.listener('load', 3, 3); // the last item: drawn
    line.listener('jsonld', 1, 3); // a new stage: drawn
    line.clear();
    expect(io.err).toBe('\r\x1b[2Kload 1/3\r\x1b[2Kload 3/3\r\x1b[2Kjsonld 1/3\r\x1b[2K');
  });
});
