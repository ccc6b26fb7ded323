import { execFile } from 'node:child_process';
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isomorphic } from 'rdf-isomorphic';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { readRdf } from '../../src/rdf/read-rdf.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'pg-cli-'));
  await writeFile(
    path.join(work, 'bad.jsonld'),
    '{\n  "@context": "https://schema.org",\n  "name": "A",,\n}\n',
  );
  await writeFile(
    path.join(work, 'bad.ttl'),
    '@prefix s: <http://schema.org/> .\n<a> s:name "A" ;\n  s:x y .\n',
  );
  await writeFile(
    path.join(work, 'remote.jsonld'),
    '{\n  "@context": "https://example.org/ctx",\n  "name": "A"\n}\n',
  );
  await writeFile(
    path.join(work, 'person.jsonld'),
    '{"@context": "https://schema.org", "@type": "Person", "@id": "p#id", "name": "Ada"}',
  );
  await writeFile(path.join(work, 'person.txt'), '');
});

/**
 * 2026-01-01, before the data's first commit: the page gets this dateModified and no
 * dateCreated (a history newer than the build date is dropped), in a clone or not.
 */
const BUILD_DATE = { SOURCE_DATE_EPOCH: '1767225600' };

async function run(
  argv: string[],
  options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {},
) {
  const io = capturedIo({
    cwd: options.cwd ?? work,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  if (options.env) io.env = options.env;
  const status = await main(argv, io);
  return { status, out: io.out, err: io.err };
}

describe('profile-graph convert', () => {
  it('prints the bundled profile as published (page dates added) as Turtle, identical to the golden file', async () => {
    const result = await run(['convert', '--data', 'data', '--to', 'turtle'], {
      cwd: REPO_ROOT,
      env: BUILD_DATE,
    });
    expect(result).toMatchObject({ status: 0, err: '' });
    expect(result.out).toBe(
      await readFile(path.join(REPO_ROOT, 'test/golden/published.ttl'), 'utf8'),
    );
  });

  it('refuses to convert invalid data, with the diagnostics validate prints (exit 1)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-convert-'));
    await cp(path.join(REPO_ROOT, 'shapes'), path.join(dir, 'shapes'), { recursive: true });
    await mkdir(path.join(dir, 'data'));
    // Well-formed JSON-LD, so only the later layers (schema, SHACL) can refuse it.
    await writeFile(
      path.join(dir, 'data/person.jsonld'),
      '{"@context": "https://schema.org", "@type": "Person", "@id": "p#id"}',
    );
    const result = await run(['convert', '--data', 'data', '--to', 'turtle'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^data\/person\.jsonld:1:\d+ error /);
  });

  it('converts every format to every other format without changing the graph', async () => {
    const documentLoader = createDocumentLoader();
    const source = await run(['convert', '--data', 'data', '--to', 'nquads'], { cwd: REPO_ROOT });
    const original = await readRdf(source.out, {
      format: 'nquads',
      file: '-',
      baseUrl: 'http://x/',
      documentLoader,
    });
    for (const from of ['jsonld', 'turtle', 'ntriples', 'trig', 'rdfxml'] as const) {
      const first = await run(['convert', '--data', 'data', '--to', from], { cwd: REPO_ROOT });
      for (const to of ['turtle', 'rdfxml', 'jsonld'] as const) {
        const second = await run(['convert', '-', '--from', from, '--to', to], {
          stdin: first.out,
        });
        expect(second.status, `${from} → ${to}: ${second.err}`).toBe(0);
        const back = await readRdf(second.out, {
          format: to,
          file: '-',
          baseUrl: 'http://x/',
          documentLoader,
        });
        expect(isomorphic(back.quads, original.quads), `${from} → ${to}`).toBe(true);
      }
    }
  });

  it('reads standard input as JSON-LD by default and resolves against --base-url', async () => {
    const result = await run(
      ['convert', '-', '--to', 'ntriples', '--base-url', 'https://example.org/'],
      {
        stdin: '{"@context": "https://schema.org", "@id": "a", "name": "A"}',
      },
    );
    expect(result).toEqual({
      status: 0,
      err: '',
      out: '<https://example.org/a> <http://schema.org/name> "A" .\n',
    });
  });

  it('infers the input format from the extension', async () => {
    const result = await run([
      'convert',
      'person.jsonld',
      '--to',
      'ntriples',
      '--base-url',
      'https://example.org/',
    ]);
    expect(result.out).toBe(
      '<https://example.org/p#id> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n<https://example.org/p#id> <http://schema.org/name> "Ada" .\n',
    );
  });

  it.each([
    [
      'unparsable JSON',
      ['convert', 'bad.jsonld', '--to', 'turtle'],
      1,
      'bad.jsonld:3:15 error syntax/invalid-json Invalid JSON: Unexpected token Comma found.\n',
    ],
    [
      'a Turtle syntax error',
      ['convert', 'bad.ttl', '--to', 'ntriples'],
      1,
      'bad.ttl:3:7 error rdf/syntax Syntax error: Unexpected "y".\n',
    ],
    [
      'a remote context',
      ['convert', 'remote.jsonld', '--to', 'turtle'],
      1,
      'remote.jsonld:2:3 error jsonld/remote-context Remote context "https://example.org/ctx" refused: only the bundled schema.org context is available (no network access). (use "@context": "https://schema.org" or an inline context object)\n',
    ],
    [
      'a missing file',
      ['convert', 'missing.jsonld', '--to', 'turtle'],
      2,
      'error io/not-found File not found: missing.jsonld\n',
    ],
    [
      'an unknown output format',
      ['convert', 'person.jsonld', '--to', 'yaml'],
      2,
      'error usage/invalid convert: unknown format "yaml" for --to; use one of jsonld, turtle, ntriples, nquads, trig, rdfxml.\n',
    ],
    [
      'a missing --to',
      ['convert', 'person.jsonld'],
      2,
      'error usage/invalid convert: --to is required (one of jsonld, turtle, ntriples, nquads, trig, rdfxml).\n',
    ],
    [
      'an unknown extension',
      ['convert', 'person.txt', '--to', 'turtle'],
      2,
      'error usage/invalid convert: cannot tell the format of "person.txt" from its extension; give --from (jsonld, turtle, ntriples, nquads, trig, rdfxml).\n',
    ],
    [
      'an unknown flag',
      ['convert', '--too', 'turtle'],
      2,
      'error cli/unknown-flag profile-graph convert: unknown option "--too" (see profile-graph help convert)\n',
    ],
    [
      'an unknown flag of validate',
      ['validate', '--foo'],
      2,
      'error cli/unknown-flag profile-graph validate: unknown option "--foo" (see profile-graph help validate)\n',
    ],
    [
      'an unknown short flag',
      ['build', '-x'],
      2,
      'error cli/unknown-flag profile-graph build: unknown option "-x" (see profile-graph help build)\n',
    ],
    [
      'a flag without its value',
      ['validate', '--data'],
      2,
      'error cli/missing-value profile-graph validate: option "--data" needs a value (see profile-graph help validate)\n',
    ],
    [
      'a flag whose value looks like another flag',
      ['build', '--out', '--base-url', 'https://example.org/'],
      2,
      'error cli/missing-value profile-graph build: option "--out" needs a value; "--base-url" looks like an option (write --out=--base-url if it is the value) (see profile-graph help build)\n',
    ],
    [
      'a value given to a switch',
      ['validate', '--strict=yes'],
      2,
      'error cli/unexpected-value profile-graph validate: option "--strict" takes no value, got "yes" (see profile-graph help validate)\n',
    ],
    [
      'an argument the command does not take',
      ['build', 'data'],
      2,
      'error cli/unexpected-argument profile-graph build: unexpected argument "data" (see profile-graph help build)\n',
    ],
    [
      'a second file',
      ['convert', 'a.jsonld', 'b.jsonld', '--to', 'turtle'],
      2,
      'error cli/unexpected-argument profile-graph convert: unexpected argument "b.jsonld"; give one FILE (see profile-graph help convert)\n',
    ],
    [
      'help on an unknown command',
      ['help', 'frobnicate'],
      2,
      'error usage/invalid Unknown command "frobnicate". Commands: validate, convert, serve, query, build, import, export, push.\n',
    ],
    [
      'a bad base URL',
      ['convert', 'person.jsonld', '--to', 'turtle', '--base-url', 'example.org'],
      2,
      'error usage/invalid Base URL "example.org" must be an absolute http(s) URL ending in "/" (for example https://example.org/).\n',
    ],
    [
      'a missing data directory',
      ['convert', '--data', 'nowhere', '--to', 'turtle'],
      2,
      'error io/not-found Data directory not found: nowhere\n',
    ],
    [
      'an unknown command',
      ['frobnicate'],
      2,
      'error usage/invalid Unknown command "frobnicate". Commands: validate, convert, serve, query, build, import, export, push.\n',
    ],
  ])(
    'reports %s as one located line with the right exit status',
    async (_case, argv, status, err) => {
      const result = await run(argv);
      expect(result).toEqual({ status, out: '', err });
    },
  );

  it.each(['validate', 'convert', 'serve', 'query', 'build', 'push'])(
    'prints the help of %s for "help COMMAND" and "COMMAND --help" alike',
    async (command) => {
      const asked = await run(['help', command]);
      expect(asked.status).toBe(0);
      expect(asked.err).toBe('');
      expect(asked.out).toMatch(new RegExp(`^Usage: profile-graph ${command} `));
      expect(await run([command, '--help'])).toEqual(asked);
      expect(await run([command, '-h'])).toEqual(asked);
    },
  );

  it('reports configuration errors at their line in the configuration file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-config-'));
    await writeFile(
      path.join(dir, 'profile-graph.config.json'),
      '{\n  "baseUrl": "ftp://example.org",\n  "siteName": "",\n  "colour": "blue"\n}\n',
    );
    await mkdir(path.join(dir, 'data'));
    const result = await run(['convert', '--data', 'data', '--to', 'turtle'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.err.split('\n').filter(Boolean)).toEqual([
      'profile-graph.config.json:1:1 error config/invalid Unknown configuration key "colour"; allowed: baseUrl, siteName, mainEntity, language, data, shapes, rules, sparqlEndpoint, labelProperties, cache, host.',
      'profile-graph.config.json:2:3 error config/invalid "baseUrl" must be an absolute http(s) URL ending in "/".',
      'profile-graph.config.json:3:3 error config/invalid "siteName" must NOT have fewer than 1 characters.',
    ]);
  });

  it('locates a labelProperties entry that names no predicate (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pg-labels-'));
    await writeFile(
      path.join(dir, 'profile-graph.config.json'),
      '{\n  "labelProperties": [\n    "schema:name",\n    "ex:title",\n    "label"\n  ]\n}\n',
    );
    await mkdir(path.join(dir, 'data'));
    const result = await run(['convert', '--data', 'data', '--to', 'turtle'], { cwd: dir });
    const allowed =
      'write prefix:local with a prefix of schema, rdfs, skos, foaf, dcterms, dc, or an absolute http(s) IRI.';
    expect(result).toEqual({
      status: 2,
      out: '',
      err: [
        `profile-graph.config.json:4:5 error config/invalid "labelProperties" entry "ex:title" names no predicate: ${allowed}`,
        `profile-graph.config.json:5:5 error config/invalid "labelProperties" entry "label" names no predicate: ${allowed}`,
        '',
      ].join('\n'),
    });
  });

  it('prints help for the command and for the program', async () => {
    expect((await run(['convert', '--help'])).out).toContain(
      'Usage: profile-graph convert [FILE|-] --to FORMAT',
    );
    expect((await run(['--help'])).out).toContain('Commands:\n  validate');
  });
});

describe('the profile-graph binary', () => {
  const exec = promisify(execFile);
  const bin = [
    path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
    path.join(REPO_ROOT, 'src/bin.ts'),
  ];

  it('exits 1 with one located line and no stack trace on bad input', async () => {
    const error = (await exec(
      process.execPath,
      [...bin, 'convert', 'bad.jsonld', '--to', 'turtle'],
      { cwd: work },
    ).catch((caught: unknown) => caught)) as { code: number; stdout: string; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stdout).toBe('');
    expect(error.stderr).toBe(
      'bad.jsonld:3:15 error syntax/invalid-json Invalid JSON: Unexpected token Comma found.\n',
    );
  });

  it('converts the bundled profile', async () => {
    const { stdout } = await exec(
      process.execPath,
      [...bin, 'convert', '--data', 'data', '--to', 'ntriples'],
      { cwd: REPO_ROOT, env: { ...process.env, ...BUILD_DATE } },
    );
    expect(stdout).toBe(await readFile(path.join(REPO_ROOT, 'test/golden/published.nt'), 'utf8'));
  });
});
