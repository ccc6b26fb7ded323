import jsonLdUtil from 'jsonld/lib/util.js';
import { describe, expect, it } from 'vitest';
import { installIndexedHasValue } from '../../../src/rdf/jsonld-indexed-values.js';

installIndexedHasValue();

describe('installIndexedHasValue', () => {
  it('answers exactly as compareValues over every value, for a long values array', () => {
    const values: unknown[] = [
      'a',
      1,
      true,
      { '@value': 'x' },
      { '@value': 'x', '@language': 'en' },
      { '@value': '1', '@type': 'http://www.w3.org/2001/XMLSchema#integer' },
      { '@id': 'http://example.org/n' },
      { '@list': [{ '@value': 'l' }] },
      ...Array.from({ length: 40 }, (_, i) => ({ '@value': `v${String(i)}` })),
    ];
    const subject = { p: values };
    const probes: unknown[] = [
      'a',
      'b',
      1,
      '1',
      true,
      'true',
      { '@value': 'x' },
      { '@value': 'x', '@language': 'de' },
      { '@value': 'x', '@language': 'en' },
      { '@value': '1' },
      { '@value': '1', '@type': 'http://www.w3.org/2001/XMLSchema#integer' },
      { '@id': 'http://example.org/n', name: 'described' },
      { '@id': 'http://example.org/m' },
      { '@list': [{ '@value': 'l' }] },
      values[7],
      { '@value': 'v39' },
      { '@value': 'v40' },
    ];
    for (const probe of probes) {
      const expected = values.some((value) => jsonLdUtil.compareValues(probe, value));
      expect(jsonLdUtil.hasValue(subject, 'p', probe), JSON.stringify(probe)).toBe(expected);
    }
  });

  it('follows appends, prepends and in-place changes', () => {
    const values: unknown[] = Array.from({ length: 40 }, (_, i) => `v${String(i)}`);
    const subject = { p: values };
    expect(jsonLdUtil.hasValue(subject, 'p', 'new')).toBe(false);
    values.push('new');
    expect(jsonLdUtil.hasValue(subject, 'p', 'new')).toBe(true);
    values.unshift('first');
    expect(jsonLdUtil.hasValue(subject, 'p', 'first')).toBe(true);
    values[5] = 'replaced';
    expect(jsonLdUtil.hasValue(subject, 'p', values[6])).toBe(true);
    expect(jsonLdUtil.hasValue(subject, 'p', 'v4')).toBe(false);
    expect(jsonLdUtil.hasValue(subject, 'p', 'replaced')).toBe(true);
  });
});
