import { copyFile, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');
const RESUME = path.join(REPO_ROOT, 'test/fixtures/bridges/resume-full.json');

/** Runs the CLI in `cwd` (a folder without a configuration file). */
async function run(cwd: string, argv: string[]) {
  const io = capturedIo({ cwd });
  const status = await main(argv, io);
  return { status, out: io.out, err: io.err };
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

/**
 * The only findings left on imported data: Google's recommendations that need facts a résumé
 * does not hold (a handle chosen as the alternateName, follower counts, when the page was
 * first published).
 */
const UNAVOIDABLE = [
  'Google recommends a dateCreated (schema:dateCreated) on the ProfilePage: when the profile was created.',
  "Google recommends an alternateName (schema:alternateName) on the ProfilePage's mainEntity: a handle or other name it is known by.",
  "Google recommends an interactionStatistic (schema:interactionStatistic) on the ProfilePage's mainEntity: followers, likes or other counts.",
];

describe('profile-graph import / export --to json-resume', () => {
  let work: string;
  let imported: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pg-bridges-'));
    await copyFile(RESUME, path.join(work, 'resume.json'));
    imported = await run(work, ['import', 'resume.json', '--out', 'data']);
  });

  it('writes the data files and lists them, exit 0', async () => {
    expect(imported.status).toBe(0);
    expect(imported.err).toBe('');
    const files = await listFiles(path.join(work, 'data'));
    expect(files).toHaveLength(21);
    expect(files).toContain('people/alex-example.jsonld');
    expect(imported.out.split('\n')[0]).toBe('Wrote 21 files:');
    expect(imported.out).toContain('  data/people/alex-example.jsonld\n');
  });

  it('the files validate with no error and no warning the importer could avoid', async () => {
    const { status, out } = await run(work, [
      'validate',
      '--data',
      'data',
      '--shapes',
      SHAPES,
      '--format',
      'json',
    ]);
    const diagnostics = JSON.parse(out) as Diagnostic[];
    expect(status).toBe(0);
    expect(diagnostics.map((d) => d.message).sort()).toEqual(UNAVOIDABLE);
  });

  it('export --to json-resume gives back the document, deep-equal, to a file or stdout', async () => {
    const written = await run(work, [
      'export',
      '--to',
      'json-resume',
      '--data',
      'data',
      '--shapes',
      SHAPES,
      '--out',
      'back.json',
    ]);
    expect(written).toMatchObject({ status: 0, out: '' });
    const original: unknown = JSON.parse(await readFile(RESUME, 'utf8'));
    expect(JSON.parse(await readFile(path.join(work, 'back.json'), 'utf8'))).toEqual(original);
    const printed = await run(work, [
      'export',
      '--to',
      'json-resume',
      '--data',
      'data',
      '--shapes',
      SHAPES,
    ]);
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.out)).toEqual(original);
  });

  it('refuses to overwrite (exit 2, nothing written) unless --force', async () => {
    const person = path.join(work, 'data/people/alex-example.jsonld');
    await writeFile(person, '{"edited": true}\n');
    const refused = await run(work, ['import', 'resume.json', '--out', 'data']);
    expect(refused.status).toBe(2);
    expect(refused.err.split('\n')[0]).toBe(
      'data/profile.jsonld error bridge/file-exists The file exists; give --force to replace it (nothing was written).',
    );
    expect(refused.err.trim().split('\n')).toHaveLength(21);
    expect(await readFile(person, 'utf8')).toBe('{"edited": true}\n');
    const forced = await run(work, ['import', 'resume.json', '--out', 'data', '--force']);
    expect(forced.status).toBe(0);
    expect(JSON.parse(await readFile(person, 'utf8'))).toMatchObject({ name: 'Alex Example' });
  });

  it('export of the bundled profile: the person, roles and degrees of data/', async () => {
    const { status, out } = await run(REPO_ROOT, ['export', '--to', 'json-resume']);
    expect(status).toBe(0);
    const resume = JSON.parse(out) as {
      basics: { name: string };
      work: { name: string; startDate?: string }[];
      education: { institution: string; studyType: string }[];
    };
    expect(resume.basics.name).toBe('Sheng Zha');
    expect(resume.work.map((job) => [job.name, job.startDate])).toEqual([
      ['Amazon AGI', '2024'],
      ['AWS', '2018'],
      ['Amazon TRMS', '2013'],
    ]);
    expect(resume.education).toEqual([
      { institution: 'University of Maryland', studyType: 'MS in Computer Science' },
      { institution: 'Shanghai Jiao Tong University', studyType: 'BS' },
    ]);
  });
});

describe('profile-graph import / export --to orcid', () => {
  const RECORD = path.join(REPO_ROOT, 'test/fixtures/bridges/orcid-full.json');
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pg-bridges-orcid-'));
    await copyFile(RECORD, path.join(work, 'record.json'));
  });

  it('imports (format told from the fields), validates clean and exports the record back', async () => {
    const imported = await run(work, ['import', 'record.json', '--out', 'data']);
    expect({ status: imported.status, err: imported.err }).toEqual({ status: 0, err: '' });
    expect(await listFiles(path.join(work, 'data'))).toHaveLength(20);
    const validated = await run(work, [
      'validate',
      '--data',
      'data',
      '--shapes',
      SHAPES,
      '--format',
      'json',
    ]);
    expect(validated.status).toBe(0);
    // ORCID has no photo; the rest as for any import (see UNAVOIDABLE).
    expect((JSON.parse(validated.out) as Diagnostic[]).map((d) => d.message).sort()).toEqual([
      'Google recommends a dateCreated (schema:dateCreated) on the ProfilePage: when the profile was created.',
      "Google recommends an image (schema:image) on the ProfilePage's mainEntity: a profile picture or logo URL.",
      "Google recommends an interactionStatistic (schema:interactionStatistic) on the ProfilePage's mainEntity: followers, likes or other counts.",
    ]);
    const exported = await run(work, [
      'export',
      '--to',
      'orcid',
      '--data',
      'data',
      '--shapes',
      SHAPES,
    ]);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.out)).toEqual(JSON.parse(await readFile(RECORD, 'utf8')));
  });

  it('--from json-resume on a record is bad input, located (exit 2)', async () => {
    const { status, err } = await run(work, [
      'import',
      'record.json',
      '--out',
      'other',
      '--from',
      'json-resume',
    ]);
    expect({ status, err }).toEqual({
      status: 2,
      err: 'record.json error bridge/unknown-format record.json has none of the fields of JSON Resume (schema v1.0.0).\n',
    });
  });
});

describe('profile-graph import: bad input', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pg-bridges-bad-'));
    await writeFile(
      path.join(work, 'bad.json'),
      '{\n  "basics": { "name": "A" },\n  "work": [\n    { "name": "B", "startDate": "2020-13" }\n  ]\n}\n',
    );
    await writeFile(path.join(work, 'broken.json'), '[1,2\n');
    await writeFile(path.join(work, 'other.json'), '{ "title": "not a resume" }\n');
  });

  it.each([
    [
      'bad.json',
      [],
      'bad.json:4:20 error bridge/invalid-value "/work/0/startDate" must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "2020-13".\n',
    ],
    [
      'broken.json',
      [],
      'broken.json:1:4 error syntax/invalid-json Invalid JSON: Unexpected token Number found.\n',
    ],
    [
      'other.json',
      [],
      'other.json error bridge/unknown-format other.json is neither a JSON Resume document nor an ORCID record; give --from (orcid, json-resume).\n',
    ],
    ['missing.json', [], 'error io/not-found File not found: missing.json\n'],
    [
      'bad.json',
      ['--from', 'xml'],
      'error usage/invalid import: --from must be one of orcid, json-resume, not "xml".\n',
    ],
  ])('%s %j: exit 2, one located line, nothing written', async (file, extra, expected) => {
    const { status, out, err } = await run(work, ['import', file, '--out', 'out', ...extra]);
    expect({ status, out, err }).toEqual({ status: 2, out: '', err: expected });
    await expect(readdir(path.join(work, 'out'))).rejects.toThrow(/ENOENT/);
  });

  it('export without --to is a usage error', async () => {
    const { status, err } = await run(work, ['export']);
    expect({ status, err }).toEqual({
      status: 2,
      err: 'error usage/invalid export: --to must be one of json-resume, orcid.\n',
    });
  });
});
