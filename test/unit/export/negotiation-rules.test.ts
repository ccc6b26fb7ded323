import { describe, expect, it } from 'vitest';
import {
  buildNegotiationTables,
  evaluateNegotiation,
  KNOWN_ACCEPT_HEADERS,
  lookUp,
  referenceOutcome,
  type OfferSet,
} from '../../../src/export/negotiation-rules.js';
import { NEGOTIATION_TABLE } from '../../support/negotiation-table.js';

// Without the fast path, so every header goes through the regular-expression tables.
const tables = buildNegotiationTables([]);
const SETS: readonly OfferSet[] = ['doc', 'rdf'];

const tableAccepts = [...new Set(NEGOTIATION_TABLE.map(([, accept]) => accept))];

/** Deterministic Accept headers built from the pieces real clients use. */
function generatedHeaders(count: number, seed: number): string[] {
  const types = [
    'text/html',
    'application/xhtml+xml',
    'application/ld+json',
    'application/json',
    'text/turtle',
    'TEXT/Turtle',
    'text/n3',
    'application/x-turtle',
    'application/n-triples',
    'text/plain',
    'application/n-quads',
    'text/x-nquads',
    'application/trig',
    'application/rdf+xml',
    'application/xml',
    'text/xml',
    'text/*',
    'application/*',
    '*/*',
    '*',
    'image/png',
    'json',
    'text/',
    '*/html',
    'text / turtle',
  ];
  const params = [
    '',
    ';charset=utf-8',
    ';charset=UTF8',
    ';charset=latin1',
    ' ; charset="utf-8"',
    ';profile="http://www.w3.org/ns/json-ld#expanded"',
    ';profile="http://www.w3.org/ns/json-ld#flattened http://www.w3.org/ns/json-ld#compacted"',
    ';profile=http://www.w3.org/ns/json-ld#compacted',
    ';level=1',
    ';;',
  ];
  const weights = [
    '',
    ';q=1',
    ';q=1.0',
    ';q=0',
    ';q=0.000',
    ';q=0.9',
    ';q=0.5',
    ';q=.2',
    ';q=0.1',
    ';q=0.01',
    ';q=0.001',
    ' ; q = 0.7',
    ';q=abc',
    ';q=0.5;charset=latin1',
  ];
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  return Array.from({ length: count }, () => {
    const elements = Array.from(
      { length: 1 + next(4) },
      () =>
        `${types[next(types.length)] ?? ''}${params[next(params.length)] ?? ''}${weights[next(weights.length)] ?? ''}`,
    );
    return elements.join(next(2) === 0 ? ',' : ', ');
  });
}

describe('negotiation tables (what nginx and Apache evaluate)', () => {
  it.each(SETS)('agree with negotiateMediaType on every Accept of the table (%s)', (set) => {
    for (const accept of tableAccepts) {
      expect(evaluateNegotiation(tables, accept, set), JSON.stringify(accept)).toBe(
        referenceOutcome(accept, set),
      );
    }
  });

  it.each(SETS)('agree with negotiateMediaType on 20,000 generated headers (%s)', (set) => {
    const differences = generatedHeaders(20_000, set === 'doc' ? 11 : 12)
      .map((accept) => ({
        accept,
        serve: referenceOutcome(accept, set),
        tables: evaluateNegotiation(tables, accept, set),
      }))
      .filter((row) => row.serve !== row.tables);
    expect(differences).toEqual([]);
  });

  it('agree on the edge cases of the negotiation rules', () => {
    for (const accept of [
      undefined,
      '',
      ' , ,',
      '*',
      'text/html;q=0, */*',
      'application/xml',
      'text/xml;q=0.5, image/png',
      'application/xml, image/png;q=0.9',
      'text/turtle;charset=latin1, text/html;q=0.1',
      'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded";q=0, application/ld+json',
      'application/ld+json;profile="http://www.w3.org/ns/json-ld#flattened", application/ld+json;q=0.5',
      'application/json;profile="http://www.w3.org/ns/json-ld#expanded"',
      'text/turtle;q=0.5;charset=latin1',
      'text/html;q=abc, text/turtle',
      ';;;',
      'text/turtle;q=2',
      'text/turtle;q=0.001, application/ld+json;q=0.01',
    ]) {
      for (const set of SETS) {
        expect(evaluateNegotiation(tables, accept, set), `${JSON.stringify(accept)} (${set})`).toBe(
          referenceOutcome(accept, set),
        );
      }
    }
  });

  // What regular expressions cannot do, kept visible (README, "### build").
  it.each([
    [
      'weights compared in tenths: 0.95 and 0.9 tie, the server order decides',
      'text/turtle;q=0.95, application/ld+json;q=0.9',
      'turtle',
      'jsonld',
    ],
    [
      'a media type listed twice at one specificity: the first weight counts, not the highest',
      'text/turtle;q=0, text/turtle;q=0.9',
      'turtle',
      '406',
    ],
    [
      'a comma inside a quoted parameter splits the element',
      'application/ld+json;profile="a, http://www.w3.org/ns/json-ld#expanded"',
      'jsonld-expanded',
      'jsonld',
    ],
  ] as const)('differ where documented: %s', (_reason, accept, serve, generated) => {
    expect(referenceOutcome(accept, 'doc')).toBe(serve);
    expect(evaluateNegotiation(tables, accept, 'doc')).toBe(generated);
  });

  it('answer the known client headers exactly as serve, on the fast path', () => {
    const withFastPath = buildNegotiationTables();
    for (const set of SETS) {
      expect(withFastPath.known[set].map(([accept]) => accept)).toEqual(KNOWN_ACCEPT_HEADERS);
      for (const [accept, outcome] of withFastPath.known[set])
        expect(outcome).toBe(referenceOutcome(accept, set));
    }
  });

  it('look values up like nginx map: first matching rule, captures appended, empty input apart', () => {
    const table = {
      name: 'x',
      rules: [
        { pattern: '^a(b*)$', value: 'A:', appendCapture: true as const },
        { pattern: '^', value: 'any' },
      ],
      fallback: 'none',
      empty: 'empty',
    };
    expect(lookUp(table, 'abb')).toBe('A:bb');
    expect(lookUp(table, 'ABB')).toBe('A:BB');
    expect(lookUp(table, 'c')).toBe('any');
    expect(lookUp(table, '')).toBe('empty');
    expect(lookUp({ ...table, empty: undefined }, '')).toBe('none');
  });

  it('use only syntax PCRE and JavaScript share (no lookbehind, no flags inside patterns)', () => {
    const all = [
      tables.state,
      ...tables.probes.flatMap((probe) => [probe.range, probe.weight]),
      tables.decide.doc,
      tables.decide.rdf,
    ].flatMap((table) => table.rules.map((rule) => rule.pattern));
    for (const pattern of all) {
      expect(() => new RegExp(pattern, 'i')).not.toThrow();
      expect(pattern).not.toMatch(/\(\?<[=!]|\(\?[a-z]+\)/);
    }
  });
});
