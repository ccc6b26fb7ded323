import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadSources } from '../../../src/load/load-sources.js';
import { buildNodeIndex } from '../../../src/validate/node-index.js';
import { parseSourceFile, type SourceFile } from '../../../src/load/source-file.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { createSchemaOrgTerms } from '../../../src/rdf/schema-org-terms.js';
import type { ValidationContext } from '../../../src/validate/context.js';
import { checkVocabulary, MAX_SUGGESTED_TERMS } from '../../../src/validate/vocabulary-check.js';
import { loadVocabulary } from '../../../src/vocab/schema-vocabulary.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BASE_URL = 'http://localhost:8080/';
const terms = createSchemaOrgTerms();
const vocabulary = loadVocabulary();

function contextOf(sources: SourceFile[]): ValidationContext {
  return {
    config: DEFAULT_CONFIG,
    sources,
    nodes: buildNodeIndex(sources, BASE_URL, terms),
    terms,
    quads: [],
    media: new Set(),
  };
}

/** Checks in-memory files: `{ 'data/x.jsonld': 'json text' }`. */
function check(files: Record<string, string>): Diagnostic[] {
  const sources = Object.entries(files).map(([file, text]) => {
    const parsed = parseSourceFile(file, text);
    if (!parsed.ok) throw new Error(`test input ${file} is not JSON`);
    return parsed.source;
  });
  return checkVocabulary(contextOf(sources), vocabulary);
}

/** A Person file with extra members spliced in after the required ones (from line 7 on). */
function person(extra: string, type = '"Person"'): string {
  return `{
  "@context": "https://schema.org",
  "@type": ${type},
  "@id": "people/ada#id",
  "name": "Ada Lovelace",
  "description": "Mathematician.",
  "jobTitle": "Analyst"${extra === '' ? '' : `,\n${extra}`}
}`;
}

const ORGANIZATION = `{
  "@context": "https://schema.org",
  "@type": "CollegeOrUniversity",
  "@id": "organizations/london#id",
  "name": "University of London"
}`;

const THESIS = `{
  "@context": "https://schema.org",
  "@type": "CreativeWork",
  "@id": "works/notes#id",
  "name": "Notes on the Analytical Engine"
}`;

describe('checkVocabulary', () => {
  it('looks up "did you mean" once per distinct term, and for a bounded number of terms', () => {
    const suggestProperty = vi.fn((name: string) => vocabulary.suggestProperty(name));
    const suggestClass = vi.fn((name: string) => vocabulary.suggestClass(name));
    const counting = { ...vocabulary, suggestProperty, suggestClass };
    const friends = Array.from(
      { length: 3 },
      (_, i) => `{ "@type": "Persn", "almuniOf": "x${String(i)}" }`,
    );
    const unknowns = Array.from({ length: 500 }, (_, i) => `"unknownProperty${String(i)}": "x"`);
    const sources = [
      parseSourceFile('data/a.jsonld', person(`"knows": [${friends.join(', ')}]`)),
      parseSourceFile('data/p.jsonld', person(unknowns.join(',\n'))),
    ].map((parsed) => {
      if (!parsed.ok) throw new Error('test input is not JSON');
      return parsed.source;
    });
    const found = checkVocabulary(contextOf(sources), counting);
    const unknown = found.filter((d) => d.code === 'vocab/unknown-property');
    expect(unknown).toHaveLength(500 + 3);
    expect(unknown.filter((d) => d.hint === 'did you mean "alumniOf"?')).toHaveLength(3);
    expect(found.filter((d) => d.hint === 'did you mean "Person"?')).toHaveLength(3);
    expect(suggestClass).toHaveBeenCalledTimes(1);
    // One distinct type and MAX - 1 distinct properties: the bound counts both.
    expect(suggestProperty).toHaveBeenCalledTimes(MAX_SUGGESTED_TERMS - 1);
    expect(new Set(suggestProperty.mock.calls.map(([name]) => name)).size).toBe(
      MAX_SUGGESTED_TERMS - 1,
    );
    // The first distinct terms found, in file order, are the ones looked up.
    expect(suggestProperty.mock.calls.slice(0, 2)).toEqual([['almuniOf'], ['unknownProperty0']]);
  });

  it('finds nothing in the real profile (data/)', async () => {
    const { sources, diagnostics } = await loadSources('data', ROOT);
    expect(diagnostics).toEqual([]);
    expect(checkVocabulary(contextOf(sources), vocabulary)).toEqual([]);
  });

  it('reports a misspelt property with a "did you mean" hint at its key', () => {
    const diags = check({
      'data/ada.jsonld': person('  "almuniOf": { "@id": "organizations/london#id" }'),
      'data/london.jsonld': ORGANIZATION,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-property',
        severity: 'error',
        file: 'data/ada.jsonld',
        pointer: '/almuniOf',
        line: 8,
        column: 3,
        hint: 'did you mean "alumniOf"?',
      }),
    ]);
    expect(diags[0]?.message).toContain('"almuniOf"');
  });

  it('locates a misspelt property inside a nested node', () => {
    const diags = check({
      'data/ada.jsonld': person(`  "worksFor": [
    {
      "@type": "EmployeeRole",
      "roleNme": "Analyst",
      "worksFor": { "@id": "organizations/london#id" }
    }
  ]`),
      'data/london.jsonld': ORGANIZATION,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-property',
        pointer: '/worksFor/0/roleNme',
        line: 11,
        hint: 'did you mean "roleName"?',
      }),
    ]);
  });

  it('reports an unknown property without a hint when nothing is close', () => {
    const diags = check({ 'data/ada.jsonld': person('  "zzzzzzzzzzzz": "x"') });
    expect(diags).toEqual([
      expect.objectContaining({ code: 'vocab/unknown-property', pointer: '/zzzzzzzzzzzz' }),
    ]);
    expect(diags[0]).not.toHaveProperty('hint');
  });

  it('reports an unknown type with a hint at the @type value, and skips domain checks', () => {
    const diags = check({ 'data/ada.jsonld': person('', '"Persn"') });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-type',
        severity: 'error',
        file: 'data/ada.jsonld',
        pointer: '/@type',
        line: 3,
        hint: 'did you mean "Person"?',
      }),
    ]);
  });

  it('points at the array element of an unknown type, also under the "type" alias', () => {
    const diags = check({
      'data/ada.jsonld': `{
  "@context": "https://schema.org",
  "type": ["Person", "Patinet"],
  "id": "people/ada#id",
  "name": "Ada Lovelace"
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-type',
        pointer: '/type/1',
        line: 3,
        hint: 'did you mean "Patient"?',
      }),
    ]);
  });

  it('warns about a property outside its domain (jobTitle on an Organization)', () => {
    const diags = check({
      'data/london.jsonld': `{
  "@context": "https://schema.org",
  "@type": "Organization",
  "@id": "organizations/london#id",
  "name": "University of London",
  "jobTitle": "University"
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/domain',
        severity: 'warning',
        file: 'data/london.jsonld',
        pointer: '/jobTitle',
        line: 6,
        hint: 'schema.org expects "jobTitle" on Person',
      }),
    ]);
    expect(diags[0]?.message).toContain('"jobTitle"');
    expect(diags[0]?.message).toContain('Organization');
  });

  it('reads types written after the properties and types given in another file', () => {
    const diags = check({
      'data/london.jsonld': `{
  "@context": "https://schema.org",
  "@id": "organizations/london#id",
  "jobTitle": "University",
  "@type": "Organization"
}`,
      'data/ref.jsonld': `{
  "@context": "https://schema.org",
  "@id": "organizations/london#id",
  "birthDate": "1836"
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({ code: 'vocab/domain', file: 'data/london.jsonld', line: 4 }),
      expect.objectContaining({ code: 'vocab/domain', file: 'data/ref.jsonld', line: 4 }),
    ]);
  });

  it('does not domain-check untyped nodes', () => {
    const diags = check({
      'data/x.jsonld': '{ "@context": "https://schema.org", "@id": "x#id", "jobTitle": "A" }',
    });
    expect(diags).toEqual([]);
  });

  it('warns about a value outside the range (alumniOf pointing at a CreativeWork)', () => {
    const diags = check({
      'data/ada.jsonld': person(`  "alumniOf": [
    { "@id": "organizations/london#id" },
    { "@id": "works/notes#id" }
  ]`),
      'data/london.jsonld': ORGANIZATION,
      'data/notes.jsonld': THESIS,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/range',
        severity: 'warning',
        file: 'data/ada.jsonld',
        pointer: '/alumniOf/1',
        line: 10,
      }),
    ]);
    expect(diags[0]?.message).toContain('"alumniOf"');
    expect(diags[0]?.message).toContain('CreativeWork');
  });

  it('checks literals against data types', () => {
    const diags = check({
      'data/ada.jsonld': person(`  "alumniOf": "University of London",
  "birthDate": "1815-12-10",
  "height": 1.65,
  "award": 1843,
  "knowsAbout": ["Mathematics", { "@id": "works/notes#id" }],
  "honorificPrefix": false`),
      'data/notes.jsonld': `{
  "@context": "https://schema.org",
  "@type": "CreativeWork",
  "@id": "works/notes#id",
  "name": "Notes",
  "isAccessibleForFree": true,
  "copyrightYear": 1843,
  "dateCreated": { "@value": "1843", "@type": "Date" },
  "abstract": { "@value": "Notes", "@language": "en" },
  "version": "1.0",
  "commentCount": { "@value": "5", "@type": "xsd:integer" }
}`,
    });
    // height takes a Distance or QuantitativeValue; a bare number is neither.
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/range',
        pointer: '/alumniOf',
        line: 8,
        hint: 'give a node ({"@type": "EducationalOrganization", …}) or a reference ({"@id": …})',
      }),
      expect.objectContaining({ code: 'vocab/range', pointer: '/height', line: 10 }),
      expect.objectContaining({ code: 'vocab/range', pointer: '/award', line: 11 }),
      expect.objectContaining({ code: 'vocab/range', pointer: '/honorificPrefix', line: 13 }),
    ]);
  });

  it('does not range-check untyped external references', () => {
    const diags = check({
      'data/ada.jsonld': person('  "alumniOf": { "@id": "https://example.org/cambridge" }'),
    });
    expect(diags).toEqual([]);
  });

  it('accepts enumeration members and classes named as values when they fit', () => {
    const diags = check({
      'data/notes.jsonld': `{
  "@context": "https://schema.org",
  "@type": "CreativeWork",
  "@id": "works/notes#id",
  "name": "Notes",
  "interactionStatistic": [
    {
      "@type": "InteractionCounter",
      "interactionType": { "@id": "schema:LikeAction" },
      "userInteractionCount": 20
    },
    {
      "@type": "InteractionCounter",
      "interactionType": { "@id": "schema:Person" },
      "userInteractionCount": 1
    }
  ],
  "offers": {
    "@type": "Offer",
    "availability": [{ "@id": "schema:OnlineOnly" }, "InStock", { "@id": "schema:True" }]
  }
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/range',
        pointer: '/interactionStatistic/1/interactionType',
        line: 14,
      }),
      expect.objectContaining({
        code: 'vocab/range',
        pointer: '/offers/availability/1',
        line: 20,
        hint: 'write {"@id": "schema:InStock"} to name the enumeration member',
      }),
      expect.objectContaining({ code: 'vocab/range', pointer: '/offers/availability/2' }),
    ]);
  });

  describe('the Role pattern (https://schema.org/Role)', () => {
    it('passes roles nested under the property they qualify', () => {
      const diags = check({
        'data/notes.jsonld': `{
  "@context": "https://schema.org",
  "@type": "SoftwareSourceCode",
  "@id": "works/notes#id",
  "name": "Notes",
  "creator": {
    "@type": "Role",
    "roleName": "Founder",
    "startDate": "2018",
    "creator": { "@id": "people/ada#id" }
  }
}`,
        'data/ada.jsonld': person(''),
      });
      expect(diags).toEqual([]);
    });

    it('passes roles in their own file, referenced through the property they qualify', () => {
      const diags = check({
        'data/ada.jsonld': person(`  "worksFor": { "@id": "roles/london#id" },
  "memberOf": [{ "@id": "roles/society#id" }]`),
        'data/roles/london.jsonld': `{
  "@context": "https://schema.org",
  "@type": "EmployeeRole",
  "@id": "roles/london#id",
  "roleName": "Analyst",
  "startDate": "1842",
  "worksFor": { "@id": "organizations/london#id" }
}`,
        'data/roles/society.jsonld': `{
  "@context": "https://schema.org",
  "@type": "OrganizationRole",
  "@id": "roles/society#id",
  "roleName": "Member",
  "memberOf": { "@id": "organizations/london#id" }
}`,
        'data/london.jsonld': ORGANIZATION,
      });
      expect(diags).toEqual([]);
    });

    it('warns when a role does not carry the property that leads to it', () => {
      const diags = check({
        'data/ada.jsonld': person(`  "worksFor": {
    "@type": "EmployeeRole",
    "roleName": "Analyst",
    "memberOf": { "@id": "organizations/london#id" }
  }`),
        'data/london.jsonld': ORGANIZATION,
      });
      expect(diags).toEqual([
        expect.objectContaining({ code: 'vocab/range', pointer: '/worksFor', line: 8 }),
        expect.objectContaining({ code: 'vocab/domain', pointer: '/worksFor/memberOf', line: 11 }),
      ]);
    });
  });

  it('warns about superseded properties and types, naming the replacement', () => {
    const diags = check({
      'data/ada.jsonld': person('  "awards": "Royal Society fellowship"'),
      'data/code.jsonld': `{
  "@context": "https://schema.org",
  "@type": "Code",
  "@id": "works/code#id",
  "name": "Note G"
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/superseded',
        severity: 'warning',
        file: 'data/ada.jsonld',
        pointer: '/awards',
        line: 8,
        hint: 'use "award" instead',
      }),
      expect.objectContaining({
        code: 'vocab/superseded',
        file: 'data/code.jsonld',
        pointer: '/@type',
        line: 3,
        hint: 'use "SoftwareSourceCode" instead',
      }),
    ]);
  });

  it('accepts other vocabularies: foaf:name, absolute IRIs, schema: prefixed terms', () => {
    const diags = check({
      'data/ada.jsonld': person(`  "foaf:name": "Ada",
  "http://example.org/vocab#nickname": "Ada",
  "schema:alumniOf": { "@id": "organizations/london#id" }`),
      'data/london.jsonld': ORGANIZATION,
    });
    expect(diags).toEqual([]);
  });

  it('reports an unknown prefix on a key and on a type', () => {
    const diags = check({
      'data/ada.jsonld': person('  "foo:bar": "baz"', '["Person", "foo:Analyst"]'),
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-prefix',
        severity: 'error',
        pointer: '/@type/1',
        line: 3,
      }),
      expect.objectContaining({
        code: 'vocab/unknown-prefix',
        severity: 'error',
        file: 'data/ada.jsonld',
        pointer: '/foo:bar',
        line: 8,
      }),
    ]);
    expect(diags[1]?.message).toContain('"foo"');
  });

  it('checks the terms of a @reverse map but not its domain or range', () => {
    const diags = check({
      'data/ada.jsonld': person(`  "@reverse": {
    "alumni": { "@id": "organizations/london#id" },
    "almni": { "@id": "organizations/london#id" }
  }`),
      'data/london.jsonld': ORGANIZATION,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-property',
        pointer: '/@reverse/almni',
        line: 10,
        hint: 'did you mean "alumni"?',
      }),
    ]);
  });

  it('escapes pointers (RFC 6901) and walks @graph and @list', () => {
    const diags = check({
      'data/graph.jsonld': `{
  "@context": "https://schema.org",
  "@graph": [
    {
      "@type": "ItemList",
      "@id": "lists/a#id",
      "itemListElement": { "@list": [{ "@type": "ListItem", "positon": 1 }] }
    },
    { "@type": "Person", "@id": "people/b#id", "a/b": "x" }
  ]
}`,
    });
    expect(diags).toEqual([
      expect.objectContaining({
        code: 'vocab/unknown-property',
        pointer: '/@graph/0/itemListElement/@list/0/positon',
        line: 7,
        hint: 'did you mean "position"?',
      }),
      expect.objectContaining({ code: 'vocab/unknown-property', pointer: '/@graph/1/a~1b' }),
    ]);
  });
});
