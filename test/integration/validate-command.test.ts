import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { TimingsRecord } from '../../src/cli/timings.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

/** One fixture, every output format: the same findings whatever the rendering. */
const FIXTURE = 'test/fixtures/invalid/vocab-misspelled-property';
const SHAPES = path.join(REPO_ROOT, 'shapes');

async function validate(format: string, cwd = path.join(REPO_ROOT, FIXTURE), extra: string[] = []) {
  const io = capturedIo({ cwd });
  const status = await main(
    ['validate', '--data', 'data', '--shapes', SHAPES, '--format', format, ...extra],
    io,
  );
  return { status, out: io.out, err: io.err };
}

describe('profile-graph validate --format', () => {
  it('json: an array of Diagnostic objects, exit 1', async () => {
    const { status, out, err } = await validate('json');
    expect({ status, err }).toEqual({ status: 1, err: '' });
    expect(JSON.parse(out)).toEqual([
      {
        code: 'vocab/unknown-property',
        severity: 'error',
        message: '"almuniOf" is not a schema.org property.',
        hint: 'did you mean "alumniOf"?',
        file: 'data/person.jsonld',
        pointer: '/almuniOf',
        line: 8,
        column: 3,
      } satisfies Diagnostic,
    ]);
  });

  it('text: the located line and a summary', async () => {
    const { status, out } = await validate('text');
    expect(status).toBe(1);
    expect(out).toBe(
      'data/person.jsonld:8:3 error vocab/unknown-property "almuniOf" is not a schema.org property. (did you mean "alumniOf"?)\n\n✖ 2 files, 7 triples: 1 error, 0 warnings in 1 file\n',
    );
  });

  it('github: one workflow command', async () => {
    const { status, out } = await validate('github');
    expect(status).toBe(1);
    expect(out).toBe(
      '::error file=data/person.jsonld,line=8,col=3,title=vocab/unknown-property::"almuniOf" is not a schema.org property. (did you mean "alumniOf"?)\n',
    );
  });

  it('sarif: a valid SARIF 2.1.0 log with the same finding', async () => {
    const { status, out } = await validate('sarif');
    expect(status).toBe(1);
    const log = JSON.parse(out) as {
      runs: { results: { ruleId: string; locations: unknown[] }[] }[];
    };
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(
        require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const validateSarif = new ajvDraft04.default({
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0]?.results).toEqual([
      expect.objectContaining({
        ruleId: 'vocab/unknown-property',
        locations: [
          expect.objectContaining({
            physicalLocation: {
              artifactLocation: { uri: 'data/person.jsonld', uriBaseId: '%SRCROOT%' },
              region: { startLine: 8, startColumn: 3 },
            },
          }),
        ],
      }),
    ]);
  });

  it('junit: one failing case at the finding, exit 1', async () => {
    const { status, out } = await validate('junit');
    expect(status).toBe(1);
    expect(out).toContain(
      '<testcase name="vocab/unknown-property data/person.jsonld:8:3" classname="data/person.jsonld" file="data/person.jsonld" line="8" time="0"><failure message="&quot;almuniOf&quot; is not a schema.org property." type="vocab/unknown-property">',
    );
  });

  it.each([
    ['json', '"file": "site/data/person.jsonld"'],
    ['text', 'site/data/person.jsonld:8:3 error'],
    ['github', '::error file=site/data/person.jsonld,line=8,col=3'],
    ['sarif', '"uri": "site/data/person.jsonld"'],
    ['junit', 'file="site/data/person.jsonld"'],
  ])(
    '%s: paths are relative to the working directory, not to the config file',
    async (format, expected) => {
      const work = await mkdtemp(path.join(tmpdir(), 'pg-cwd-'));
      await cp(path.join(REPO_ROOT, FIXTURE), path.join(work, 'site'), { recursive: true });
      await writeFile(path.join(work, 'site', 'profile-graph.config.json'), '{}\n');
      const io = capturedIo({ cwd: work });
      const status = await main(
        [
          'validate',
          '--config',
          'site/profile-graph.config.json',
          '--shapes',
          SHAPES,
          '--format',
          format,
        ],
        io,
      );
      expect(status).toBe(1);
      expect(io.out).toContain(expected);
    },
  );

  it('exits 0 on the bundled profile (warnings allowed) and 1 with --strict', async () => {
    expect((await validate('json', REPO_ROOT)).status).toBe(0);
    expect((await validate('json', REPO_ROOT, ['--strict'])).status).toBe(1);
  });

  it('writes --timings: milliseconds per stage in order, the total and the peak memory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-timings-'));
    const file = path.join(dir, 'timings.json');
    expect((await validate('json', REPO_ROOT, ['--timings', file])).status).toBe(0);
    const timings = JSON.parse(await readFile(file, 'utf8')) as TimingsRecord;
    expect(timings.command).toBe('validate');
    expect(Object.keys(timings.stages)).toEqual([
      'setup',
      'load',
      'schema',
      'jsonld',
      'vocabulary',
      'integrity',
      'shacl',
    ]);
    const sum = Object.values(timings.stages).reduce((total, ms) => total + ms, 0);
    expect(Object.values(timings.stages).every((ms) => ms >= 0)).toBe(true);
    // The stages cover the run: only history, reports and rounding fall between them.
    expect(timings.totalMs).toBeGreaterThanOrEqual(sum - 1);
    expect(typeof timings.peakRssBytes).toBe('number');
  });

  it('reports an unwritable --timings file as io/write-failed (exit 2)', async () => {
    const { status, err } = await validate('json', REPO_ROOT, ['--timings', '/nonexistent/t.json']);
    expect(status).toBe(2);
    expect(err).toMatch(
      /^error io\/write-failed Cannot write the timings to \/nonexistent\/t\.json: ENOENT/,
    );
  });

  it('rejects an unknown format as a usage error (exit 2)', async () => {
    const { status, err } = await validate('yaml');
    expect(status).toBe(2);
    expect(err).toBe(
      'error usage/invalid validate: --format must be one of text, json, github, sarif, junit, not "yaml".\n',
    );
  });
});
