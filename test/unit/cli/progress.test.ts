import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../../src/cli/progress.js';
import { countProgress, type ProgressStage } from '../../../src/model/progress.js';
import { capturedIo } from '../../support/captured-io.js';

describe('createProgressLine', () => {
  it('says nothing off a terminal unless the io logs progress (captured output, embedding)', () => {
    const io = capturedIo();
    let time = 0;
    const line = createProgressLine(io, () => time);
    line.listener('files', 1, 10);
    time = 60_000;
    line.listener('files', 5, 10);
    line.clear();
    expect(io.err).toBe('');
  });

  it('redraws one line on a terminal at most every 100 ms per stage, always showing the end and new stages', () => {
    const io = capturedIo();
    io.isTty = true;
    let time = 0;
    const line = createProgressLine(io, () => time);
    line.listener('files', 1, 3);
    time = 50;
    line.listener('files', 2, 3); // too soon: skipped
    time = 60;
    line.listener('files', 3, 3); // the last item: drawn
    line.listener('dataset', 0, 30); // a new stage: drawn
    line.clear();
    expect(io.err).toBe(
      '\r\x1b[2Ksyntax, JSON Schema, JSON-LD 1/3 files' +
        '\r\x1b[2Ksyntax, JSON Schema, JSON-LD 3/3 files' +
        '\r\x1b[2Kdataset 0/30 triples\r\x1b[2K',
    );
  });

  it('estimates the time left from the stage’s own rate once it has run a second', () => {
    const io = capturedIo();
    io.isTty = true;
    let time = 0;
    const line = createProgressLine(io, () => time);
    line.listener('files', 100, 100); // an earlier stage, at another rate
    time = 5_000;
    line.listener('vocabulary', 0, 5000);
    time = 5_500;
    line.listener('vocabulary', 1000, 5000); // half a second in: no estimate yet
    time = 7_000;
    line.listener('vocabulary', 2000, 5000); // 2000 in 2 s: 3000 more take 3 s
    time = 207_000;
    line.listener('vocabulary', 2010, 5000); // slowed down: the stage's rate is 2010 in 202 s
    expect(io.err.split('\r\x1b[2K').filter(Boolean)).toEqual([
      'syntax, JSON Schema, JSON-LD 100/100 files',
      'vocabulary 0/5000 nodes',
      'vocabulary 1000/5000 nodes',
      'vocabulary 2000/5000 nodes, ~3 s left',
      'vocabulary 2010/5000 nodes, ~6 min left',
    ]);
  });

  it('off a terminal, logs nothing for a short run, then one plain line at most every 10 s', () => {
    const io = capturedIo();
    io.progressLog = true;
    let time = 1_000;
    const line = createProgressLine(io, () => time);
    line.listener('setup', 0, 2);
    line.listener('setup', 2, 2);
    time = 3_000;
    line.listener('files', 0, 1000);
    time = 19_000;
    line.listener('files', 800, 1000); // 18 s into the run: still quiet
    time = 21_000;
    line.listener('files', 900, 1000); // past 20 s: logged
    time = 25_000;
    line.listener('files', 1000, 1000); // 4 s after the last line: not logged
    line.listener('vocabulary', 0, 400);
    time = 31_000;
    line.listener('vocabulary', 100, 400); // 10 s after the last line
    time = 35_000;
    line.listener('shacl', 0, 8);
    line.clear();
    expect(io.err).toBe(
      '[20 s] syntax, JSON Schema, JSON-LD 900/1000 files, ~2 s left\n' +
        '[30 s] vocabulary 100/400 nodes, ~18 s left\n',
    );
  });

  it('PROFILE_GRAPH_PROGRESS=off turns it off, on a terminal and off one', () => {
    for (const isTty of [true, false]) {
      const io = capturedIo();
      io.isTty = isTty;
      io.progressLog = true;
      io.env = { PROFILE_GRAPH_PROGRESS: 'off' };
      let time = 0;
      const line = createProgressLine(io, () => time);
      line.listener('files', 0, 10);
      time = 60_000;
      line.listener('files', 5, 10);
      line.clear();
      expect(io.err).toBe('');
    }
  });

  it('a 2 s run prints nothing off a terminal, its result stays its whole output', () => {
    const io = capturedIo();
    io.progressLog = true;
    let time = 0;
    const line = createProgressLine(io, () => time);
    for (const stage of [
      'setup',
      'files',
      'dataset',
      'vocabulary',
      'integrity',
      'shacl',
    ] as const) {
      line.listener(stage, 0, 4);
      time += 300;
      line.listener(stage, 4, 4);
    }
    line.clear();
    expect(io.err).toBe('');
  });
});

describe('countProgress', () => {
  it('tells the listener of the start, every `every` items and the end', () => {
    const heard: [ProgressStage, number, number][] = [];
    const counter = countProgress((...args) => heard.push(args), 'integrity', 5, 2);
    for (let item = 0; item < 5; item++) counter.tick();
    counter.end();
    expect(heard).toEqual([
      ['integrity', 0, 5],
      ['integrity', 2, 5],
      ['integrity', 4, 5],
      ['integrity', 5, 5],
    ]);
  });
});
