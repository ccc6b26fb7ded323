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

  it('links to the people a profile knows or co-authors with, without describing them', () => {
    // A directory: everyone knows the previous person, and Ada's work has a co-author. Walking
    // through people would put the whole chain into Ada's page.
    const chain = [
      quad(iri('p0'), type, s('ProfilePage')),
      quad(iri('p0'), s('mainEntity'), iri('people/p0#id')),
      ...[0, 1, 2, 3].flatMap((n) => [
        quad(iri(`people/p${String(n)}#id`), type, s('Person')),
        quad(iri(`people/p${String(n)}#id`), s('name'), literal(`P${String(n)}`)),
        quad(iri(`people/p${String(n)}#id`), s('knows'), iri(`people/p${String(n + 1)}#id`)),
      ]),
      quad(iri('people/p4#id'), type, s('Person')),
      quad(iri('works/w#id'), s('author'), iri('people/p0#id')),
      quad(iri('works/w#id'), s('author'), iri('people/p3#id')),
    ];
    const page = splitDocuments(chain, base).find((document) => document.path === '/p0');
    const subjects = [...new Set(page?.quads.map((q) => q.subject.value))].sort();
    expect(subjects).toEqual([`${base}p0`, `${base}people/p0#id`, `${base}works/w#id`]);
    expect(page?.quads.some((q) => q.object.value === `${base}people/p1#id`)).toBe(true);
  });
});
