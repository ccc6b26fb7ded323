import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    // Without the cache: every stage runs.
    expect((await validate('json', REPO_ROOT, ['--timings', file, '--no-cache'])).status).toBe(0);
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

  it('--cache DIR: a second run reuses it and prints the same report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-cache-'));
    const cache = path.join(dir, 'cache');
    const first = await validate('json', REPO_ROOT, ['--cache', cache]);
    const second = await validate('json', REPO_ROOT, ['--cache', cache]);
    expect(second).toEqual(first);
    const folders = await readdir(path.join(cache, 'validate'));
    expect(folders.sort()).toEqual(['files', 'graph']);
    // Deleting it is safe: the next run fills it again.
    await rm(cache, { recursive: true });
    expect(await validate('json', REPO_ROOT, ['--cache', cache])).toEqual(first);
    await rm(dir, { recursive: true });
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

describe('profile-graph validate --rules', () => {
  const GOOGLE_WARNINGS = 5;

  it('checks a project against every rule set by default, each shape finding naming its set', async () => {
    const all = await validate('json', REPO_ROOT);
    const named = await validate('json', REPO_ROOT, ['--rules', 'schema.org,google,profile']);
    expect(all.status).toBe(0);
    const diagnostics = JSON.parse(all.out) as Diagnostic[];
    expect(JSON.parse(named.out)).toEqual(diagnostics);
    expect(diagnostics).toHaveLength(GOOGLE_WARNINGS);
    for (const diagnostic of diagnostics)
      expect(diagnostic).toMatchObject({
        code: 'shacl/warning',
        ruleSet: 'google',
        seeAlso:
          'https://developers.google.com/search/docs/appearance/structured-data/profile-page#structured-data-type-definitions',
        file: 'data/people/sheng-zha.jsonld',
      });
  });

  it('leaves out the rule sets not chosen', async () => {
    for (const rules of ['schema.org', 'profile', 'schema.org,profile']) {
      const { status, out } = await validate('json', REPO_ROOT, ['--rules', rules, '--strict']);
      expect({ rules, status, out: JSON.parse(out) as unknown }).toEqual({
        rules,
        status: 0,
        out: [],
      });
    }
  });

  it("checks the profile's JSON Schemas only with the profile rule set", async () => {
    const cwd = path.join(REPO_ROOT, 'test/fixtures/invalid/schema-required');
    const profile = await validate('json', cwd, ['--rules', 'profile']);
    expect(profile.status).toBe(1);
    expect(JSON.parse(profile.out)).toEqual([
      expect.objectContaining({ code: 'schema/required', file: 'data/person.jsonld', line: 1 }),
    ]);
    const loose = await validate('json', cwd, ['--rules', 'schema.org,google']);
    expect({ status: loose.status, out: JSON.parse(loose.out) as unknown }).toEqual({
      status: 0,
      out: [],
    });
  });

  it('rejects an unknown rule set on the command line with "did you mean" (exit 2)', async () => {
    const { status, out, err } = await validate('json', REPO_ROOT, ['--rules', 'schema.org,gogle']);
    expect({ status, out }).toEqual({ status: 2, out: '' });
    expect(err).toBe(
      'error cli/unknown-rule-set --rules "schema.org,gogle": Unknown rule set "gogle"; the rule sets are schema.org, google, profile. (did you mean "google"?)\n',
    );
  });

  it('reads "rules" from the configuration file, locating an unknown name there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-rules-'));
    const config = (rules: unknown) =>
      writeFile(
        path.join(dir, 'profile-graph.config.json'),
        `${JSON.stringify({ data: path.join(REPO_ROOT, 'data'), shapes: SHAPES, rules }, null, 2)}\n`,
      );
    const run = async () => {
      const io = capturedIo({ cwd: dir });
      const status = await main(['validate', '--format', 'json'], io);
      return { status, out: io.out, err: io.err };
    };
    await config(['profile']);
    expect(await run()).toEqual({ status: 0, out: '[]\n', err: '' });
    await config('schema.org, google');
    const google = await run();
    expect((JSON.parse(google.out) as unknown[]).length).toBe(GOOGLE_WARNINGS);
    await config(['schema.org', 'profle']);
    expect(await run()).toEqual({
      status: 2,
      out: '',
      err: 'profile-graph.config.json:6:5 error cli/unknown-rule-set Unknown rule set "profle"; the rule sets are schema.org, google, profile. (did you mean "profile"?)\n',
    });
  });
});

describe('profile-graph validate on a folder without data', () => {
  it.each([
    ['empty', {}],
    ['holding no .jsonld or .json file', { 'notes.txt': 'x', 'sub/page.yaml': 'a: 1' }],
  ])(
    'an %s data folder is exit 2, one line naming the folder and what was looked for',
    async (_, files: Record<string, string>) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'pg-empty-'));
      await mkdir(path.join(dir, 'mydata/sub'), { recursive: true });
      for (const [name, text] of Object.entries(files))
        await writeFile(path.join(dir, 'mydata', name), text);
      const io = capturedIo({ cwd: dir });
      const status = await main(['validate', '--data', 'mydata', '--shapes', SHAPES], io);
      expect({ status, out: io.out, err: io.err }).toEqual({
        status: 2,
        out: '',
        err: 'mydata error io/no-data No data files (*.jsonld, *.json) in mydata.\n',
      });
    },
  );
});

describe('profile-graph validate without a shapes folder', () => {
  const FIXTURE_DATA = path.join(REPO_ROOT, 'test/fixtures/invalid/shacl-person-missing-name/data');

  /** A folder holding only `mydata/` (the fixture's data), plus what `extra` writes there. */
  async function project(extra: (dir: string) => Promise<void> = () => Promise.resolve()) {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-bundled-'));
    await cp(FIXTURE_DATA, path.join(dir, 'mydata'), { recursive: true });
    await extra(dir);
    return dir;
  }

  async function run(cwd: string, args: string[]) {
    const io = capturedIo({ cwd });
    const status = await main(['validate', '--data', 'mydata', '--format', 'json', ...args], io);
    return {
      status,
      out: io.out === '' ? undefined : (JSON.parse(io.out) as unknown),
      err: io.err,
    };
  }

  it('checks the data against the shapes bundled in the package, as --shapes would', async () => {
    const dir = await project();
    const bundled = await run(dir, []);
    expect(bundled).toEqual(await run(dir, ['--shapes', SHAPES]));
    expect(bundled).toMatchObject({
      status: 1,
      err: '',
      out: [
        expect.objectContaining({
          code: 'shacl/violation',
          file: 'mydata/work.jsonld',
          line: 6,
          pointer: '/author',
        }),
      ],
    });
  });

  it("uses a project's own shapes/ folder instead of the bundled shapes, not beside them", async () => {
    // The project's copy lacks the profile's SHACL shapes: their finding is gone, so it replaced them.
    const dir = await project(async (root) => {
      await cp(SHAPES, path.join(root, 'shapes'), { recursive: true });
      await rm(path.join(root, 'shapes/profile.shacl.ttl'));
    });
    expect(await run(dir, [])).toEqual({ status: 0, out: [], err: '' });
  });

  it.each([
    ['--shapes', ['--shapes', 'myshapes'], undefined],
    ['"shapes" in the configuration', [], { data: 'mydata', shapes: 'myshapes' }],
  ])(
    'still refuses a shapes folder named by %s that does not exist (exit 2)',
    async (_, args, config) => {
      const dir = await project(async (root) => {
        if (config)
          await writeFile(path.join(root, 'profile-graph.config.json'), JSON.stringify(config));
      });
      expect(await run(dir, args)).toEqual({
        status: 2,
        out: undefined,
        err: 'error io/not-found Shapes directory not found: myshapes\n',
      });
    },
  );
});
