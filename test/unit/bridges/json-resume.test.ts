import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataFileOut, JsonObject } from '../../../src/bridges/data-files.js';
import { DataGraph } from '../../../src/bridges/data-graph.js';
import { importDocument } from '../../../src/bridges/import-document.js';
import { dataToJsonResume } from '../../../src/bridges/json-resume-export.js';
import { jsonResumeToData } from '../../../src/bridges/json-resume-import.js';
import { parseSourceFile, sourceFileOf } from '../../../src/load/source-file.js';
import { REPO_ROOT } from '../../support/profile.js';

const FULL = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'test/fixtures/bridges/resume-full.json'), 'utf8'),
) as JsonObject;

function file(files: DataFileOut[], name: string): JsonObject {
  const found = files.find((candidate) => candidate.path === name);
  if (!found) throw new Error(`no ${name} among ${files.map((f) => f.path).join(', ')}`);
  return found.json;
}

function roundTrip(resume: JsonObject): JsonObject {
  const files = jsonResumeToData(resume);
  const graph = new DataGraph(files.map((f) => sourceFileOf(f.path, '', f.json)));
  const person = graph.person(undefined);
  if (!person) throw new Error('no person');
  return dataToJsonResume(graph, person);
}

describe('jsonResumeToData: one mapping per section', () => {
  const files = jsonResumeToData(FULL);
  const person = file(files, 'people/alex-example.jsonld');

  it('lays the files out as data/ is, the ProfilePage first', () => {
    expect(files.map((f) => f.path)).toEqual([
      'profile.jsonld',
      'people/alex-example.jsonld',
      'organizations/example-corp.jsonld',
      'roles/example-corp-2020.jsonld',
      'roles/example-corp-2016.jsonld',
      'organizations/sample-labs.jsonld',
      'roles/sample-labs-2015.jsonld',
      'organizations/example-coding-club.jsonld',
      'roles/example-coding-club-2018.jsonld',
      'organizations/sample-library.jsonld',
      'roles/sample-library.jsonld',
      'organizations/example-university.jsonld',
      'roles/example-university-2013.jsonld',
      'organizations/example-college.jsonld',
      'roles/example-college-2009.jsonld',
      'organizations/example-query-tool.jsonld',
      'roles/example-query-tool-2021.jsonld',
      'organizations/sample-talk.jsonld',
      'roles/sample-talk-2019.jsonld',
      'works/examples-considered-helpful.jsonld',
      'works/a-sample-paper.jsonld',
    ]);
    for (const { json } of files) expect(json['@context']).toBe('https://schema.org');
  });

  it('basics: Person with address, sameAs and a PropertyValue per profile', () => {
    expect(person).toMatchObject({
      '@type': 'Person',
      '@id': 'people/alex-example#id',
      name: 'Alex Example',
      jobTitle: 'Research Engineer',
      description: 'Builds data tools and teaches how to use them.',
      image: 'https://example.org/alex.jpg',
      email: 'alex@example.org',
      telephone: '+1 555 0100',
      url: 'https://alex.example.org/',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '1 Example Street',
        postalCode: '12345',
        addressLocality: 'Exampleville',
        addressRegion: 'Example State',
        addressCountry: 'US',
      },
      sameAs: ['https://social.example.org/@alex', 'https://code.example.org/alex-example'],
    });
    expect(person.identifier).toEqual([
      {
        '@type': 'PropertyValue',
        propertyID: 'Mastodon',
        value: 'alex',
        url: 'https://social.example.org/@alex',
      },
      {
        '@type': 'PropertyValue',
        propertyID: 'GitHub',
        value: 'alex-example',
        url: 'https://code.example.org/alex-example',
      },
      { '@type': 'PropertyValue', propertyID: 'Blog' },
    ]);
  });

  it('work: an EmployeeRole with dates, one shared Organization, highlights kept', () => {
    expect(person.worksFor).toEqual([
      { '@id': 'roles/example-corp-2020#id' },
      { '@id': 'roles/example-corp-2016#id' },
      { '@id': 'roles/sample-labs-2015#id' },
    ]);
    expect(file(files, 'roles/example-corp-2020.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'EmployeeRole',
      '@id': 'roles/example-corp-2020#id',
      roleName: 'Senior Engineer',
      startDate: '2020-03',
      description: 'Leads the data tools team.',
      worksFor: { '@id': 'organizations/example-corp#id' },
      subjectOf: [
        { '@type': 'Statement', genre: 'highlights', name: 'Shipped the query service' },
        { '@type': 'Statement', genre: 'highlights', name: 'Halved build times' },
      ],
    });
    expect(file(files, 'organizations/example-corp.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      '@id': 'organizations/example-corp#id',
      name: 'Example Corp',
      url: 'https://corp.example.org/',
      description: 'A company that makes examples',
      location: 'Exampleville',
    });
  });

  it('volunteer and projects: OrganizationRoles in memberOf, a project is a schema:Project', () => {
    expect(person.memberOf).toEqual([
      { '@id': 'roles/example-coding-club-2018#id' },
      { '@id': 'roles/sample-library#id' },
      { '@id': 'roles/example-query-tool-2021#id' },
      { '@id': 'roles/sample-talk-2019#id' },
    ]);
    expect(file(files, 'roles/example-query-tool-2021.jsonld')).toMatchObject({
      '@type': 'OrganizationRole',
      roleName: ['Team lead', 'Developer'],
      startDate: '2021-02',
      endDate: '2022-08',
      memberOf: { '@id': 'organizations/example-query-tool#id' },
    });
    expect(file(files, 'organizations/example-query-tool.jsonld')).toMatchObject({
      '@type': 'Project',
      keywords: ['SPARQL', 'CLI'],
      parentOrganization: { '@type': 'Organization', name: 'Example Corp' },
      subjectOf: [{ '@type': 'Statement', genre: 'type', name: 'application' }],
    });
  });

  it('education: an alumniOf role with dates and a credential with level, area, courses, score', () => {
    expect(file(files, 'roles/example-university-2013.jsonld')).toMatchObject({
      '@type': 'OrganizationRole',
      startDate: '2013',
      endDate: '2015',
      alumniOf: { '@id': 'organizations/example-university#id' },
    });
    expect(file(files, 'organizations/example-university.jsonld')).toMatchObject({
      '@type': 'EducationalOrganization',
    });
    expect((person.hasCredential as JsonObject[])[0]).toEqual({
      '@type': 'EducationalOccupationalCredential',
      '@id': 'people/alex-example#education-1',
      name: 'Master in Computer Science',
      educationalLevel: 'Master',
      about: { '@type': 'DefinedTerm', name: 'Computer Science' },
      recognizedBy: { '@id': 'organizations/example-university#id' },
      hasPart: [
        { '@type': 'Course', name: 'CS501 Databases' },
        { '@type': 'Course', name: 'CS502 Compilers' },
      ],
      subjectOf: [{ '@type': 'Statement', genre: 'score', name: '3.9/4.0' }],
    });
  });

  it('certificates, skills, languages, awards, interests, references', () => {
    expect((person.hasCredential as JsonObject[])[2]).toEqual({
      '@type': 'EducationalOccupationalCredential',
      '@id': 'people/alex-example#certificate-1',
      name: 'Certified Example Administrator',
      credentialCategory: 'certificate',
      url: 'https://certs.example.org/alex',
      dateCreated: '2019-05-01',
      recognizedBy: { '@type': 'Organization', name: 'Example Certification Board' },
    });
    expect(person.knowsAbout).toEqual([
      {
        '@type': 'DefinedTerm',
        name: 'Data engineering',
        subjectOf: [
          { '@type': 'Statement', genre: 'level', name: 'Expert' },
          {
            '@type': 'Statement',
            genre: 'keywords',
            name: 'keywords',
            keywords: ['SQL', 'SPARQL', 'Python'],
          },
        ],
      },
      { '@type': 'DefinedTerm', name: 'Teaching' },
    ]);
    expect((person.knowsLanguage as JsonObject[])[0]).toEqual({
      '@type': 'Language',
      name: 'English',
      subjectOf: [{ '@type': 'Statement', genre: 'fluency', name: 'Native speaker' }],
    });
    expect(person.award).toEqual(['Best Example Award', 'Sample Prize']);
    expect(person.subjectOf).toContainEqual({
      '@type': 'Statement',
      genre: 'award',
      name: 'Best Example Award',
      dateCreated: '2021-11-02',
      publisher: { '@type': 'Organization', name: 'Example Society' },
      abstract: 'For the clearest example of the year.',
    });
    expect(person.subjectOf).toContainEqual({
      '@type': 'Statement',
      genre: 'interest',
      name: 'Typography',
      keywords: ['Fonts', 'Layout'],
    });
    expect(person.subjectOf).toContainEqual({
      '@type': 'Review',
      name: 'Reference from Sam Sample',
      creditText: 'Sam Sample',
      reviewBody: 'Alex explains hard things simply.',
    });
  });

  it('publications: works by the person, listed in order by the ProfilePage; meta on the page', () => {
    expect(file(files, 'works/examples-considered-helpful.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      '@id': 'works/examples-considered-helpful#id',
      name: 'Examples Considered Helpful',
      author: { '@id': 'people/alex-example#id' },
      publisher: { '@type': 'Organization', name: 'Example Journal' },
      datePublished: '2022-01-15',
      url: 'https://journal.example.org/helpful',
      abstract: 'Why examples help readers.',
    });
    expect(file(files, 'profile.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      '@id': '',
      name: 'Alex Example',
      mainEntity: { '@id': 'people/alex-example#id' },
      hasPart: [
        { '@id': 'works/examples-considered-helpful#id' },
        { '@id': 'works/a-sample-paper#id' },
      ],
      isBasedOn: { '@id': 'https://alex.example.org/resume.json' },
      version: 'v1.0.0',
      dateModified: '2024-01-31T10:00:00',
    });
  });
});

describe('dataToJsonResume: the inverse', () => {
  it('gives back every field of a résumé that fills them all', () => {
    expect(roundTrip(FULL)).toEqual(FULL);
  });

  it('gives back a résumé with only a name (absent fields stay absent)', () => {
    expect(roundTrip({ basics: { name: 'Sam Sample' } })).toEqual({
      basics: { name: 'Sam Sample' },
    });
  });

  it('pairs two degrees from one school in order', () => {
    const resume = {
      basics: { name: 'Sam Sample' },
      education: [
        { institution: 'Example University', studyType: 'Bachelor', startDate: '2010' },
        { institution: 'Example University', studyType: 'Master', startDate: '2014' },
      ],
    };
    expect(roundTrip(resume)).toEqual(resume);
  });

  it('reads data written by hand: direct links, texts, a named degree', () => {
    const graph = new DataGraph([
      sourceFileOf('people/p.jsonld', '', {
        '@context': 'https://schema.org',
        '@type': 'Person',
        '@id': 'people/p#id',
        name: 'P',
        worksFor: { '@id': 'organizations/o#id' },
        alumniOf: { '@id': 'organizations/o#id' },
        hasCredential: {
          '@type': 'EducationalOccupationalCredential',
          name: 'BS',
          recognizedBy: { '@id': 'organizations/o#id' },
        },
        knowsAbout: ['Optimization'],
        knowsLanguage: 'en',
        award: 'A prize',
      }),
      sourceFileOf('organizations/o.jsonld', '', {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': 'organizations/o#id',
        name: 'O',
      }),
    ]);
    const person = graph.person('people/p#id');
    expect(person && dataToJsonResume(graph, person)).toEqual({
      basics: { name: 'P' },
      work: [{ name: 'O' }],
      education: [{ institution: 'O', studyType: 'BS' }],
      awards: [{ title: 'A prize' }],
      skills: [{ name: 'Optimization' }],
      languages: [{ language: 'en' }],
    });
  });
});

describe('importDocument: bad input is located', () => {
  function importText(text: string) {
    const parsed = parseSourceFile('resume.json', text);
    if (!parsed.ok) throw new Error('fixture does not parse');
    return importDocument(parsed.source);
  }

  it('rejects a wrong type and a bad date with pointer and line', () => {
    const outcome = importText(
      '{\n  "basics": { "name": "A" },\n  "work": [\n    { "name": "B", "startDate": "2020-13" }\n  ],\n  "skills": { "name": "C" }\n}\n',
    );
    expect(outcome).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'bridge/invalid-value',
          severity: 'error',
          message: '"/work/0/startDate" must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "2020-13".',
          file: 'resume.json',
          pointer: '/work/0/startDate',
          line: 4,
          column: 20,
        },
        {
          code: 'bridge/invalid-value',
          severity: 'error',
          message: '"/skills" must be a list, not an object.',
          file: 'resume.json',
          pointer: '/skills',
          line: 6,
          column: 3,
        },
      ],
    });
  });

  it('imports with a warning for a field JSON Resume does not define', () => {
    const outcome = importText('{\n  "basics": { "name": "A", "nickname": "B" }\n}\n');
    expect(outcome.ok).toBe(true);
    expect(outcome.diagnostics).toEqual([
      {
        code: 'bridge/unknown-field',
        severity: 'warning',
        message: 'Field "nickname" is not part of JSON Resume (schema v1.0.0); it is not imported.',
        file: 'resume.json',
        pointer: '/basics/nickname',
        line: 2,
        column: 28,
      },
    ]);
  });

  it('names the formats when it cannot tell', () => {
    expect(importText('{ "hello": 1 }').diagnostics).toEqual([
      {
        code: 'bridge/unknown-format',
        severity: 'error',
        message:
          'resume.json is neither a JSON Resume document nor an ORCID record; give --from (orcid, json-resume).',
        file: 'resume.json',
      },
    ]);
  });
});
