import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataFileOut, JsonObject } from '../../../src/bridges/data-files.js';
import { DataGraph } from '../../../src/bridges/data-graph.js';
import { importDocument } from '../../../src/bridges/import-document.js';
import { orcidDate } from '../../../src/bridges/input-check.js';
import { dataToOrcid } from '../../../src/bridges/orcid-export.js';
import { orcidToData } from '../../../src/bridges/orcid-import.js';
import { parseSourceFile, sourceFileOf } from '../../../src/load/source-file.js';
import { REPO_ROOT } from '../../support/profile.js';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/bridges/orcid-full.json');
const FULL = JSON.parse(readFileSync(FIXTURE, 'utf8')) as JsonObject;

function file(files: DataFileOut[], name: string): JsonObject {
  const found = files.find((candidate) => candidate.path === name);
  if (!found) throw new Error(`no ${name} among ${files.map((f) => f.path).join(', ')}`);
  return found.json;
}

function roundTrip(record: JsonObject): JsonObject {
  const files = orcidToData(record);
  const graph = new DataGraph(files.map((f) => sourceFileOf(f.path, '', f.json)));
  const person = graph.person(undefined);
  if (!person) throw new Error('no person');
  return dataToOrcid(graph, person);
}

describe('orcidToData: one mapping per section', () => {
  const files = orcidToData(FULL);
  const person = file(files, 'people/a-example.jsonld');

  it('person: names, biography, emails, countries, keywords, identifiers and sameAs', () => {
    expect(person).toEqual(
      expect.objectContaining({
        '@type': 'Person',
        name: 'A. Example',
        givenName: 'Alex',
        familyName: 'Example',
        alternateName: ['Alexandra Example', 'Alex E.'],
        // The current employment's title: ORCID has no job title, this project requires one.
        jobTitle: 'Research Engineer',
        description: 'Studies how people read examples.',
        email: ['alex@example.org'],
        address: [
          { '@type': 'PostalAddress', addressCountry: 'US' },
          { '@type': 'PostalAddress', addressCountry: 'FR' },
        ],
        knowsAbout: ['Reading', 'Examples'],
        sameAs: [
          'https://sandbox.orcid.org/0000-0002-1825-0097',
          'https://alex.example.org/',
          'https://lab.example.org/alex',
        ],
      }),
    );
    expect(person.identifier).toEqual([
      {
        '@type': 'PropertyValue',
        propertyID: 'ORCID',
        value: '0000-0002-1825-0097',
        url: 'https://sandbox.orcid.org/0000-0002-1825-0097',
      },
      { '@type': 'PropertyValue', propertyID: 'Home page', url: 'https://alex.example.org/' },
      { '@type': 'PropertyValue', propertyID: 'Lab', url: 'https://lab.example.org/alex' },
      {
        '@type': 'PropertyValue',
        propertyID: 'Example Author ID',
        value: 'EA-123',
        url: 'https://authors.example.org/EA-123',
        description: 'self',
      },
    ]);
  });

  it('affiliations: roles with dates, the section kept when not the property default', () => {
    expect(person.worksFor).toEqual([
      { '@id': 'roles/example-corp-2020#id' },
      { '@id': 'roles/example-university-2015#id' },
      { '@id': 'roles/sample-institute-2019#id' },
    ]);
    expect(file(files, 'roles/example-corp-2020.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'EmployeeRole',
      '@id': 'roles/example-corp-2020#id',
      roleName: 'Research Engineer',
      startDate: '2020-03-01',
      url: 'https://corp.example.org/people/alex',
      worksFor: { '@id': 'organizations/example-corp#id' },
      subjectOf: [{ '@type': 'Statement', genre: 'department-name', name: 'Data Group' }],
    });
    expect(file(files, 'roles/sample-institute-2019.jsonld').subjectOf).toEqual([
      { '@type': 'Statement', genre: 'section', name: 'invited-positions' },
    ]);
    expect(file(files, 'organizations/example-university.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      '@id': 'organizations/example-university#id',
      name: 'Example University',
      address: {
        '@type': 'PostalAddress',
        addressLocality: 'Exampleville',
        addressRegion: 'Example State',
        addressCountry: 'US',
      },
      identifier: {
        '@type': 'PropertyValue',
        propertyID: 'ROR',
        value: 'https://ror.org/example01',
      },
    });
  });

  it('works, fundings, peer reviews and distinctions', () => {
    expect(file(files, 'works/examples-considered-helpful.jsonld')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      '@id': 'works/examples-considered-helpful#id',
      name: 'Examples Considered Helpful',
      alternativeHeadline: 'A Study',
      genre: 'journal-article',
      author: { '@id': 'people/a-example#id' },
      datePublished: '2022-01-15',
      url: 'https://journal.example.org/helpful',
      identifier: [
        {
          '@type': 'PropertyValue',
          propertyID: 'doi',
          value: '10.5555/example.1',
          url: 'https://doi.org/10.5555/example.1',
          description: 'self',
        },
      ],
      isPartOf: { '@type': 'Periodical', name: 'Example Journal' },
    });
    expect(file(files, 'works/a-sample-dataset.jsonld')['@type']).toBe('CreativeWork');
    expect(person.funding).toEqual([
      expect.objectContaining({
        '@type': 'Grant',
        name: 'Reading Examples Grant',
        funder: { '@id': 'organizations/example-foundation#id' },
        subjectOf: [
          { '@type': 'Statement', genre: 'type', name: 'grant' },
          { '@type': 'Statement', genre: 'start-date', name: '2021-01' },
          { '@type': 'Statement', genre: 'end-date', name: '2023-12' },
        ],
      }),
    ]);
    expect(file(files, 'works/review-example-journal-press.jsonld')).toMatchObject({
      '@type': 'Review',
      genre: 'review',
      author: { '@id': 'people/a-example#id' },
      dateCreated: '2023-04-10',
      publisher: { '@id': 'organizations/example-journal-press#id' },
    });
    expect(person.award).toEqual(['Best Example Award']);
  });
});

describe('dataToOrcid: the inverse', () => {
  it('gives back every field the fixture fills', () => {
    expect(roundTrip(FULL)).toEqual(FULL);
  });

  it('drops the registry metadata and nulls, and keeps a credit name only when it differs', () => {
    const record = {
      'orcid-identifier': {
        uri: 'https://sandbox.orcid.org/0000-0002-1825-0097',
        path: '0000-0002-1825-0097',
        host: 'sandbox.orcid.org',
      },
      history: { claimed: true },
      person: {
        'last-modified-date': { value: 1 },
        name: {
          'given-names': { value: 'Sam' },
          'family-name': { value: 'Sample' },
          'credit-name': null,
          visibility: 'public',
        },
        biography: { content: 'Samples things.', 'put-code': 3 },
      },
    } as unknown as JsonObject;
    expect(roundTrip(record)).toEqual({
      'orcid-identifier': record['orcid-identifier'],
      person: {
        name: { 'given-names': { value: 'Sam' }, 'family-name': { value: 'Sample' } },
        biography: { content: 'Samples things.' },
      },
    });
  });
});

describe('ORCID input', () => {
  function importText(text: string) {
    const parsed = parseSourceFile('orcid.json', text);
    if (!parsed.ok) throw new Error('fixture does not parse');
    return importDocument(parsed.source);
  }

  it('is detected by its fields', () => {
    const outcome = importText(readFileSync(FIXTURE, 'utf8'));
    expect(outcome).toMatchObject({ ok: true, diagnostics: [] });
  });

  it('reads fuzzy dates', () => {
    expect(orcidDate({ year: { value: '2020' } })).toBe('2020');
    expect(orcidDate({ year: { value: '2020' }, month: { value: '03' } })).toBe('2020-03');
    expect(
      orcidDate({ year: { value: '2020' }, month: { value: '03' }, day: { value: '01' } }),
    ).toBe('2020-03-01');
  });

  it('rejects a bad date with pointer and line', () => {
    const outcome = importText(
      '{\n  "orcid-identifier": { "path": "x" },\n  "activities-summary": {\n    "employments": { "affiliation-group": [ { "summaries": [ { "employment-summary": {\n      "start-date": { "year": { "value": "20" } }\n    } } ] } ] }\n  }\n}\n',
    );
    expect(outcome).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'bridge/invalid-value',
          severity: 'error',
          message:
            '"/activities-summary/employments/affiliation-group/0/summaries/0/employment-summary/start-date" must be a date YYYY, YYYY-MM or YYYY-MM-DD, not "20".',
          file: 'orcid.json',
          pointer:
            '/activities-summary/employments/affiliation-group/0/summaries/0/employment-summary/start-date',
          line: 5,
          column: 7,
        },
      ],
    });
  });
});
