import { describe, expect, it } from 'vitest';
import {
  defaultRuleSets,
  parseRuleSets,
  RULE_SET_NAMES,
  unknownRuleSetMessage,
} from '../../../src/validate/rule-sets.js';

describe('defaultRuleSets', () => {
  it('gives a project every rule set, as validate always checked', () => {
    expect(defaultRuleSets('project')).toEqual(['schema.org', 'google', 'profile']);
  });

  it('gives loose pages and JSON-LD files schema.org and google, not the profile', () => {
    expect(defaultRuleSets('loose')).toEqual(['schema.org', 'google']);
  });

  it('returns a fresh list each time', () => {
    defaultRuleSets('project').pop();
    expect(defaultRuleSets('project')).toEqual(RULE_SET_NAMES);
  });
});

describe('parseRuleSets', () => {
  it.each([
    ['schema.org', ['schema.org']],
    ['google,schema.org', ['schema.org', 'google']],
    [' Google , PROFILE ', ['google', 'profile']],
    ['google,google,', ['google']],
    [
      ['profile', 'schema.org'],
      ['schema.org', 'profile'],
    ],
  ] as const)('%j → %j (registry order, once each)', (value, expected) => {
    expect(parseRuleSets(value)).toEqual({ ok: true, ruleSets: expected });
  });

  it('names each unknown rule set with its place and the closest name', () => {
    expect(parseRuleSets('schema.org,gogle,profil,seo')).toEqual({
      ok: false,
      unknown: [
        { name: 'gogle', index: 1, suggestion: 'google' },
        { name: 'profil', index: 2, suggestion: 'profile' },
        { name: 'seo', index: 3 },
      ],
    });
  });

  it('rejects a list that names no rule set', () => {
    expect(parseRuleSets(' , ')).toEqual({ ok: false, unknown: [{ name: '', index: 0 }] });
    expect(parseRuleSets([])).toEqual({ ok: false, unknown: [{ name: '', index: 0 }] });
  });
});

describe('unknownRuleSetMessage', () => {
  it('names the value and the rule sets there are', () => {
    expect(unknownRuleSetMessage({ name: 'seo', index: 0 })).toBe(
      'Unknown rule set "seo"; the rule sets are schema.org, google, profile.',
    );
    expect(unknownRuleSetMessage({ name: '', index: 0 })).toBe(
      'No rule set named; choose from schema.org, google, profile.',
    );
  });
});
