import { describe, expect, it } from 'vitest';
import {
  createSuggester,
  editDistance,
  maxSuggestionDistance,
  suggest,
} from '../../../src/vocab/did-you-mean.js';

describe('editDistance', () => {
  it.each([
    ['alumniOf', 'alumniOf', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    // One adjacent transposition is one edit (Damerau), not two (Levenshtein).
    ['almuniOf', 'alumniOf', 1],
    ['Persn', 'Person', 1],
    ['kitten', 'sitting', 3],
    ['jobtitle', 'jobTitle', 1],
    ['ca', 'abc', 3],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('gives up past the limit and returns limit + 1', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('almuniOf', 'alumniOf', 2)).toBe(1);
  });
});

describe('maxSuggestionDistance', () => {
  it.each([
    ['ab', 2],
    ['Persn', 2],
    ['almuniOf', 2],
    ['interactionStatistc', 6],
  ])('%j allows %i edits', (term, limit) => {
    expect(maxSuggestionDistance(term)).toBe(limit);
  });
});

describe('createSuggester', () => {
  const names = ['alumni', 'alumniOf', 'jobTitle', 'name', 'Person', 'person'];

  it('suggests the closest candidate within the limit', () => {
    const suggester = createSuggester(names);
    expect(suggester('almuniOf')).toBe('alumniOf');
    expect(suggester('jobtitle')).toBe('jobTitle');
    expect(suggester('nmae')).toBe('name');
  });

  it('breaks case-insensitive ties by the case-sensitive distance', () => {
    expect(suggest('Persn', names)).toBe('Person');
    expect(suggest('persn', names)).toBe('person');
  });

  it('breaks remaining ties alphabetically', () => {
    expect(suggest('cat', ['cut', 'bat'])).toBe('bat');
    expect(suggest('cat', ['bat', 'cut'])).toBe('bat');
  });

  it('suggests nothing that is too far or identical', () => {
    expect(suggest('worksFor', names)).toBeUndefined();
    expect(suggest('name', names)).toBeUndefined();
    expect(suggest('anything', [])).toBeUndefined();
  });
});
