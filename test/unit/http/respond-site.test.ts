import { beforeAll, describe, expect, it } from 'vitest';
import {
  locate,
  MAX_URL_LENGTH,
  respond,
  respondAt,
  type RequestLike,
} from '../../../src/http/respond.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { publishSite, type Site } from '../../../src/publish/site.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const PERSON = '/people/sheng-zha';

let site: Site;
beforeAll(async () => {
  const { quads, documentLoader } = await loadBundledDataset();
  site = await publishSite({
    config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
    quads,
    shapes: [],
    documentLoader,
    lastModified: new Date('2024-05-01T00:00:00Z'),
  });
});

describe('locate', () => {
  it('finds a resource by canonical path, keeping where the query starts', () => {
    const target = locate(site, `${PERSON}?format=nt`);
    expect(target?.entry).toBe(site.resources.get(PERSON));
    expect(target?.fixedId).toBeUndefined();
    expect(target?.queryStart).toBe(PERSON.length);
  });

  it('finds a representation URL as its resource and the representation it names', () => {
    const target = locate(site, `${PERSON}.ttl`);
    expect(target).toEqual({
      queryStart: -1,
      entry: site.resources.get(PERSON),
      fixedId: 'turtle',
    });
  });

  it('decodes the path before looking it up', () => {
    expect(locate(site, '/people/sheng%2Dzha')?.entry).toBe(site.resources.get(PERSON));
  });

  it('finds nothing at an unknown path, and refuses an invalid one', () => {
    expect(locate(site, '/nobody')).toEqual({
      queryStart: -1,
      entry: undefined,
      fixedId: undefined,
    });
    expect(locate(site, '/people/../etc/passwd')).toBeUndefined();
    expect(locate(site, '/people/%E0%A4%A')).toBeUndefined();
  });
});

describe('respondAt', () => {
  const cases: [string, RequestLike][] = [
    ['GET, Turtle, gzip', get(PERSON, { accept: 'text/turtle', 'accept-encoding': 'gzip' })],
    ['GET, HTML, br', get(PERSON, { accept: 'text/html', 'accept-encoding': 'br' })],
    [
      'GET, JSON-LD expanded',
      get(PERSON, {
        accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"',
      }),
    ],
    ['HEAD, N-Triples', { ...get(PERSON, { accept: 'application/n-triples' }), method: 'HEAD' }],
    ['OPTIONS', { ...get(PERSON, {}), method: 'OPTIONS' }],
    ['POST', { ...get(PERSON, {}), method: 'POST' }],
    ['a representation URL', get(`${PERSON}.rdf`, { accept: 'text/html' })],
    ['?format=', get(`${PERSON}?format=nt`, {})],
    ['an unknown ?format=', get(`${PERSON}?format=pdf`, {})],
    ['nothing acceptable', get(PERSON, { accept: 'image/png' })],
    ['a malformed Accept', get(PERSON, { accept: 'text/html;q=x' })],
    ['identity refused', get(PERSON, { 'accept-encoding': 'identity;q=0' })],
    ['If-None-Match *', get(PERSON, { 'if-none-match': '*' })],
    ['an unknown path', get('/nobody', { accept: 'text/turtle' })],
    ['an invalid path', get('/a/../b', {})],
    ['a target too long', get(`${PERSON}?${'x'.repeat(MAX_URL_LENGTH)}`, {})],
  ];

  it.each(cases)('answers %s exactly as respond does', (_case, request) => {
    expect(respondAt(site, request, locate(site, request.url))).toEqual(respond(site, request));
  });

  it('gives every GET of one variant the same frozen plan, and HEAD its headers without the body', () => {
    const request = get(PERSON, { accept: 'text/turtle', 'accept-encoding': 'gzip' });
    const first = respond(site, request);
    expect(respond(site, request)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.headers)).toBe(true);
    expect(first.body.length).toBe(Number(first.headers['Content-Length']));
    const head = respond(site, { ...request, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers).toBe(first.headers);
    expect(head.body.length).toBe(0);
  });

  it("answers 304 with the 200 plan's validators, without its length or coding", () => {
    const request = get(PERSON, { accept: 'text/turtle', 'accept-encoding': 'gzip' });
    const plan = respond(site, request);
    const { 'Content-Length': _length, 'Content-Encoding': _coding, ...rest } = plan.headers;
    const revalidated = respond(site, {
      ...request,
      headers: { ...request.headers, 'if-none-match': plan.headers.ETag },
    });
    expect(revalidated).toEqual({ status: 304, headers: rest, body: Buffer.alloc(0) });
    // The cached 200 is untouched by the 304 made from it.
    expect(respond(site, request)).toBe(plan);
    expect(plan.headers['Content-Encoding']).toBe('gzip');
  });
});

function get(url: string, headers: Record<string, string>): RequestLike {
  return { method: 'GET', url, headers };
}
