import { describe, expect, it } from 'vitest';
import { CATALOGUE_LANGUAGES, messagesFor } from '../../../../src/publish/html/messages.js';

describe('messagesFor', () => {
  it.each([
    ['en', 'Skip to content'],
    ['fr', 'Aller au contenu'],
    ['FR', 'Aller au contenu'],
    ['fr-CA', 'Aller au contenu'],
    ['de', 'Skip to content'],
    ['', 'Skip to content'],
  ])('%j reads %j', (language, expected) => {
    expect(messagesFor(language).skipToContent).toBe(expected);
  });

  it('has a complete catalogue for every language it lists', () => {
    const keys = Object.keys(messagesFor('en')).sort();
    for (const language of CATALOGUE_LANGUAGES) {
      const catalogue = messagesFor(language);
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      const values: unknown[] = Object.values(catalogue);
      for (const value of values) expect(String(value).trim()).not.toBe('');
    }
  });
});
