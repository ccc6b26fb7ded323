import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../../src/load/load-sources.js';
import { parseSourceFile } from '../../../src/load/source-file.js';
import { ProfileGraphError, type Diagnostic } from '../../../src/model/diagnostic.js';
import {
  createJsonSchemaValidator,
  SCHEMA_FORMATS,
  type JsonSchemaValidator,
} from '../../../src/validate/json-schema.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every data file of the seed profile, as repository-relative paths. */
const DATA_FILES = readdirSync(path.join(ROOT, 'data'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.jsonld'))
  .map((file) => `data/${file.split(path.sep).join('/')}`)
  .sort();

let validator: JsonSchemaValidator;

beforeAll(async () => {
  validator = await createJsonSchemaValidator('shapes', ROOT);
});

/** Validates JSON text as if it were the data file `file`. */
function check(text: string, file = 'data/people/x.jsonld'): Diagnostic[] {
  const parsed = parseSourceFile(file, text);
  if (!parsed.ok) throw new Error(`test input is not JSON: ${text}`);
  return validator.validate(parsed.source);
}

/** A complete Person document, one key a line, with `overrides` merged in (undefined deletes). */
function person(overrides: Record<string, unknown> = {}): string {
  const value: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Person',
    '@id': 'people/x#id',
    name: 'Ada Lovelace',
    description: 'Mathematician.',
    jobTitle: 'Analyst',
    ...overrides,
  };
  return JSON.stringify(value, null, 2);
}

describe('createJsonSchemaValidator', () => {
  it('compiles every shapes/*.schema.json, sorted', () => {
    expect(validator.schemaFiles).toEqual([
      'shapes/creative-work.schema.json',
      'shapes/credential.schema.json',
      'shapes/defs.schema.json',
      'shapes/document.schema.json',
      'shapes/event.schema.json',
      'shapes/interaction-counter.schema.json',
      'shapes/node.schema.json',
      'shapes/organization.schema.json',
      'shapes/person.schema.json',
      'shapes/profile-page.schema.json',
      'shapes/role.schema.json',
    ]);
  });
});

describe('the seed profile in data/', () => {
  it('has data files to check', () => {
    expect(DATA_FILES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(DATA_FILES)('%s conforms', (file) => {
    expect(check(readFileSync(path.join(ROOT, file), 'utf8'), file)).toEqual([]);
  });

  it('conforms when loaded as a whole', async () => {
    const { sources, diagnostics } = await loadSources('data', ROOT);
    expect(diagnostics).toEqual([]);
    expect(sources.flatMap((source) => validator.validate(source))).toEqual([]);
  });
});

describe('top-level keys', () => {
  it('reports a missing @context at the document', () => {
    const diags = check(person({ '@context': undefined }));
    expect(diags).toHaveLength(1);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'schema/required',
        severity: 'error',
        file: 'data/people/x.jsonld',
        pointer: '/@context',
        line: 1,
        column: 1,
        message: 'Person "people/x#id" is missing the required property "@context".',
      }),
    );
  });

  it('reports a missing @type and a missing @id, one diagnostic each', () => {
    const diags = check(JSON.stringify({ '@context': 'https://schema.org', name: 'X' }, null, 2));
    expect(diags).toEqual([
      expect.objectContaining({ code: 'schema/required', pointer: '/@id', line: 1 }),
      expect.objectContaining({ code: 'schema/required', pointer: '/@type', line: 1 }),
    ]);
    expect(diags[0]?.message).toBe('The document is missing the required property "@id".');
  });

  it('accepts the aliases "id" and "type" of the schema.org context', () => {
    const text = JSON.stringify({
      '@context': 'https://schema.org',
      type: 'Person',
      id: 'people/x#id',
      name: 'Ada Lovelace',
    });
    expect(check(text)).toEqual([]);
  });

  it('accepts an array or object @context and rejects a relative string', () => {
    expect(check(person({ '@context': ['https://schema.org', { '@base': 'x' }] }))).toEqual([]);
    expect(check(person({ '@context': 'schema.org' }))).toEqual([
      expect.objectContaining({ code: 'schema/format', pointer: '/@context', line: 2 }),
    ]);
  });

  it('rejects a document that is not an object', () => {
    expect(check('[1, 2]')).toEqual([
      expect.objectContaining({ code: 'schema/type', pointer: '', line: 1 }),
    ]);
  });
});

describe('Person', () => {
  it('requires a name: one diagnostic at /name, on the line of the object', () => {
    const diags = check(person({ name: undefined }));
    expect(diags).toHaveLength(1);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'schema/required',
        file: 'data/people/x.jsonld',
        pointer: '/name',
        line: 1,
        message: 'Person "people/x#id" is missing the required property "name".',
      }),
    );
  });

  it('leaves description and jobTitle to SHACL', () => {
    expect(check(person({ description: undefined, jobTitle: undefined }))).toEqual([]);
  });

  it('does not hold a nested reference to the keys of a file', () => {
    const text = person({ knows: { '@type': 'Person', '@id': 'people/y#id' } });
    expect(check(text)).toEqual([]);
  });

  it('accepts language-tagged strings and rejects a misspelt key in one', () => {
    expect(check(person({ name: { '@value': 'Ada', '@language': 'en' } }))).toEqual([]);
    const diags = check(person({ name: { '@value': 'Ada', '@langauge': 'en' } }));
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'schema/additional-property',
        pointer: '/name/@langauge',
        line: 7,
        message: 'Property "@langauge" is not allowed in name.',
      }),
    ]);
  });

  it('reports a malformed language tag as a pattern, naming what it expects', () => {
    const diags = check(person({ description: { '@value': 'x', '@language': 'english' } }));
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'schema/pattern',
        pointer: '/description/@language',
        line: 8,
        message: '@language "english" is not a valid BCP 47 language tag.',
      }),
    ]);
  });

  it('rejects an empty name', () => {
    expect(check(person({ name: '' }))).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        pointer: '/name',
        line: 5,
        message: 'name must not be empty.',
      }),
    ]);
  });

  it('rejects a bare-string link, with the fix as a hint', () => {
    const diags = check(person({ worksFor: 'organizations/aws#id' }));
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'schema/type',
        pointer: '/worksFor',
        line: 8,
        message: 'worksFor "organizations/aws#id" must be an object or an array.',
        hint: 'Link to a node with { "@id": "organizations/aws#id" }.',
      }),
    ]);
  });
});

describe('@type', () => {
  it('rejects a number with exactly one diagnostic', () => {
    const diags = check(person({ '@type': 5 }));
    expect(diags).toHaveLength(1);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'schema/type',
        pointer: '/@type',
        line: 3,
        message: '@type 5 must be a string or an array of strings.',
      }),
    );
  });

  it('accepts an array of strings and rejects a number inside one', () => {
    expect(check(person({ '@type': ['Person', 'schema:Patient'] }))).toEqual([]);
    expect(check(person({ '@type': ['Person', 5] }))).toEqual([
      expect.objectContaining({ code: 'schema/type', pointer: '/@type/1', line: 5 }),
    ]);
  });
});

describe('dates', () => {
  const role = (startDate: unknown) =>
    JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@type': 'EmployeeRole',
        '@id': 'roles/x#id',
        startDate,
      },
      null,
      2,
    );

  it.each([
    '2016',
    '2016-05',
    '2016-05-31',
    '2016-02-29',
    '2016-05-31T09:30:00',
    '2016-05-31T09:30:00.5+02:00',
  ])('accepts %s', (date) => {
    expect(check(role(date), 'data/roles/x.jsonld')).toEqual([]);
  });

  it.each(['last year', '2016-13-01', '2015-02-29', '16', '2016-5', '2016-05-31 09:30:00', ''])(
    'rejects "%s" with one schema/format at /startDate',
    (date) => {
      const diags = check(role(date), 'data/roles/x.jsonld');
      expect(diags).toHaveLength(1);
      expect(diags).toContainEqual(
        expect.objectContaining({
          code: 'schema/format',
          file: 'data/roles/x.jsonld',
          pointer: '/startDate',
          line: 5,
        }),
      );
    },
  );

  it('says what a date looks like', () => {
    expect(check(role('last year'))[0]?.message).toBe(
      'startDate "last year" is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a full date-time).',
    );
  });

  it('rejects an unquoted year as a type error, with a hint', () => {
    expect(check(role(2016))).toEqual([
      expect.objectContaining({
        code: 'schema/type',
        pointer: '/startDate',
        line: 5,
        message: 'startDate 2016 must be a string.',
        hint: 'Quote it: "2016".',
      }),
    ]);
  });

  it('checks dates in nested nodes (Role as contributor, PublicationEvent)', () => {
    const text = JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@type': 'ScholarlyArticle',
        '@id': 'works/x#id',
        name: 'X',
        contributor: { '@type': 'Role', endDate: 'soon' },
        publication: { '@type': 'PublicationEvent', startDate: '2023-07-32' },
      },
      null,
      2,
    );
    expect(check(text, 'data/works/x.jsonld')).toEqual([
      expect.objectContaining({ code: 'schema/format', pointer: '/contributor/endDate', line: 8 }),
      expect.objectContaining({
        code: 'schema/format',
        pointer: '/publication/startDate',
        line: 12,
      }),
    ]);
  });
});

describe('URLs', () => {
  const work = (overrides: Record<string, unknown>) =>
    JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@type': 'SoftwareSourceCode',
        '@id': 'works/x#id',
        name: 'X',
        ...overrides,
      },
      null,
      2,
    );

  it('rejects an http codeRepository with one schema/format', () => {
    const diags = check(work({ codeRepository: 'http://github.com/x/y' }), 'data/works/x.jsonld');
    expect(diags).toHaveLength(1);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'schema/format',
        file: 'data/works/x.jsonld',
        pointer: '/codeRepository',
        line: 6,
        message: 'codeRepository "http://github.com/x/y" is not an absolute https URL.',
      }),
    );
  });

  it('checks every item of a list: sameAs[1]', () => {
    const diags = check(work({ sameAs: ['https://example.org/x', 'ftp://example.org/x'] }));
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'schema/format',
        pointer: '/sameAs/1',
        line: 8,
        message: 'sameAs[1] "ftp://example.org/x" is not an absolute https URL.',
      }),
    ]);
  });

  it('accepts a node where a URL may be one (an ImageObject), and checks its url', () => {
    expect(
      check(work({ image: { '@type': 'ImageObject', url: 'https://x.example/a.png' } })),
    ).toEqual([]);
    expect(check(work({ image: { '@type': 'ImageObject', url: 'x.png' } }))).toEqual([
      expect.objectContaining({ code: 'schema/format', pointer: '/image/url', line: 8 }),
    ]);
  });

  it('rejects a relative url', () => {
    expect(check(work({ url: 'works/x' }))).toEqual([
      expect.objectContaining({ code: 'schema/format', pointer: '/url', line: 6 }),
    ]);
  });
});

describe('InteractionCounter', () => {
  const counted = (userInteractionCount: unknown) =>
    JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@type': 'SoftwareSourceCode',
        '@id': 'works/x#id',
        name: 'X',
        interactionStatistic: { '@type': 'InteractionCounter', userInteractionCount },
      },
      null,
      2,
    );

  it.each([12.5, '2500'])('rejects a non-integer star count %j with one schema/type', (count) => {
    const diags = check(counted(count), 'data/works/x.jsonld');
    expect(diags).toHaveLength(1);
    expect(diags).toContainEqual(
      expect.objectContaining({
        code: 'schema/type',
        pointer: '/interactionStatistic/userInteractionCount',
        line: 8,
        message: `userInteractionCount ${JSON.stringify(count)} must be an integer.`,
      }),
    );
  });

  it('accepts an integer, leaving its sign to SHACL', () => {
    expect(check(counted(20800))).toEqual([]);
    expect(check(counted(-3))).toEqual([]);
  });
});

describe('several mistakes', () => {
  it('gives one diagnostic per mistake, sorted by line', () => {
    const text = JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@type': 'Person',
        '@id': 'people/x y',
        birthDate: 'yesterday',
        sameAs: 'http://example.org/x',
        worksFor: [{ '@id': 'roles/a#id' }, { '@type': 'EmployeeRole', startDate: 2016 }],
      },
      null,
      2,
    );
    const diags = check(text);
    expect(diags.map(({ code, pointer, line }) => ({ code, pointer, line }))).toEqual([
      { code: 'schema/required', pointer: '/name', line: 1 },
      { code: 'schema/format', pointer: '/@id', line: 4 },
      { code: 'schema/format', pointer: '/birthDate', line: 5 },
      { code: 'schema/format', pointer: '/sameAs', line: 6 },
      { code: 'schema/type', pointer: '/worksFor/1/startDate', line: 13 },
    ]);
  });
});

describe('SCHEMA_FORMATS', () => {
  it.each([
    ['https-url', 'https://github.com/apache/mxnet', true],
    ['https-url', 'https://', false],
    ['https-url', 'https://example.org/a b', false],
    ['image-url', 'https://example.org/me.jpg', true],
    ['image-url', 'people/sheng-zha.jpg', true],
    ['image-url', 'me.PNG', true],
    ['image-url', 'people/sheng-zha.txt', false],
    ['image-url', '/people/sheng-zha.jpg', false],
    ['image-url', '../secret.jpg', false],
    ['image-url', 'people//x.jpg', false],
    ['image-url', 'http://example.org/me.jpg', false],
    ['image-url', 'people/a b.jpg', false],
    ['iri-reference', '', true],
    ['iri-reference', 'people/x#id', true],
    ['iri-reference', '_:b0', true],
    ['iri-reference', 'schema:LikeAction', true],
    ['iri-reference', 'a<b', false],
  ] as const)('%s %j → %s', (format, value, expected) => {
    expect(SCHEMA_FORMATS[format]?.(value)).toBe(expected);
  });
});

describe('broken schemas', () => {
  let root: string | undefined;

  afterEach(async () => {
    if (root !== undefined) await rm(root, { recursive: true, force: true });
    root = undefined;
  });

  /** Copies shapes/*.schema.json to a temporary root (removed after the test). */
  async function copyShapes(): Promise<string> {
    const copy = await mkdtemp(path.join(tmpdir(), 'profile-graph-json-schema-'));
    root = copy;
    await cp(path.join(ROOT, 'shapes'), path.join(copy, 'shapes'), {
      recursive: true,
      filter: (source) => !source.endsWith('.ttl'),
    });
    return copy;
  }

  async function compileError(from: string, shapesDir = 'shapes'): Promise<ProfileGraphError> {
    const error: unknown = await createJsonSchemaValidator(shapesDir, from).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!(error instanceof ProfileGraphError)) throw new Error('expected a ProfileGraphError');
    return error;
  }

  /** Applies `edit` to one schema file of a copy of shapes/, then compiles the copy. */
  async function compileEdited(
    file: string,
    edit: (text: string) => string,
  ): Promise<ProfileGraphError> {
    const copy = await copyShapes();
    const target = path.join(copy, 'shapes', file);
    await writeFile(target, edit(await readFile(target, 'utf8')));
    return compileError(copy);
  }

  it('reports a file that is not JSON as a syntax error in that file', async () => {
    const error = await compileEdited('person.schema.json', (text) => `${text}}`);
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ code: 'syntax/invalid-json', file: 'shapes/person.schema.json' }),
    ]);
  });

  it('locates a meta-schema violation', async () => {
    const error = await compileEdited('person.schema.json', (text) =>
      text.replace('"type": "object",', '"type": "objekt",'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/person.schema.json',
        pointer: '/type',
        line: 6,
      }),
    ]);
    expect(error.diagnostics[0]?.message).toMatch(
      /^Invalid JSON Schema: type "objekt" is not one of/,
    );
  });

  it('locates an unknown keyword (strict mode)', async () => {
    const error = await compileEdited('role.schema.json', (text) =>
      text.replace('"properties": {', '"requird": ["roleName"],\n  "properties": {'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/role.schema.json',
        pointer: '/requird',
        line: 7,
        message: 'Invalid JSON Schema: strict mode: unknown keyword: "requird".',
      }),
    ]);
  });

  it('locates an unresolved $ref', async () => {
    const error = await compileEdited('role.schema.json', (text) =>
      text.replace('defs.schema.json#/$defs/date', 'defs.schema.json#/$defs/dat'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/role.schema.json',
        pointer: '/properties/startDate/$ref',
      }),
    ]);
  });

  it('compiles lazily on request: the same located error, from prepare() and validate()', async () => {
    const copy = await copyShapes();
    const target = path.join(copy, 'shapes', 'role.schema.json');
    await writeFile(
      target,
      (await readFile(target, 'utf8')).replace(
        'defs.schema.json#/$defs/date',
        'defs.schema.json#/$defs/dat',
      ),
    );
    const eager = await compileError(copy);
    const lazy = await createJsonSchemaValidator('shapes', copy, { lazy: true });
    const parsed = parseSourceFile('data/people/x.jsonld', person());
    if (!parsed.ok) throw new Error('test input is not JSON');
    const { source } = parsed;
    for (const attempt of [
      () => {
        lazy.prepare();
      },
      () => lazy.validate(source),
    ]) {
      const error: unknown = (() => {
        try {
          attempt();
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ProfileGraphError);
      expect((error as ProfileGraphError).diagnostics).toEqual(eager.diagnostics);
    }
  });

  it('locates an unknown format', async () => {
    const error = await compileEdited('defs.schema.json', (text) =>
      text.replace('"format": "schema-date"', '"format": "schema-dat"'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/defs.schema.json',
        pointer: '/$defs/date',
      }),
    ]);
  });

  it('locates an invalid regular expression', async () => {
    const error = await compileEdited('defs.schema.json', (text) =>
      text.replace('"^[A-Za-z]{2,3}', '"^[A-Za-z{2,3}'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/defs.schema.json',
        pointer: '/$defs/languageTag/pattern',
      }),
    ]);
  });

  it('requires $id to be the file name', async () => {
    const error = await compileEdited('event.schema.json', (text) =>
      text.replace('"$id": "event.schema.json"', '"$id": "events.schema.json"'),
    );
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'schema/invalid',
        file: 'shapes/event.schema.json',
        pointer: '/$id',
        line: 3,
      }),
    ]);
  });

  it('requires document.schema.json', async () => {
    const copy = await copyShapes();
    await rm(path.join(copy, 'shapes/document.schema.json'));
    const error = await compileError(copy);
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'io/not-found',
        message:
          'Schema not found: shapes/document.schema.json (the schema every data file is validated against).',
      }),
    ]);
  });

  it('reports a missing shapes directory', async () => {
    const error = await compileError(ROOT, 'no-such-dir');
    expect(error.exitCode).toBe(2);
    expect(error.diagnostics).toEqual([
      expect.objectContaining({
        code: 'io/not-found',
        message: 'Shapes directory not found: no-such-dir',
      }),
    ]);
  });
});
