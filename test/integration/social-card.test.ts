// The social card's bytes do not depend on the process that draws them (issue #19): two builds,
// each in its own Node process, write the same PNG.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/profile.js';

const exec = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('profile-graph build: the social card', { timeout: 180_000 }, () => {
  it('writes identical card bytes in two builds run in separate processes', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'pg-card-'));
    const build = (out: string) =>
      exec(
        process.execPath,
        ['--import', 'tsx', 'src/bin.ts', 'build', '--out', out, '--no-cache'],
        { cwd: REPO_ROOT },
      );
    const first = path.join(work, 'first');
    const second = path.join(work, 'second');
    await build(first);
    await build(second);
    const [a, b] = await Promise.all([
      readFile(path.join(first, 'social-card.png')),
      readFile(path.join(second, 'social-card.png')),
    ]);
    expect(a.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([a.readUInt32BE(16), a.readUInt32BE(20)]).toEqual([1200, 630]);
    expect(a.equals(b)).toBe(true);
  });
});
