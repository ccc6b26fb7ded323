import { describe, expect, it } from 'vitest';
import { RDF_FORMATS } from '../../../src/rdf/formats.js';
import {
  contentTypeFor,
  HTML_OFFER,
  JSON_LD_PROFILE_IRIS,
  OFFERS,
  type Offer,
} from '../../../src/http/media-types.js';
import {
  formatFromPath,
  negotiateEncoding,
  negotiateMediaType,
  offerFromQuery,
  type NegotiationResult,
} from '../../../src/http/negotiate.js';
import { parseAccept } from '../../../src/http/accept.js';

const EXPANDED = JSON_LD_PROFILE_IRIS.expanded;
const COMPACTED = JSON_LD_PROFILE_IRIS.compacted;
const FLATTENED = JSON_LD_PROFILE_IRIS.flattened;

const RDFLIB = 'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1';
const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const OLD_SAFARI =
  'application/xml,application/xhtml+xml,text/html;q=0.9,text/plain;q=0.8,image/png,*/*;q=0.5';
const JAVA = 'text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2';
const JENA =
  'text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5';
const JQUERY_JSON = 'application/json, text/javascript, */*; q=0.01';
const FEED_READER =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

/** `html`, `turtle`..., `jsonld#expanded`, `406` or `400`: one column a reader can scan. */
function outcome(result: NegotiationResult): string {
  switch (result.kind) {
    case 'ok':
      return result.jsonLdProfile && result.jsonLdProfile !== 'compacted'
        ? `${result.offer.id}#${result.jsonLdProfile}`
        : result.offer.id;
    case 'not-acceptable':
      return '406';
    case 'bad-request':
      return '400';
  }
}

describe('negotiateMediaType', () => {
  it.each<[string | undefined, string]>([
    // No preference: the server's order, HTML first.
    [undefined, 'html'],
    ['', 'html'],
    ['  ', 'html'],
    [',', 'html'], // RFC 9110 §5.6.1.2: only empty list elements = an empty header
    ['*/*', 'html'], // curl
    ['*', 'html'],
    // Every offer by its canonical type...
    ['text/html', 'html'],
    ['application/ld+json', 'jsonld'],
    ['text/turtle', 'turtle'],
    ['application/n-triples', 'ntriples'],
    ['application/n-quads', 'nquads'],
    ['application/trig', 'trig'],
    ['application/rdf+xml', 'rdfxml'],
    // ... and by every alias.
    ['application/xhtml+xml', 'html'],
    ['application/json', 'jsonld'],
    ['text/n3', 'turtle'],
    ['text/rdf+n3', 'turtle'],
    ['application/x-turtle', 'turtle'],
    ['application/turtle', 'turtle'],
    ['text/plain', 'ntriples'],
    ['text/x-nquads', 'nquads'],
    // Generic XML selects RDF/XML only when nothing else is acceptable.
    ['application/xml', 'rdfxml'],
    ['text/xml', 'rdfxml'],
    ['application/xml, */*;q=0.1', 'html'],
    ['application/xml, application/json;q=0.5', 'jsonld'],
    ['application/xml, text/turtle;q=0.1', 'turtle'],
    ['application/xml;q=0.5, application/rdf+xml;q=0.1', 'rdfxml'],
    // Case and whitespace.
    ['TEXT/Turtle', 'turtle'],
    ['  text/turtle ;  q = 0.5 , application/ld+json ; q=0.4 ', 'turtle'],
    ['text / turtle', 'turtle'],
    // Wildcards match the canonical type (what Content-Type will say), in server order.
    ['text/*', 'html'],
    ['application/*', 'jsonld'],
    ['text/html;q=0.5, text/*', 'turtle'],
    ['image/*, application/*;q=0.1', 'jsonld'],
    ['text/*;q=0.5, text/turtle', 'turtle'],
    ['text/*, text/html;q=0.1', 'turtle'],
    ['application/*;q=0.9, text/html;q=0.8', 'jsonld'],
    // Weights and ties: higher q wins, equal q goes to the server's order.
    ['text/turtle, application/ld+json', 'jsonld'],
    ['application/n-quads, application/n-triples', 'ntriples'],
    ['text/turtle;q=0.9, application/ld+json;q=0.8', 'turtle'],
    ['application/trig;q=1.0, text/html;q=0.999', 'trig'],
    ['text/turtle;q=0.0001, image/png', 'turtle'], // more than 3 decimals: tolerated, still > 0
    ['text/turtle;q=2', 'turtle'], // above 1: clamped
    // q=0 excludes, also against a wildcard and through an alias.
    ['text/html;q=0, */*', 'jsonld'],
    ['text/html;q=0, application/ld+json;q=0, */*', 'turtle'],
    ['*/*;q=0', '406'],
    ['text/turtle;q=0', '406'],
    ['text/turtle;q=0, text/*', 'html'],
    ['application/json;q=0, application/*', 'ntriples'],
    ['text/turtle;q=0, text/n3', '406'], // the type we would label the response with is refused
    ['application/ld+json, application/json;q=0', 'jsonld'], // canonical beats alias
    // Parameters: charset (we always send UTF-8) and unknown ones.
    ['text/turtle;charset=utf-8', 'turtle'],
    ['text/turtle; charset="UTF-8"', 'turtle'],
    ['text/turtle;charset=iso-8859-1', '406'],
    ['text/turtle;charset=iso-8859-1, */*;q=0.1', 'html'],
    ['text/turtle;charset=utf-8;q=0.1, text/turtle;q=1, text/html;q=0.5', 'html'], // most specific decides
    ['text/turtle;charset=utf-8;q=0, text/turtle', '406'],
    ['text/html;level=1', 'html'],
    ['application/signed-exchange;v=b3;q=0.7, application/n-quads;q=0.5', 'nquads'],
    ['text/html;q=0.5;foo=bar, text/turtle;q=0.4', 'html'], // parameters after q are ignored
    // JSON-LD profiles (JSON-LD 1.1 §9.1): each form is a variant.
    [`application/ld+json;profile="${EXPANDED}"`, 'jsonld#expanded'],
    [`application/ld+json;profile=${EXPANDED}`, 'jsonld#expanded'], // unquoted IRI
    [`Application/LD+JSON; Profile="${FLATTENED}"`, 'jsonld#flattened'],
    [`application/ld+json;profile="${COMPACTED}"`, 'jsonld'],
    [`application/ld+json;profile="${FLATTENED} ${COMPACTED}"`, 'jsonld#flattened'],
    [`application/ld+json;profile="${COMPACTED} ${EXPANDED}"`, 'jsonld#expanded'],
    ['application/ld+json;profile="https://www.w3.org/ns/activitystreams"', 'jsonld'],
    [`application/ld+json;profile="http://www.w3.org/ns/json-ld#context"`, 'jsonld'],
    [`application/ld+json;profile="${EXPANDED}";q=0, application/ld+json`, 'jsonld'],
    [`application/ld+json;profile="${EXPANDED}", application/ld+json;q=0.5`, 'jsonld#expanded'],
    [`application/ld+json;profile="${EXPANDED}";q=0.4, text/turtle;q=0.5`, 'turtle'],
    [`application/json;profile="${EXPANDED}"`, 'jsonld#expanded'],
    // A comma inside quotes does not split the element ("…#expanded," is just not an IRI we know).
    [`application/ld+json;profile="${EXPANDED}, ${FLATTENED}"`, 'jsonld#flattened'],
    // Real clients.
    [RDFLIB, 'rdfxml'],
    [CHROME, 'html'],
    [FIREFOX, 'html'],
    [OLD_SAFARI, 'html'],
    [JAVA, 'html'],
    [JENA, 'turtle'],
    [JQUERY_JSON, 'jsonld'],
    [FEED_READER, 'html'],
    // Nothing acceptable.
    ['image/png', '406'],
    ['image/png, application/pdf;q=0.5', '406'],
    // Malformed. An element that is not a media range is skipped when the header has a valid
    // one (proxies and plug-ins append oddities to good headers, and negotiator/Apache do the
    // same); a header with no valid media range at all is a 400, because guessing would hide
    // the client's bug (`Accept: json` would otherwise silently get HTML).
    ['json', '400'],
    ['json, text/turtle', 'turtle'],
    [';;;', '400'],
    ['*/*;;;', 'html'], // empty parameters are tolerated
    ['text/turtle;q=abc', '400'], // an unknowable weight could have meant 0: not guessed
    ['text/turtle;q=abc, text/html;q=0.1', 'html'],
    ['text/turtle;q=-1', '400'],
    ['text/turtle;q=', '400'],
    ['text/', '400'],
    ['/turtle', '400'],
    ['*/turtle', '400'],
    ['text/turtle/x', '400'],
    ['text/türtle', '400'],
    ['text/turtle;=x', '400'],
    ['text/turtle;profile="unterminated', '400'],
    ['text/turtle;profile="unterminated, application/ld+json', '400'], // the quote eats the rest
    ['text/turtle;level', 'turtle'], // a parameter without value is ignored
    ['text/turtle;q=0.5 0.7, application/n-quads;q=0.1', 'nquads'], // junk after a value
  ])('Accept: %j → %s', (accept, expected) => {
    expect(outcome(negotiateMediaType(accept))).toBe(expected);
  });

  it('returns the offer object and always names the JSON-LD form', () => {
    expect(negotiateMediaType('text/turtle')).toEqual({
      kind: 'ok',
      offer: OFFERS.find((offer) => offer.id === 'turtle'),
    });
    expect(negotiateMediaType('application/ld+json')).toEqual({
      kind: 'ok',
      offer: OFFERS.find((offer) => offer.id === 'jsonld'),
      jsonLdProfile: 'compacted',
    });
  });

  it('explains a bad request, quoting the offending element', () => {
    expect(negotiateMediaType('json')).toEqual({
      kind: 'bad-request',
      reason: expect.stringContaining('"json"') as string,
    });
  });

  it('negotiates among a subset of offers (a resource without every format)', () => {
    const rdfOnly = OFFERS.filter((offer) => offer.id !== 'html');
    // application/xml;q=0.9 is only a last resort: */*;q=0.8 already accepts JSON-LD.
    expect(outcome(negotiateMediaType(CHROME, rdfOnly))).toBe('jsonld');
    expect(outcome(negotiateMediaType('application/xml', rdfOnly))).toBe('rdfxml');
    expect(outcome(negotiateMediaType('*/*', rdfOnly))).toBe('jsonld');
    expect(outcome(negotiateMediaType('text/html', rdfOnly))).toBe('406');
    expect(outcome(negotiateMediaType('*/*', []))).toBe('406');
  });
});

describe('parseAccept', () => {
  it('normalises types, parameters and weights', () => {
    expect(
      parseAccept(
        `Text/HTML;Level=1;q=.2, *; q=1.000,application/ld+json;profile="${EXPANDED} x\\"y"`,
      ),
    ).toEqual([
      {
        type: 'text',
        subtype: 'html',
        mediaType: 'text/html',
        params: new Map([['level', '1']]),
        q: 0.2,
      },
      { type: '*', subtype: '*', mediaType: '*/*', params: new Map(), q: 1 },
      {
        type: 'application',
        subtype: 'ld+json',
        mediaType: 'application/ld+json',
        params: new Map([['profile', `${EXPANDED} x"y`]]),
        q: 1,
      },
    ]);
  });

  it('returns [] for an absent or empty header, undefined for one with no valid range', () => {
    expect(parseAccept(undefined)).toEqual([]);
    expect(parseAccept(' , ,')).toEqual([]);
    expect(parseAccept('nonsense')).toBeUndefined();
  });

  it('memoises and freezes what it returns', () => {
    const first = parseAccept(JENA);
    expect(parseAccept(JENA)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.[0])).toBe(true);
    // More distinct headers than the cache holds: evicted entries are parsed again, equal.
    for (let i = 0; i < 600; i++) parseAccept(`text/turtle;q=0.${String(i).padStart(3, '0')}`);
    expect(parseAccept(JENA)).toEqual(first);
  });

  it('refuses headers over 4096 characters or 64 ranges (issue #15 item 12)', () => {
    const many = `${'text/turtle;q=0.5,'.repeat(20_000)}*/*;q=0.1`;
    expect(parseAccept(many)).toBeUndefined();
    expect(negotiateMediaType(many)).toEqual({
      kind: 'bad-request',
      reason: `the header is ${many.length} characters long; at most 4096 are accepted`,
    });
    expect(outcome(negotiateMediaType(';'.repeat(100_000)))).toBe('400');
    expect(outcome(negotiateMediaType(`text/turtle;p=${'"'.repeat(50_001)}, text/html`))).toBe(
      '400',
    );
    const ranges = (count: number) =>
      Array.from({ length: count }, (_, i) => `text/x-${i};q=0.5`).join(',');
    expect(parseAccept(ranges(64))).toHaveLength(64);
    expect(parseAccept(`${ranges(64)},,, ,`)).toHaveLength(64);
    expect(negotiateMediaType(ranges(65))).toEqual({
      kind: 'bad-request',
      reason: 'the header lists more than 64 media ranges',
    });
    const long = `text/turtle;p="${'x'.repeat(4096 - 16)}"`;
    expect(long).toHaveLength(4096);
    expect(outcome(negotiateMediaType(long))).toBe('turtle');
    expect(outcome(negotiateMediaType(`${long} `))).toBe('400');
  });
});

describe('negotiateEncoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each<[string | undefined, readonly ('br' | 'gzip')[], string]>([
    [undefined, both, 'identity'],
    ['', both, 'identity'], // RFC 9110 §12.5.3: empty = no coding wanted
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['gzip, deflate', both, 'gzip'],
    ['br;q=0.5, gzip;q=0.8', both, 'gzip'],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', both, 'br'],
    ['gzip;q=0.5, br;q=0.5', both, 'br'], // equal weight: br first
    ['gzip;q=0.5, identity;q=0.5', both, 'gzip'], // equal weight: compressed first
    ['identity;q=0.5, gzip;q=0.3', both, 'identity'],
    ['identity', both, 'identity'],
    ['deflate', both, 'identity'], // identity stays acceptable unless excluded
    ['gzip;q=0', both, 'identity'],
    ['*', both, 'br'],
    ['*', [], 'identity'],
    ['br;q=0, *', both, 'gzip'],
    ['*;q=0, gzip', both, 'gzip'],
    ['identity;q=0', both, '406'],
    ['*;q=0', both, '406'],
    ['*;q=0, identity', both, 'identity'],
    ['identity;q=0, gzip', [], '406'],
    ['x-gzip', both, 'gzip'], // RFC 9110 §8.4.1.3
    ['GZIP;Q=0.9, BR;Q=0.8', both, 'gzip'],
    ['gzip;q=abc, br', both, 'br'], // malformed elements are skipped, never a 400
    ['§§§, ;;;', both, 'identity'],
  ])('Accept-Encoding: %j with %j → %s', (header, available, expected) => {
    expect(negotiateEncoding(header, available) ?? '406').toBe(expected);
  });
});

describe('formatFromPath', () => {
  const id = (path: string) => {
    const found = formatFromPath(path);
    return found && `${found.base} ${found.offer.id}`;
  };
  it.each<[string, string | undefined]>([
    ['/people/sheng-zha.ttl', '/people/sheng-zha turtle'],
    ['/people/sheng-zha.html', '/people/sheng-zha html'],
    ['/people/sheng-zha.jsonld', '/people/sheng-zha jsonld'],
    ['/people/sheng-zha.nt', '/people/sheng-zha ntriples'],
    ['/people/sheng-zha.nq', '/people/sheng-zha nquads'],
    ['/people/sheng-zha.trig', '/people/sheng-zha trig'],
    ['/people/sheng-zha.rdf', '/people/sheng-zha rdfxml'],
    ['/index.ttl', '/index turtle'],
    ['/people/j.r.r.ttl', '/people/j.r.r turtle'],
    ['/people/sheng-zha', undefined],
    ['/people/sheng-zha.json', undefined], // one URL per representation: .jsonld only
    ['/people/sheng-zha.TTL', undefined],
    ['/people/sheng-zha.xml', undefined],
    ['/people/.ttl', undefined],
    ['/v1.2/people', undefined],
    ['/people/', undefined],
    ['', undefined],
    ['.ttl', undefined],
  ])('%s → %s', (path, expected) => {
    expect(id(path)).toBe(expected);
  });
});

describe('offerFromQuery', () => {
  it.each<[string, string | undefined]>([
    ['turtle', 'turtle'],
    ['ttl', 'turtle'],
    ['text/turtle', 'turtle'],
    ['Text/N3', 'turtle'],
    [' jsonld ', 'jsonld'],
    ['application/ld+json', 'jsonld'],
    ['html', 'html'],
    ['nt', 'ntriples'],
    ['ntriples', 'ntriples'],
    ['nq', 'nquads'],
    ['trig', 'trig'],
    ['rdf', 'rdfxml'],
    ['rdfxml', 'rdfxml'],
    ['application/xml', 'rdfxml'], // explicit, so the generic XML alias is fine here
    ['', undefined],
    ['json-ld!', undefined],
    ['image/png', undefined],
  ])('?format=%s → %s', (format, expected) => {
    expect(offerFromQuery(format)?.id).toBe(expected);
  });
});

describe('OFFERS', () => {
  it('lists HTML, then every RDF format in RDF_FORMATS order', () => {
    expect(OFFERS.map((offer) => offer.id)).toEqual(['html', ...RDF_FORMATS.map((f) => f.name)]);
    expect(OFFERS[0]).toBe(HTML_OFFER);
    expect(OFFERS.map((offer) => offer.extension)).toEqual([
      'html',
      'jsonld',
      'ttl',
      'nt',
      'nq',
      'trig',
      'rdf',
    ]);
  });

  it('labels text/* types with their charset only', () => {
    const byId = (id: string) => OFFERS.find((offer) => offer.id === id) as Offer;
    expect(byId('html').contentType).toBe('text/html; charset=utf-8');
    expect(byId('turtle').contentType).toBe('text/turtle; charset=utf-8');
    expect(byId('jsonld').contentType).toBe('application/ld+json');
    expect(byId('ntriples').contentType).toBe('application/n-triples');
    expect(byId('rdfxml').weakAliases).toEqual(['application/xml', 'text/xml']);
    expect(byId('rdfxml').aliases).toEqual([]);
    expect(contentTypeFor(byId('jsonld'), 'expanded')).toBe(
      'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"',
    );
    expect(contentTypeFor(byId('turtle'), 'expanded')).toBe('text/turtle; charset=utf-8');
  });
});

/** Deterministic PRNG (mulberry32), so a failing fuzz case can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'text',
  'application',
  '/',
  '*',
  ';',
  ',',
  '=',
  'q',
  'q=',
  '0',
  '1',
  '.',
  '5',
  'abc',
  '"',
  '\\',
  ' ',
  '\t',
  'ld+json',
  'turtle',
  'profile',
  'charset=utf-8',
  EXPANDED,
  'é',
  '\u{1F600}',
  '\uD800',
  '\u0000',
  '\r\n',
  'gzip',
  'br',
  'identity',
  '.ttl',
  '__proto__',
  'constructor',
];

describe('never throws on hostile input', () => {
  it('fuzz: 5,000 random headers, paths and query values', () => {
    const next = random(20_240_601);
    const failures: string[] = [];
    for (let run = 0; run < 5_000; run++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < length; i++) {
        text +=
          next() < 0.8
            ? (PIECES[Math.floor(next() * PIECES.length)] ?? '')
            : String.fromCharCode(Math.floor(next() * 0x10000));
      }
      // Plain checks, one expect at the end: it names every failing input at once.
      const result = negotiateMediaType(text);
      const ranges = parseAccept(text);
      const encoding = negotiateEncoding(text, ['br', 'gzip']);
      formatFromPath(text);
      offerFromQuery(text);
      if (
        !['ok', 'not-acceptable', 'bad-request'].includes(result.kind) ||
        (result.kind === 'bad-request') !== (ranges === undefined) ||
        (ranges ?? []).some(
          (range) =>
            !(range.q >= 0 && range.q <= 1) || range.mediaType !== range.mediaType.toLowerCase(),
        ) ||
        !['br', 'gzip', 'identity', undefined].includes(encoding)
      ) {
        failures.push(text);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each([
    'x'.repeat(1_000_000),
    ',;'.repeat(100_000),
    `text/turtle;profile="${'\\'.repeat(100_001)}`,
    'text/turtle;q=' + '9'.repeat(10_000),
    'text/turtle;q=0.' + '0'.repeat(10_000) + '1',
    '\u0000\uFFFF\uD800',
    'text/turtle;__proto__=x;constructor=y;hasOwnProperty=z',
  ])('survives %#', (header) => {
    expect(() => negotiateMediaType(header)).not.toThrow();
    expect(() => negotiateEncoding(header, ['br', 'gzip'])).not.toThrow();
  });
});
