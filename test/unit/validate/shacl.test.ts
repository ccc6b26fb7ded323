import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../../src/load/load-sources.js';
import { ProfileGraphError, type Diagnostic } from '../../../src/model/diagnostic.js';
import type { ValidationContext } from '../../../src/validate/context.js';
import { createShaclValidator, type ShaclValidator } from '../../../src/validate/shacl.js';
import { contextFromFiles } from '../../support/validation-context.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BASE = 'http://localhost:8080/';
/** Every SHACL fixture case: adding one needs no code. */

/** A JSON-LD document, one member per line: `@type` on line 3, `@id` on 4, members from 5. */
function doc(type: string, id: string | undefined, members: Record<string, unknown> = {}): string {
  const lines = [
    '  "@context": "https://schema.org"',
    `  "@type": ${JSON.stringify(type)}`,
    ...(id === undefined ? [] : [`  "@id": ${JSON.stringify(id)}`]),
    ...Object.entries(members).map(
      ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
    ),
  ];
  return `{\n${lines.join(',\n')}\n}\n`;
}

const person = (members: Record<string, unknown> = {}) =>
  doc('Person', 'people/ada#id', {
    name: 'Ada Lovelace',
    description: 'Mathematician.',
    jobTitle: 'Analyst',
    ...members,
  });

async function contextOf(files: Record<string, string>): Promise<ValidationContext> {
  return contextFromFiles(files);
}

/** Writes a shapes directory under a fresh temporary root; returns the root. */
async function shapesRoot(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-shacl-'));
  await mkdir(path.join(root, 'shapes'));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(root, 'shapes', name), text);
  }
  return root;
}

const PREFIXES = [
  '@prefix sh: <http://www.w3.org/ns/shacl#> .',
  '@prefix schema: <http://schema.org/> .',
  '@prefix ex: <http://example.org/shapes#> .',
  '',
].join('\n');

describe('createShaclValidator with the bundled shapes', () => {
  let validator: ShaclValidator;
  beforeAll(async () => {
    validator = await createShaclValidator('shapes', ROOT);
  });

  it('reads every shapes/*.ttl in name order and exposes the shapes as written', () => {
    expect(validator.files).toEqual([
      'shapes/google/article-author.shacl.ttl',
      'shapes/google/article.shacl.ttl',
      'shapes/google/breadcrumb.shacl.ttl',
      'shapes/google/dataset.shacl.ttl',
      'shapes/google/event.shacl.ttl',
      'shapes/google/organization.shacl.ttl',
      'shapes/google/profile-page.shacl.ttl',
      'shapes/google/software-app.shacl.ttl',
      'shapes/google/video.shacl.ttl',
      'shapes/profile.shacl.ttl',
    ]);
    const predicates = new Set(validator.shapes.map((quad) => quad.predicate.value));
    expect(predicates).toContain('http://www.w3.org/ns/shacl#targetClass');
    // The schema.org subclass triples are added to the engine's shapes graph only.
    expect(predicates).not.toContain('http://www.w3.org/2000/01/rdf-schema#subClassOf');
  });

  describe('the real profile in data/', () => {
    let diagnostics: Diagnostic[];
    beforeAll(async () => {
      const { sources } = await loadSources('data', ROOT);
      const context = await contextOf(
        Object.fromEntries(sources.map((source) => [source.path, source.text])),
      );
      diagnostics = await validator.validate(context);
    });

    it('has no violations', () => {
      expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    });

    it('gets only the Google recommendations the data does not answer', () => {
      const person = ['data/people/sheng-zha.jsonld', '', 1, `${BASE}people/sheng-zha#id`];
      const page = ['data/profile.jsonld', '', 1, BASE];
      const onEntity = "on the ProfilePage's mainEntity";
      expect(
        diagnostics.map((d) => [d.code, d.file, d.pointer, d.line, d.focusNode, d.message]),
      ).toEqual([
        [
          'shacl/warning',
          ...person,
          `Google recommends an alternateName (schema:alternateName) ${onEntity}: a handle or other name it is known by.`,
        ],
        [
          'shacl/warning',
          ...person,
          `Google recommends an identifier (schema:identifier) ${onEntity}: a stable ID for it on this site.`,
        ],
        [
          'shacl/warning',
          ...person,
          `Google recommends an image (schema:image) ${onEntity}: a profile picture or logo URL.`,
        ],
        [
          'shacl/warning',
          ...person,
          `Google recommends an interactionStatistic (schema:interactionStatistic) ${onEntity}: followers, likes or other counts.`,
        ],
        [
          'shacl/warning',
          ...person,
          `Google recommends sameAs (schema:sameAs) ${onEntity}: URLs of the same profile on other sites.`,
        ],
        [
          'shacl/warning',
          ...page,
          'Google recommends a dateCreated (schema:dateCreated) on the ProfilePage: when the profile was created.',
        ],
        [
          'shacl/warning',
          ...page,
          'Google recommends a dateModified (schema:dateModified) on the ProfilePage: when the profile was last changed.',
        ],
      ]);
    });

    it('is deterministic', async () => {
      const { sources } = await loadSources('data', ROOT);
      const context = await contextOf(
        Object.fromEntries(sources.map((source) => [source.path, source.text])),
      );
      expect(await validator.validate(context)).toEqual(diagnostics);
    });
  });

  describe('Person', () => {
    it('needs a name, a description and a jobTitle (missing: located at the node)', async () => {
      const context = await contextOf({ 'data/person.jsonld': doc('Person', 'people/ada#id') });
      const diagnostics = await validator.validate(context);
      expect(diagnostics).toHaveLength(3);
      for (const property of ['name', 'description', 'jobTitle']) {
        expect(diagnostics).toContainEqual(
          expect.objectContaining({
            code: 'shacl/violation',
            severity: 'error',
            file: 'data/person.jsonld',
            pointer: '',
            line: 1,
            column: 1,
            focusNode: `${BASE}people/ada#id`,
            message: expect.stringContaining(`(schema:${property})`) as unknown,
          }),
        );
      }
    });

    it.each([
      ['an empty name', { name: '' }, '/name', 5],
      ['a blank description', { description: '   ' }, '/description', 6],
      ['a number as jobTitle', { jobTitle: 42 }, '/jobTitle', 7],
      ['two names', { name: ['Ada', 'Augusta'] }, '/name', 5],
    ])('rejects %s at its key', async (_label, members, pointer, line) => {
      const context = await contextOf({ 'data/person.jsonld': person(members) });
      expect(await validator.validate(context)).toEqual([
        expect.objectContaining({
          code: 'shacl/violation',
          severity: 'error',
          file: 'data/person.jsonld',
          pointer,
          line,
          column: 3,
        }),
      ]);
    });

    it('accepts language-tagged text', async () => {
      const context = await contextOf({
        'data/person.jsonld': person({ jobTitle: { '@value': 'Analystin', '@language': 'de' } }),
      });
      expect(await validator.validate(context)).toEqual([]);
    });

    it('checks each blank text value on its own (a shared value shape is not cached wrongly)', async () => {
      const context = await contextOf({
        'data/person.jsonld': person({ name: ' ', description: ' ', jobTitle: ' ' }),
      });
      expect((await validator.validate(context)).map((d) => d.pointer)).toEqual([
        '/name',
        '/description',
        '/jobTitle',
      ]);
    });
  });

  describe('subclasses of the target classes', () => {
    it.each([
      ['CollegeOrUniversity', 'An Organization needs a name'],
      ['Corporation', 'An Organization needs a name'],
      ['ScholarlyArticle', 'A CreativeWork ('],
      ['SoftwareSourceCode', 'A CreativeWork ('],
      [
        'EducationalOccupationalCredential',
        'A CreativeWork (a work, article, page, credential...) needs a name',
      ],
    ])('a %s without a name is reported', async (type, message) => {
      const context = await contextOf({ 'data/thing.jsonld': doc(type, 'things/x#id') });
      expect(await validator.validate(context)).toEqual([
        expect.objectContaining({
          code: 'shacl/violation',
          file: 'data/thing.jsonld',
          pointer: '',
          line: 1,
          message: expect.stringContaining(message) as unknown,
        }),
      ]);
    });

    it('locates a nested credential in an array by its index', async () => {
      const context = await contextOf({
        'data/person.jsonld': person({
          hasCredential: [
            { '@type': 'EducationalOccupationalCredential', name: 'MS' },
            { '@type': 'EducationalOccupationalCredential', credentialCategory: 'degree' },
          ],
        }),
      });
      expect(await validator.validate(context)).toEqual([
        expect.objectContaining({
          code: 'shacl/violation',
          pointer: '/hasCredential/1',
          line: 8,
          focusNode: expect.stringMatching(/^_:c14n\d+$/) as unknown,
        }),
      ]);
    });
  });

  describe('Role dates', () => {
    const role = (type: string, members: Record<string, unknown>) => ({
      'data/role.jsonld': doc(type, 'roles/r#id', { roleName: 'Chair', ...members }),
    });

    it.each([
      ['2016', '2016'],
      ['2015', '2016'],
      ['2016-05', '2016-10'],
      ['2016-05-01', '2016-05-01'],
      ['2016', '2016-05'],
      ['2016-12-31', '2017'],
      ['2016-05-01T09:00:00Z', '2016-05-01T17:00:00Z'],
    ])('accepts a start of %s and an end of %s', async (startDate, endDate) => {
      const context = await contextOf(role('Role', { startDate, endDate }));
      expect(await validator.validate(context)).toEqual([]);
    });

    it('accepts a role with only one of the dates', async () => {
      const context = await contextOf(role('Role', { startDate: '2016' }));
      expect(await validator.validate(context)).toEqual([]);
    });

    it.each([
      ['Role', '2017', '2016'],
      ['OrganizationRole', '2016-06', '2016-05'],
      ['EmployeeRole', '2016-05-02', '2016-05-01'],
      // Mixed precisions compare as written: "2016-05" sorts after "2016" (see the shape).
      ['EmployeeRole', '2016-05', '2016'],
    ])('reports a %s from %s to %s at its startDate', async (type, startDate, endDate) => {
      const context = await contextOf(role(type, { startDate, endDate }));
      expect(await validator.validate(context)).toEqual([
        {
          code: 'shacl/violation',
          severity: 'error',
          message: expect.stringContaining('A Role cannot start after it ends') as unknown,
          file: 'data/role.jsonld',
          pointer: '/startDate',
          line: 6,
          column: 3,
          focusNode: `${BASE}roles/r#id`,
          ruleSet: 'profile',
        },
      ]);
    });
  });

  describe('InteractionCounter', () => {
    const work = (counters: unknown[]) => ({
      'data/work.jsonld': doc('SoftwareSourceCode', 'works/w#id', {
        name: 'W',
        interactionStatistic: counters,
      }),
    });
    const counter = (name: string, count: unknown) => ({
      '@type': 'InteractionCounter',
      name,
      ...(count === undefined ? {} : { userInteractionCount: count }),
    });

    it('reports a negative count at the nested counter chosen by its values', async () => {
      const context = await contextOf(work([counter('stars', 120), counter('forks', -3)]));
      expect(await validator.validate(context)).toEqual([
        expect.objectContaining({
          code: 'shacl/violation',
          severity: 'error',
          file: 'data/work.jsonld',
          pointer: '/interactionStatistic/1/userInteractionCount',
          line: 6,
          focusNode: expect.stringMatching(/^_:c14n\d+$/) as unknown,
        }),
      ]);
    });

    it.each([
      ['a fraction', 2.5, '/interactionStatistic/0/userInteractionCount'],
      ['a string', '120', '/interactionStatistic/0/userInteractionCount'],
      ['no count', undefined, '/interactionStatistic/0'],
    ])('reports %s', async (_label, count, pointer) => {
      const context = await contextOf(work([counter('stars', count)]));
      const diagnostics = await validator.validate(context);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics).toContainEqual(
        expect.objectContaining({ code: 'shacl/violation', pointer, line: 6 }),
      );
    });

    it('accepts zero', async () => {
      const context = await contextOf(work([counter('stars', 0)]));
      expect(await validator.validate(context)).toEqual([]);
    });
  });

  describe('Google ProfilePage', () => {
    const page = (members: Record<string, unknown>) =>
      doc('ProfilePage', '', {
        name: 'Ada',
        dateCreated: '2024-01-01',
        dateModified: '2024-02-01',
        ...members,
      });
    const fullPerson = person({
      alternateName: 'ada',
      identifier: 'ada-1',
      image: 'https://example.com/ada.png',
      sameAs: 'https://example.com/ada',
      interactionStatistic: {
        '@type': 'InteractionCounter',
        interactionType: { '@id': 'schema:FollowAction' },
        userInteractionCount: 10,
      },
    });

    it('accepts a page with every required and recommended property', async () => {
      const context = await contextOf({
        'data/page.jsonld': page({ mainEntity: { '@id': 'people/ada#id' } }),
        'data/person.jsonld': fullPerson,
      });
      expect(await validator.validate(context)).toEqual([]);
    });

    it('requires a mainEntity name (Google) on top of the Person shape', async () => {
      const context = await contextOf({
        'data/page.jsonld': page({ mainEntity: { '@id': 'people/ada#id' } }),
        'data/person.jsonld': fullPerson.replace('  "name": "Ada Lovelace",\n', ''),
      });
      const diagnostics = await validator.validate(context);
      expect(diagnostics).toHaveLength(2);
      expect(diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'shacl/violation',
          severity: 'error',
          message: 'Google requires the mainEntity of a ProfilePage to have a name (schema:name).',
          file: 'data/person.jsonld',
          pointer: '',
          line: 1,
          focusNode: `${BASE}people/ada#id`,
        }),
      );
    });

    it('requires a mainEntity, located at the page', async () => {
      const context = await contextOf({ 'data/page.jsonld': page({}) });
      expect(await validator.validate(context)).toEqual([
        expect.objectContaining({
          code: 'shacl/violation',
          message: expect.stringMatching(
            /^Google requires a ProfilePage to have a mainEntity/,
          ) as unknown,
          file: 'data/page.jsonld',
          pointer: '',
          line: 1,
          focusNode: BASE,
        }),
      ]);
    });

    it('requires the mainEntity to be a Person or an Organization (subclasses count)', async () => {
      const college = doc('CollegeOrUniversity', 'orgs/c#id', { name: 'C' });
      const work = doc('SoftwareSourceCode', 'works/w#id', { name: 'W' });
      const withCollege = await contextOf({
        'data/page.jsonld': page({ mainEntity: { '@id': 'orgs/c#id' } }),
        'data/org.jsonld': college,
      });
      expect((await validator.validate(withCollege)).map((d) => d.severity)).not.toContain('error');
      const withWork = await contextOf({
        'data/page.jsonld': page({ mainEntity: { '@id': 'works/w#id' } }),
        'data/work.jsonld': work,
      });
      expect(await validator.validate(withWork)).toContainEqual(
        expect.objectContaining({
          code: 'shacl/violation',
          file: 'data/page.jsonld',
          pointer: '/mainEntity',
          line: 8,
        }),
      );
    });

    it('leaves the main entity of other kinds of page alone', async () => {
      const context = await contextOf({
        'data/page.jsonld': doc('AboutPage', 'about', {
          name: 'About',
          mainEntity: { '@id': 'people/ada#id' },
        }),
        'data/person.jsonld': person(),
      });
      expect(await validator.validate(context)).toEqual([]);
    });

    it('warns about missing recommended properties', async () => {
      const context = await contextOf({
        'data/page.jsonld': doc('ProfilePage', '', {
          name: 'Ada',
          mainEntity: { '@id': 'people/ada#id' },
        }),
        'data/person.jsonld': person(),
      });
      const diagnostics = await validator.validate(context);
      expect(diagnostics.map((d) => d.severity)).toEqual(Array(7).fill('warning'));
      expect(diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'shacl/warning',
          severity: 'warning',
          message:
            "Google recommends sameAs (schema:sameAs) on the ProfilePage's mainEntity: URLs of the same profile on other sites.",
          file: 'data/person.jsonld',
          pointer: '',
          line: 1,
        }),
      );
      expect(diagnostics).toContainEqual(
        expect.objectContaining({
          code: 'shacl/warning',
          message: expect.stringMatching(/^Google recommends a dateModified/) as unknown,
          file: 'data/page.jsonld',
          pointer: '',
          line: 1,
        }),
      );
    });
  });
});

describe('createShaclValidator with other shapes', () => {
  const personOnly = { 'data/person.jsonld': doc('Person', 'people/ada#id') };

  it('rejects a shapes file that does not parse with a located shacl/invalid-shapes error', async () => {
    const root = await shapesRoot({
      'good.ttl': `${PREFIXES}ex:S a sh:NodeShape ; sh:targetClass schema:Person .\n`,
      'broken.ttl': `${PREFIXES}ex:S a sh:NodeShape ;\n  sh:property [ sh:path schema:name ;\n  sh:minCount 1 .\n`,
    });
    const error = await createShaclValidator('shapes', root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      expect.objectContaining({
        code: 'shacl/invalid-shapes',
        severity: 'error',
        file: 'shapes/broken.ttl',
        line: 6,
        column: 17,
        message: expect.stringMatching(/^Invalid shapes file: Syntax error: /) as unknown,
      }),
    ]);
  });

  it('rejects a missing shapes directory with io/not-found', async () => {
    const error = await createShaclValidator('nope', tmpdir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      expect.objectContaining({ code: 'io/not-found' }),
    ]);
  });

  it('accepts everything with no shapes files', async () => {
    const validator = await createShaclValidator('shapes', await shapesRoot({}));
    expect(validator.files).toEqual([]);
    expect(await validator.validate(await contextOf(personOnly))).toEqual([]);
  });

  it('maps severities, and writes a default message naming path and constraint', async () => {
    const root = await shapesRoot({
      'info.ttl': `${PREFIXES}ex:S a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:property [ sh:name "person email" ; sh:path schema:email ; sh:minCount 1 ; sh:severity sh:Info ] ;
  sh:property [ sh:path schema:telephone ; sh:minCount 1 ; sh:severity sh:Warning ;
    sh:message "Telefon fehlt."@de, "Telephone missing."@en ] ;
  sh:property [ sh:path schema:birthDate ; sh:minCount 1 ; sh:severity ex:Critical ;
    sh:message "Birth date missing." ] .
`,
    });
    const validator = await createShaclValidator('shapes', root);
    expect(await validator.validate(await contextOf(personOnly))).toEqual([
      {
        code: 'shacl/info',
        severity: 'info',
        message:
          'schema:email does not satisfy sh:minCount (shape "person email"): Less than 1 values.',
        file: 'data/person.jsonld',
        pointer: '',
        line: 1,
        column: 1,
        focusNode: `${BASE}people/ada#id`,
        ruleSet: 'profile',
      },
      // SHACL §3.4.1 allows any severity IRI; one it does not define counts as a violation.
      expect.objectContaining({
        code: 'shacl/violation',
        severity: 'error',
        message: 'Birth date missing.',
      }),
      expect.objectContaining({
        code: 'shacl/warning',
        severity: 'warning',
        message: 'Telephone missing.',
      }),
    ]);
  });

  it('runs SPARQL-based constraints, and rejects shapes whose SPARQL cannot run', async () => {
    const sparql = (
      select: string,
    ) => `${PREFIXES}ex:S a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:sparql [ sh:message "No family name in {?name}." ; sh:select """
    PREFIX schema: <http://schema.org/>
    ${select}""" ] .
`;
    const good = await createShaclValidator(
      'shapes',
      await shapesRoot({
        'sparql.ttl': sparql(
          'SELECT $this ?name WHERE { $this schema:name ?name . FILTER (!CONTAINS(?name, " ")) }',
        ),
      }),
    );
    const context = await contextOf({ 'data/person.jsonld': person({ name: 'Ada' }) });
    expect(await good.validate(context)).toEqual([
      expect.objectContaining({
        code: 'shacl/violation',
        message: 'No family name in "Ada".',
        file: 'data/person.jsonld',
        pointer: '',
      }),
    ]);

    const bad = await createShaclValidator(
      'shapes',
      await shapesRoot({ 'sparql.ttl': sparql('SELEKT $this WHERE { }') }),
    );
    const error = await bad.validate(context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      expect.objectContaining({ code: 'shacl/invalid-shapes', severity: 'error' }),
    ]);
  });

  it('validates large graphs in a worker thread with the same findings and errors', async () => {
    // The bundled profile and every Google rule: in this thread, then forced into the worker.
    const { sources } = await loadSources('data', ROOT);
    const context = await contextOf(
      Object.fromEntries(sources.map((source) => [source.path, source.text])),
    );
    const inThread = await createShaclValidator('shapes', ROOT);
    const inWorker = await createShaclValidator('shapes', ROOT, { workerMinQuads: 0 });
    const found = await inWorker.validate(context);
    expect(found).toEqual(await inThread.validate(context));
    expect(found.length).toBeGreaterThan(0);

    const broken = await createShaclValidator(
      'shapes',
      await shapesRoot({
        'sparql.ttl': `${PREFIXES}ex:S a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:sparql [ sh:select """SELEKT $this WHERE { }""" ] .
`,
      }),
      { workerMinQuads: 0 },
    );
    const error = await broken.validate(context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).diagnostics[0]?.code).toBe('shacl/invalid-shapes');
  });

  it('says an aborted worker run was aborted (runtime/aborted, exit 2), not that the shapes are invalid', async () => {
    const context = await contextOf({ 'data/ada.jsonld': person({}) });
    const inWorker = await createShaclValidator('shapes', ROOT, { workerMinQuads: 0 });
    const error = await inWorker
      .validate(context, AbortSignal.abort())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      {
        code: 'runtime/aborted',
        severity: 'error',
        message: 'A task validating SHACL was aborted.',
      },
    ]);
  });
});

describe('validating a large graph in parts', () => {
  // Many kinds of findings in one graph, spread over nodes that other nodes point at: the
  // parts must together find exactly what the whole graph does.
  const files = {
    'data/ada.jsonld': person({
      worksFor: { '@id': 'orgs/nameless' },
      hasOccupation: {
        '@type': 'Role',
        startDate: '2020-05',
        endDate: '2019-01',
      },
      interactionStatistic: { '@type': 'InteractionCounter', userInteractionCount: -3 },
    }),
    'data/bob.jsonld': doc('Person', 'people/bob#id', {
      name: ' ',
      knows: { '@id': 'people/ada#id' },
    }),
    'data/org.jsonld': doc('Organization', 'orgs/nameless', { url: 'https://example.org/' }),
    'data/work.jsonld': doc('CreativeWork', 'works/untitled', {
      author: [{ '@id': 'people/ada#id' }, { '@id': 'people/bob#id' }],
    }),
    'data/page.jsonld': doc('ProfilePage', 'pages/bob', {
      mainEntity: { '@id': 'works/untitled' },
    }),
    'data/page2.jsonld': doc('ProfilePage', 'pages/anon', {
      mainEntity: { '@type': 'Person', description: 'No name.' },
    }),
    'data/page3.jsonld': doc('ProfilePage', 'pages/ada', {
      mainEntity: { '@id': 'people/ada#id' },
    }),
  };
  let context: ValidationContext;
  let whole: Diagnostic[];
  beforeAll(async () => {
    context = await contextOf(files);
    whole = await (await createShaclValidator('shapes', ROOT)).validate(context);
  });

  it.each([1, 7, 1000])(
    'finds what the whole graph does, in parts of %i triples',
    async (partQuads) => {
      const inParts = await createShaclValidator('shapes', ROOT, {
        workerMinQuads: 0,
        partQuads,
        workers: 2,
      });
      expect(await inParts.validate(context)).toEqual(whole);
      expect(whole.filter((d) => d.severity === 'error').length).toBeGreaterThanOrEqual(8);
    },
  );

  it('validates the whole graph at once when the shapes look further than a neighbourhood', async () => {
    // Two hops from the focus node: a part holding Ada would lack the organization's name.
    const root = await shapesRoot({
      'far.ttl': `${PREFIXES}ex:EmployerNamed a sh:NodeShape ; sh:targetClass schema:Person ;
  sh:property [ sh:path ( schema:worksFor schema:name ) ; sh:minCount 1 ] .
`,
    });
    const farContext = await contextOf({
      'data/ada.jsonld': person({ worksFor: { '@id': 'orgs/acme' } }),
      'data/org.jsonld': doc('Organization', 'orgs/acme', { name: 'Acme' }),
      'data/bob.jsonld': doc('Person', 'people/bob#id', { worksFor: { '@id': 'orgs/acme' } }),
    });
    const inThread = await (await createShaclValidator('shapes', root)).validate(farContext);
    const inParts = await createShaclValidator('shapes', root, { workerMinQuads: 0, partQuads: 1 });
    expect(inThread).toEqual([]);
    expect(await inParts.validate(farContext)).toEqual([]);
  });
});
