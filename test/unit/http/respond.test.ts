import { describe, expect, it } from 'vitest';
import {
  chooseVariant,
  headerValue,
  isNotModified,
  methodNotAllowed,
  notModified,
  optionsResponse,
  planEntity,
  type RequestLike,
} from '../../../src/http/respond.js';
import { createRepresentation } from '../../../src/publish/representation.js';

const ETAG = '"abc123"';
const MODIFIED = new Date('2024-05-01T12:00:00.750Z');
const AT = 'Wed, 01 May 2024 12:00:00 GMT';

function request(headers: Record<string, string | string[]>, method = 'GET'): RequestLike {
  return { method, url: '/x', headers };
}

describe('isNotModified (RFC 9110 §13.2.2)', () => {
  it.each<[string, Record<string, string | string[]>, boolean]>([
    ['no validators', {}, false],
    ['the exact tag', { 'if-none-match': ETAG }, true],
    ['the tag marked weak', { 'if-none-match': `W/${ETAG}` }, true],
    ['*', { 'if-none-match': ' * ' }, true],
    ['a list holding the tag', { 'if-none-match': `"x", W/"y",${ETAG}` }, true],
    ['a repeated field holding the tag', { 'if-none-match': ['"x"', ETAG] }, true],
    ['a tag with a comma inside, then the tag', { 'if-none-match': `"a,b", ${ETAG}` }, true],
    ['another tag', { 'if-none-match': '"abc12"' }, false],
    ['the tag unquoted', { 'if-none-match': 'abc123' }, false],
    ['an unterminated tag', { 'if-none-match': '"abc123' }, false],
    ['junk with a star', { 'if-none-match': 'x*' }, false],
    ['If-Modified-Since at Last-Modified (whole seconds)', { 'if-modified-since': AT }, true],
    ['If-Modified-Since later', { 'if-modified-since': 'Thu, 02 May 2024 00:00:00 GMT' }, true],
    ['If-Modified-Since earlier', { 'if-modified-since': 'Wed, 01 May 2024 11:59:59 GMT' }, false],
    ['an invalid date', { 'if-modified-since': 'yesterday' }, false],
    [
      'If-Modified-Since matching but If-None-Match not',
      { 'if-modified-since': AT, 'if-none-match': '"other"' },
      false,
    ],
    [
      'If-None-Match matching and If-Modified-Since too old',
      { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT', 'if-none-match': ETAG },
      true,
    ],
  ])('%s → %s', (_case, headers, expected) => {
    expect(isNotModified(headers, ETAG, MODIFIED)).toBe(expected);
  });

  it('without a Last-Modified, If-Modified-Since never matches', () => {
    expect(isNotModified({ 'if-modified-since': AT }, ETAG, undefined)).toBe(false);
  });

  it('without an ETag, only * matches', () => {
    expect(isNotModified({ 'if-none-match': ETAG }, undefined, MODIFIED)).toBe(false);
    expect(isNotModified({ 'if-none-match': '*' }, undefined, MODIFIED)).toBe(true);
  });

  it('is linear on a long list of tags', () => {
    const list = `${'"x", '.repeat(2_000)}${ETAG}`;
    expect(isNotModified({ 'if-none-match': list }, ETAG, MODIFIED)).toBe(true);
  });
});

describe('planEntity', () => {
  const headers = { 'Content-Type': 'text/plain', ETag: ETAG, 'Content-Encoding': 'gzip' };
  const body = Buffer.from('hello');

  it('sends the body with its length', () => {
    const plan = planEntity(request({}), headers, body, MODIFIED);
    expect(plan.status).toBe(200);
    expect(plan.headers['Content-Length']).toBe('5');
    expect(plan.body).toBe(body);
  });

  it('sends the length but no body to HEAD', () => {
    const plan = planEntity(request({}, 'HEAD'), headers, body);
    expect(plan.headers['Content-Length']).toBe('5');
    expect(plan.body.length).toBe(0);
  });

  it('answers 304 without length or coding when the validators match', () => {
    const plan = planEntity(request({ 'if-none-match': ETAG }), headers, body);
    expect(plan).toEqual({
      status: 304,
      headers: { 'Content-Type': 'text/plain', ETag: ETAG },
      body: Buffer.alloc(0),
    });
    expect(notModified(headers)).toEqual(plan);
  });
});

describe('chooseVariant', () => {
  const representation = createRepresentation('turtle', 'text/turtle', '/x.ttl', 'x'.repeat(4096));

  it.each<[string | undefined, string | undefined]>([
    [undefined, 'identity'],
    ['gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['identity;q=0, *;q=0', undefined],
  ])('Accept-Encoding %j → %s', (acceptEncoding, expected) => {
    const headers: Record<string, string> =
      acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    const chosen = chooseVariant(request(headers), representation);
    expect(chosen?.encoding).toBe(expected);
    if (chosen) expect(chosen.variant).toBe(representation.variants[chosen.encoding]);
  });

  it('offers identity only when compression saves nothing', () => {
    const small = createRepresentation('turtle', 'text/turtle', '/x.ttl', 'x');
    expect(chooseVariant(request({ 'accept-encoding': 'br' }), small)?.encoding).toBe('identity');
  });
});

describe('headers and method answers', () => {
  it('joins a repeated header field', () => {
    expect(headerValue({ accept: ['text/html', 'text/turtle'] }, 'accept')).toBe(
      'text/html, text/turtle',
    );
    expect(headerValue({}, 'accept')).toBeUndefined();
  });

  it('plans OPTIONS and 405 with the allowed methods', () => {
    const options = optionsResponse('GET, HEAD', 'Accept');
    expect(options.status).toBe(204);
    expect(options.headers).toMatchObject({
      Allow: 'GET, HEAD',
      'Access-Control-Max-Age': '86400',
    });
    const refused = methodNotAllowed('PUT', 'GET, HEAD', 'use GET or HEAD');
    expect(refused.status).toBe(405);
    expect(refused.headers.Allow).toBe('GET, HEAD');
    expect(refused.body.toString()).toBe('Method PUT is not allowed here; use GET or HEAD.\n');
  });
});
