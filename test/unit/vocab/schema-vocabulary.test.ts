import { describe, expect, it } from 'vitest';
import { loadVocabulary, parseVocabulary } from '../../../src/vocab/schema-vocabulary.js';

const S = 'http://schema.org/';
const vocabulary = loadVocabulary();

describe('loadVocabulary (bundled schema.org release)', () => {
  it('indexes classes, data types and properties', () => {
    expect(vocabulary.isClass(`${S}Person`)).toBe(true);
    expect(vocabulary.isClass(`${S}Text`)).toBe(true);
    expect(vocabulary.isClass(`${S}alumniOf`)).toBe(false);
    expect(vocabulary.isClass(`${S}OnlineOnly`)).toBe(false);
    expect(vocabulary.isProperty(`${S}alumniOf`)).toBe(true);
    expect(vocabulary.isProperty(`${S}Person`)).toBe(false);
    expect(vocabulary.isProperty(`${S}almuniOf`)).toBe(false);
    expect(vocabulary.classes.size).toBeGreaterThan(900);
    expect(vocabulary.properties.size).toBeGreaterThan(1500);
  });

  it.each(['Text', 'URL', 'Number', 'Integer', 'Float', 'Boolean', 'Date', 'DateTime', 'Time'])(
    '%s is a data type',
    (name) => {
      expect(vocabulary.isDataType(`${S}${name}`)).toBe(true);
    },
  );

  it.each(['Thing', 'Person', 'DataType', 'Enumeration'])('%s is not a data type', (name) => {
    expect(vocabulary.isDataType(`${S}${name}`)).toBe(false);
  });

  it('closes the class hierarchy transitively and inclusively', () => {
    expect([...vocabulary.superClassesOf(`${S}EmployeeRole`)]).toEqual(
      expect.arrayContaining([
        `${S}EmployeeRole`,
        `${S}OrganizationRole`,
        `${S}Role`,
        `${S}Intangible`,
        `${S}Thing`,
      ]),
    );
    expect(vocabulary.isSubClassOf(`${S}CollegeOrUniversity`, `${S}Organization`)).toBe(true);
    expect(vocabulary.isSubClassOf(`${S}URL`, `${S}Text`)).toBe(true);
    expect(vocabulary.isSubClassOf(`${S}Integer`, `${S}Number`)).toBe(true);
    expect(vocabulary.isSubClassOf(`${S}Person`, `${S}Organization`)).toBe(false);
    expect(vocabulary.superClassesOf(`${S}nope`).size).toBe(0);
  });

  it('knows domains, ranges and super-properties', () => {
    expect([...vocabulary.domainOf(`${S}jobTitle`)]).toEqual([`${S}Person`]);
    expect([...vocabulary.rangeOf(`${S}alumniOf`)].sort()).toEqual([
      `${S}EducationalOrganization`,
      `${S}Organization`,
    ]);
    expect([...vocabulary.superPropertiesOf(`${S}acceptedAnswer`)].sort()).toEqual([
      `${S}acceptedAnswer`,
      `${S}suggestedAnswer`,
    ]);
    expect(vocabulary.domainOf(`${S}nope`).size).toBe(0);
  });

  it('gives enumeration members and data type values their classes', () => {
    expect([...vocabulary.instanceTypesOf(`${S}OnlineOnly`)]).toEqual([`${S}ItemAvailability`]);
    expect([...vocabulary.instanceTypesOf(`${S}True`)]).toEqual([`${S}Boolean`]);
    expect(vocabulary.instanceTypesOf(`${S}LikeAction`).size).toBe(0);
    expect(vocabulary.instanceTypesOf(`${S}Text`).size).toBe(0);
  });

  it('knows superseded terms and their replacements', () => {
    expect(vocabulary.supersededBy(`${S}awards`)).toEqual([`${S}award`]);
    expect(vocabulary.supersededBy(`${S}Code`)).toEqual([`${S}SoftwareSourceCode`]);
    expect(vocabulary.supersededBy(`${S}award`)).toEqual([]);
  });

  it('suggests properties for properties and classes for classes', () => {
    expect(vocabulary.suggestProperty('almuniOf')).toBe('alumniOf');
    expect(vocabulary.suggestProperty('jobtitle')).toBe('jobTitle');
    expect(vocabulary.suggestClass('Persn')).toBe('Person');
    expect(vocabulary.suggestClass('EmployeRole')).toBe('EmployeeRole');
    expect(vocabulary.suggestProperty('Persn')).not.toBe('Person');
    expect(vocabulary.suggestProperty('qqqqqqqqqqqq')).toBeUndefined();
  });

  it('tells the schema.org namespace from others', () => {
    expect(vocabulary.namespace).toBe(S);
    expect(vocabulary.inNamespace(`${S}name`)).toBe(true);
    expect(vocabulary.inNamespace(S)).toBe(false);
    expect(vocabulary.inNamespace('https://schema.org/name')).toBe(false);
    expect(vocabulary.inNamespace('http://xmlns.com/foaf/0.1/name')).toBe(false);
  });
});

describe('parseVocabulary', () => {
  const small = parseVocabulary(
    `
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix ex: <http://example.org/> .
    ex:A a rdfs:Class ; rdfs:subClassOf ex:B .
    ex:B a rdfs:Class ; rdfs:subClassOf ex:A .
    ex:Word a rdfs:Class, ex:DataType .
    ex:Name rdfs:subClassOf ex:Word .
    ex:p a rdf:Property ; ex:domainIncludes ex:A ; ex:rangeIncludes ex:Word ;
      ex:supersededBy ex:q, ex:r .
  `,
    'http://example.org/',
  );

  it('survives subclass cycles', () => {
    expect([...small.superClassesOf('http://example.org/A')].sort()).toEqual([
      'http://example.org/A',
      'http://example.org/B',
    ]);
  });

  it('reads data types, domains, ranges and several replacements in the given namespace', () => {
    expect(small.isDataType('http://example.org/Name')).toBe(true);
    expect(small.isClass('http://example.org/Word')).toBe(true);
    expect([...small.domainOf('http://example.org/p')]).toEqual(['http://example.org/A']);
    expect(small.supersededBy('http://example.org/p')).toEqual([
      'http://example.org/q',
      'http://example.org/r',
    ]);
    expect(small.suggestClass('Nam')).toBe('Name');
  });

  it('throws on bad Turtle (a broken installation, not bad input)', () => {
    expect(() => parseVocabulary('ex:A a .')).toThrow();
  });
});
