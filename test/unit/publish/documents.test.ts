import { describe, expect, it } from 'vitest';
import { documentIriOf, splitDocuments } from '../../../src/publish/documents.js';
import {
  blankNode,
  literal,
  namedNode,
  NS,
  quad,
  RDF_TYPE,
} from '../../../src/rdf/data-factory.js';

const base = 'http://example.org/';
const iri = (path: string) => namedNode(`${base}${path}`);
const s = (name: string) => namedNode(`${NS.schema}${name}`);
const type = namedNode(RDF_TYPE);

/** Two profiles sharing an organization; Ada has a work with a star counter and a role. */
const QUADS = [
  quad(iri('ada'), type, s('ProfilePage')),
  quad(iri('ada'), s('mainEntity'), iri('people/ada#id')),
  quad(iri('people/ada#id'), type, s('Person')),
  quad(iri('people/ada#id'), s('name'), literal('Ada')),
  quad(iri('people/ada#id'), s('worksFor'), iri('people/ada#job')),
  quad(iri('people/ada#job'), type, s('EmployeeRole')),
  quad(iri('people/ada#job'), s('worksFor'), iri('orgs/acme#id')),
  quad(iri('works/engine#id'), type, s('CreativeWork')),
  quad(iri('works/engine#id'), s('contributor'), blankNode('r')),
  quad(blankNode('r'), type, s('Role')),
  quad(blankNode('r'), s('contributor'), iri('people/ada#id')),
  quad(iri('works/engine#id'), s('interactionStatistic'), blankNode('c')),
  quad(blankNode('c'), s('userInteractionCount'), literal('5', namedNode(`${NS.xsd}integer`))),
  quad(iri('papers/notes#id'), s('about'), iri('works/engine#id')),
  quad(iri('orgs/acme#id'), s('name'), literal('Acme')),
  quad(iri('bob'), type, s('ProfilePage')),
  quad(iri('bob'), s('mainEntity'), iri('people/bob#id')),
  quad(iri('people/bob#id'), s('worksFor'), iri('orgs/acme#id')),
  quad(namedNode('https://elsewhere.example/x'), s('name'), literal('not ours')),
];

describe('splitDocuments', () => {
  const documents = splitDocuments(QUADS, base);
  const byPath = new Map(documents.map((document) => [document.path, document]));

  it('makes one document per IRI without fragment under the base, sorted by path', () => {
    expect(documents.map((document) => document.path)).toEqual([
      '/ada',
      '/bob',
      '/orgs/acme',
      '/papers/notes',
      '/people/ada',
      '/people/bob',
      '/works/engine',
    ]);
    expect(byPath.get('/people/ada')?.subjects).toEqual([
      `${base}people/ada#id`,
      `${base}people/ada#job`,
    ]);
    expect(documentIriOf(`${base}people/ada#id`)).toBe(`${base}people/ada`);
  });

  it('keeps blank nodes with the subject that reaches them', () => {
    expect(byPath.get('/works/engine')?.quads).toHaveLength(6);
  });

  it("puts the whole profile in the profile page's document, through roles and reverse links", () => {
    const subjects = new Set(byPath.get('/ada')?.quads.map((q) => q.subject.value));
    for (const path of [
      'ada',
      'people/ada#id',
      'people/ada#job',
      'orgs/acme#id',
      'works/engine#id',
      'papers/notes#id',
    ]) {
      expect(subjects.has(`${base}${path}`), path).toBe(true);
    }
  });

  it('does not pull in other people through a shared organization', () => {
    const subjects = new Set(byPath.get('/ada')?.quads.map((q) => q.subject.value));
    expect(subjects.has(`${base}people/bob#id`)).toBe(false);
    expect(subjects.has(`${base}bob`)).toBe(false);
  });
});
