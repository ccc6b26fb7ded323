import { describe, expect, it } from 'vitest';
import { RenderCache, type Rendered } from '../../../src/publish/render-cache.js';
import { createRepresentation } from '../../../src/publish/representation.js';

/** A rendered resource of exactly `bytes` bytes (one uncompressible representation). */
function rendered(bytes: number): Rendered {
  return {
    representations: [
      createRepresentation('turtle', 'text/turtle', '/x.ttl', Buffer.alloc(bytes), false),
    ],
  };
}

describe('RenderCache', () => {
  it('keeps resources within the byte budget, least recently used out first', () => {
    const cache = new RenderCache(300);
    cache.set('/a', rendered(100));
    cache.set('/b', rendered(100));
    cache.set('/c', rendered(100));
    expect(cache.get('/a')).toBeDefined(); // now the most recent
    cache.set('/d', rendered(100)); // over budget: /b, the least recently used, goes
    expect(cache.get('/b')).toBeUndefined();
    expect(['/a', '/c', '/d'].every((path) => cache.get(path) !== undefined)).toBe(true);
    expect(cache.size).toEqual({ resources: 3, bytes: 300 });
  });

  it('keeps the newest resource even when it alone exceeds the budget', () => {
    const cache = new RenderCache(50);
    cache.set('/small', rendered(40));
    cache.set('/big', rendered(500));
    expect(cache.get('/small')).toBeUndefined();
    expect(cache.get('/big')).toBeDefined();
    expect(cache.size).toEqual({ resources: 1, bytes: 500 });
  });

  it('replaces an entry without counting it twice', () => {
    const cache = new RenderCache(1000);
    cache.set('/a', rendered(100));
    cache.set('/a', rendered(200));
    expect(cache.size).toEqual({ resources: 1, bytes: 200 });
  });

  it('marks a resource used again after another was added since its last use', () => {
    const cache = new RenderCache(200);
    cache.set('/a', rendered(100));
    expect(cache.get('/a')).toBeDefined(); // already the newest: order unchanged
    cache.set('/b', rendered(100));
    expect(cache.get('/a')).toBeDefined(); // /b was newer: /a becomes the most recent
    cache.set('/c', rendered(100)); // over budget: /b goes, not /a
    expect(cache.peek('/b')).toBeUndefined();
    expect(cache.peek('/a')).toBeDefined();
  });
});
