import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataHistory } from '../../../src/load/data-history.js';

const FIRST = '2024-03-01T10:00:00+01:00';
const SECOND = '2025-06-15T08:30:45Z';
const SECOND_DATE = new Date('2025-06-15T08:30:45Z');

/** Runs git in `cwd` with a fixed identity and commit date, as a user's repository would have. */
function git(cwd: string, args: string[], date?: string): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd,
    env: { ...process.env, ...(date ? { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date } : {}) },
    stdio: 'ignore',
  });
}

/** A repository whose data/ was added at FIRST and changed at SECOND, plus an unrelated later commit. */
async function repository(): Promise<{ root: string; data: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-history-'));
  const data = path.join(root, 'data');
  await mkdir(data);
  git(root, ['init', '--quiet']);
  await writeFile(path.join(data, 'a.jsonld'), '{}');
  git(root, ['add', '.']);
  git(root, ['commit', '--quiet', '-m', 'add'], FIRST);
  await writeFile(path.join(data, 'a.jsonld'), '{"b": 1}');
  git(root, ['commit', '--quiet', '-am', 'change'], SECOND);
  await writeFile(path.join(root, 'README'), 'not data');
  git(root, ['add', '.']);
  git(root, ['commit', '--quiet', '-m', 'docs'], '2026-01-01T00:00:00Z');
  return { root, data };
}

describe('readDataHistory', () => {
  it('dates the data by its first and newest commits, ignoring commits elsewhere', async () => {
    const { data } = await repository();
    expect(await readDataHistory([data], {})).toEqual({
      created: new Date('2024-03-01T09:00:00Z'),
      modified: SECOND_DATE,
      source: 'git',
    });
  });

  it('takes an uncommitted edit’s mtime when it is newer than the last commit', async () => {
    const { data } = await repository();
    const edited = path.join(data, 'new.jsonld');
    await writeFile(edited, '{}');
    const when = new Date('2026-02-02T02:02:02.750Z');
    await utimes(edited, when, when);
    const history = await readDataHistory([data], {});
    expect(history.created).toEqual(new Date('2024-03-01T09:00:00Z'));
    expect(history.modified).toEqual(new Date('2026-02-02T02:02:02Z'));
  });

  it('uses SOURCE_DATE_EPOCH as the last change and keeps the git creation date', async () => {
    const { data } = await repository();
    expect(await readDataHistory([data], { SOURCE_DATE_EPOCH: '1767225600' })).toEqual({
      created: new Date('2024-03-01T09:00:00Z'),
      modified: new Date('2026-01-01T00:00:00Z'),
      source: 'source-date-epoch',
    });
  });

  it('drops a creation date later than SOURCE_DATE_EPOCH rather than date a page after its build', async () => {
    const { data } = await repository();
    const history = await readDataHistory([data], { SOURCE_DATE_EPOCH: '1000000000' });
    expect(history).toEqual({ modified: new Date(1e12), source: 'source-date-epoch' });
  });

  it('falls back to the newest mtime, with no creation date, outside git', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'pg-history-plain-'));
    await mkdir(path.join(data, 'deep'));
    const older = new Date('2020-01-01T00:00:00Z');
    const newer = new Date('2021-05-05T05:05:05.900Z');
    await writeFile(path.join(data, 'a.jsonld'), '{}');
    await writeFile(path.join(data, 'deep/b.jsonld'), '{}');
    await utimes(path.join(data, 'a.jsonld'), older, older);
    await utimes(path.join(data, 'deep/b.jsonld'), newer, newer);
    expect(await readDataHistory([data], {})).toEqual({
      modified: new Date('2021-05-05T05:05:05Z'),
      source: 'mtime',
    });
  });
});
