import { describe, expect, it } from 'vitest';
import { BoundedCache, parseAcceptCached } from '../../../src/http/accept.js';
import { negotiateMediaType } from '../../../src/http/negotiate.js';

describe('BoundedCache', () => {
  it('keeps recently used entries and at most twice its limit', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // young is full: a and b become the old generation
    expect(cache.get('a')).toBe(1); // promoted back into the young one, beside c
    cache.set('d', 4); // c and a become old; a and b's generation is dropped
    cache.set('e', 5);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('e')).toBe(5);
    expect(cache.get('nothing')).toBeUndefined();
  });
});

describe('memoised parsing and negotiation', () => {
  it('gives the same frozen answer for the same header', () => {
    const accept = 'text/turtle;q=0.9, application/ld+json';
    const first = negotiateMediaType(accept);
    expect(negotiateMediaType(accept)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(parseAcceptCached(accept)).toBe(parseAcceptCached(accept));
  });

  it('refuses a 15 KB header without scanning it, with the reason', () => {
    const header = 'text/turtle, '.repeat(1_200);
    expect(parseAcceptCached(header)).toEqual({
      ok: false,
      reason: `the header is ${header.length} characters long; at most 4096 are accepted`,
    });
  });
});
