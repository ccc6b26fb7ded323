import { describe, expect, it } from 'vitest';
import { literal, namedNode } from '../../../../src/rdf/data-factory.js';
import { pickLiteral } from '../../../../src/publish/html/pick-language.js';

const terms = [
  literal('Bonjour', 'fr'),
  literal('Hello', 'en'),
  literal('Hallo', 'de'),
  literal('Salut', 'fr-CA'),
  namedNode('http://example.org/x'),
];

describe('pickLiteral', () => {
  it.each([
    ['fr', 'Bonjour'],
    ['FR', 'Bonjour'],
    ['fr-CA', 'Salut'],
    ['fr-BE', 'Bonjour'],
    ['de', 'Hallo'],
    ['it', 'Hello'],
  ])('for %j picks %j', (language, expected) => {
    expect(pickLiteral(terms, language)?.value).toBe(expected);
  });

  it('prefers a literal without a language to another language, and ignores IRIs', () => {
    expect(pickLiteral([literal('Zed', 'de'), literal('Plain')], 'fr')?.value).toBe('Plain');
    expect(pickLiteral([namedNode('http://example.org/x')], 'en')).toBeUndefined();
  });

  it('does not depend on the order of its input', () => {
    const a = pickLiteral([literal('b', 'de'), literal('a', 'de')], 'it');
    const b = pickLiteral([literal('a', 'de'), literal('b', 'de')], 'it');
    expect(a?.value).toBe('a');
    expect(b?.value).toBe('a');
  });
});
