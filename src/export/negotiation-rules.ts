import {
  HTML_OFFER,
  JSON_LD_PROFILE_IRIS,
  OFFERS,
  type Offer,
  type OfferId,
} from '../http/media-types.js';
import type { JsonLdProfile } from '../rdf/serialize.js';
import { negotiateMediaType } from '../http/negotiate.js';

/**
 * Content negotiation (RFC 9110 §12.5.1) as ordered regular-expression tables, the only
 * computation nginx `map` and Apache `RewriteCond` offer. The tables reproduce
 * `negotiateMediaType` (src/http/negotiate.ts): each offer's quality is the weight of the most
 * specific matching range (canonical type with a matching parameter, canonical type, alias with
 * a matching parameter, alias, `type/*`, `*\/*`), the highest quality wins and ties go to the
 * server's order; `q=0` excludes; `application/xml` stands in for RDF/XML only when nothing else
 * is acceptable; a header without one valid media range is a 400.
 *
 * What regular expressions cannot do exactly, and so these tables do not (README, "### build"):
 * weights are compared in tenths (two bands below 0.1), so 0.85 and 0.8 tie and the server's
 * order decides; when one media type is listed twice at the same specificity the first weight
 * counts, not the highest; a comma inside a quoted parameter value splits the element. Every
 * pattern uses only syntax PCRE (nginx, Apache) and JavaScript read alike, so the unit tests
 * run these very tables against `negotiateMediaType`.
 */

/**
 * What negotiation selects: an offer (from the format registry, through http/media-types.ts),
 * JSON-LD in one of its three forms.
 */
export type FormatKey = OfferId | `jsonld-${Exclude<JsonLdProfile, 'compacted'>}`;

/** The result of negotiation: a format, `406` (nothing acceptable) or `400` (malformed header). */
export type NegotiationOutcome = FormatKey | '406' | '400';

/** Which offers a resource has: documents (and the 404 page) have HTML, the dump, VoID and shapes do not. */
export type OfferSet = 'doc' | 'rdf';

/** One row of an ordered table: the first pattern that matches the input gives the value. */
export interface RegexRule {
  /** A case-insensitive regular expression (PCRE and JavaScript alike). */
  pattern: string;
  /** The value, or its prefix when {@link appendCapture} is set. */
  value: string;
  /** Append the text of the pattern's only capturing group to {@link value}. */
  appendCapture?: true;
}

/** An ordered table (an nginx `map`): input text → the value of the first matching rule. */
export interface RuleTable {
  /** A short name; the nginx variable is `$pg_<name>`. */
  name: string;
  rules: readonly RegexRule[];
  /** The value when no rule matches. */
  fallback: string;
  /**
   * The value for empty input, when not {@link fallback}: nginx `map` never tries its regular
   * expressions on an empty string (only exact keys), so empty input needs its own entry.
   */
  empty?: string;
}

/** Measures one offer: which range decides its quality, then that range's weight as a band. */
export interface OfferProbe {
  /** The offer (JSON-LD forms separately), or `xml` for the generic XML types (RDF/XML as a last resort). */
  key: FormatKey | 'xml';
  /** Accept header → `t` followed by the parameters of the most specific matching range, or ``. */
  range: RuleTable;
  /** {@link range}'s result → the weight band, `12` (q = 1) down to `01` (q < 0.01), `00` for none. */
  weight: RuleTable;
}

/** Everything a host configuration needs to negotiate like `serve`. */
export interface NegotiationTables {
  /** Accept header → `none` (absent or empty), `ok`, or `bad` (no valid media range: 400). */
  state: RuleTable;
  /** One probe per offer in the server's order, then `xml`. */
  probes: readonly OfferProbe[];
  /**
   * The decision per offer set. Its input is `<state>:<w1>,<w2>,…` (the state, then every
   * probe's weight band in {@link probes} order); its value a {@link NegotiationOutcome}.
   */
  decide: Readonly<Record<OfferSet, RuleTable>>;
  /**
   * Exact Accept headers of common clients with `serve`'s answer, computed by
   * `negotiateMediaType` itself: a fast path that skips the tables for most browser requests.
   */
  known: Readonly<
    Record<OfferSet, readonly (readonly [accept: string, outcome: NegotiationOutcome])[]>
  >;
}

/**
 * Accept headers real clients send verbatim: Chrome (and Edge), Firefox (and Safari), curl and
 * most HTTP libraries. Kept short on purpose: every other header goes through the tables.
 */
export const KNOWN_ACCEPT_HEADERS: readonly string[] = [
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  '*/*',
];

/** The weight bands, highest first: `12` is q = 1, `11` is 0.9 ≤ q < 1, … `03` is 0.1 ≤ q < 0.2. */
const BANDS = ['12', '11', '10', '09', '08', '07', '06', '05', '04', '03', '02', '01'] as const;

// Regular-expression building blocks. `[^,]*` stays inside the current list element.
const ELEMENT = '(?:^|,)\\s*';
const HEAD_END = '(?=\\s*(?:[;,]|$))';
const PARAMS = '([^,]*)';
/** Parameters before the weight only: serve ignores what follows `q` (RFC 7231 accept-ext). */
const param = (name: string) => `(?:(?!;\\s*q\\s*=)[^,])*;\\s*${name}\\s*=`;
/** The element's weight, if any, is a number (serve skips an element with `q=abc`). */
const VALID_WEIGHT = `(?!${param('q')}(?!\\s*(?:\\d+\\.?\\d*|\\.\\d+)\\s*(?:[;,]|$)))`;
/** No `charset` parameter other than UTF-8 (serve always sends UTF-8, RFC 9110 §8.3.2). */
const NO_OTHER_CHARSET = `(?!${param('charset')}(?!\\s*"?utf-?8(?:"|\\s*(?:[;,]|$))))`;
const FLATTENED = escapeRegex(JSON_LD_PROFILE_IRIS.flattened);
const EXPANDED = escapeRegex(JSON_LD_PROFILE_IRIS.expanded);
/** Whether a JSON-LD range's `profile` parameter fits a form (JSON-LD 1.1 §9.1; see `requestedForm`). */
const FORM_FITS: Readonly<Record<string, string>> = {
  jsonld: `(?!${param('profile')}[^;,]*(?:${EXPANDED}|${FLATTENED}))`,
  'jsonld-expanded': `(?:(?!${param('profile')})|(?=${param('profile')}[^;,]*${EXPANDED})(?!${param('profile')}[^;,]*${FLATTENED}))`,
  'jsonld-flattened': `(?:(?!${param('profile')})|(?=${param('profile')}[^;,]*${FLATTENED}))`,
};
/** The first `q` parameter of the captured parameters (serve ignores later ones). */
const FIRST_Q = 't(?:(?!;\\s*q\\s*=).)*;\\s*q\\s*=\\s*';
const WEIGHT_END = '\\s*(?:;|$)';
const EMPTY_HEADER = '^[\\s,]*$';
/** RFC 9110 §5.6.2 token characters. */
const TOKEN = "[!#\\$%&'*+.^_`|~0-9a-z-]+";

/** Escapes a literal for a regular expression (PCRE and JavaScript). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, (char) => `\\${char}`);
}

/**
 * A `?format=` name as it may appear raw in a query string (negotiate.ts `offerFromQuery` sees
 * it decoded): `/` as is or `%2F`, `+` only as `%2B` (a raw `+` is a space).
 */
export function queryNamePattern(name: string): string {
  return escapeRegex(name).replaceAll('/', '(?:/|%2f)').replaceAll('\\+', '%2b');
}

/** A media type as a pattern: case-insensitive, whitespace allowed around `/` as serve allows. */
function mediaTypePattern(mediaType: string): string {
  return mediaType.split('/').map(escapeRegex).join('\\s*/\\s*');
}

/** The JSON-LD forms, and every other offer, in the server's order of preference. */
function offerKeys(): { key: FormatKey; offer: Offer }[] {
  const keys: { key: FormatKey; offer: Offer }[] = [];
  for (const offer of OFFERS) {
    if (offer.id === 'jsonld') {
      for (const key of ['jsonld', 'jsonld-expanded', 'jsonld-flattened'] as const)
        keys.push({ key, offer });
    } else {
      keys.push({ key: offer.id, offer });
    }
  }
  return keys;
}

function rangeTable(key: FormatKey, offer: Offer): RuleTable {
  const jsonLd = offer.id === 'jsonld';
  const understood = jsonLd ? `(?=${param('(?:charset|profile)')})` : `(?=${param('charset')})`;
  const notUnderstood = jsonLd ? `(?!${param('(?:charset|profile)')})` : `(?!${param('charset')})`;
  const fits = jsonLd ? (FORM_FITS[key] ?? '') : '';
  const named = (types: readonly string[], extra: string): RegexRule => ({
    pattern: `${ELEMENT}(?:${types.map(mediaTypePattern).join('|')})${HEAD_END}${VALID_WEIGHT}${NO_OTHER_CHARSET}${fits}${extra}${PARAMS}`,
    value: 't',
    appendCapture: true,
  });
  const rules: RegexRule[] = [
    // No Accept header (or an empty one) means */* (RFC 9110 §12.5.1).
    { pattern: EMPTY_HEADER, value: 't' },
    // Most specific first (negotiate.ts `specificity`): the first rule that matches decides.
    named([offer.mediaType], understood),
    named([offer.mediaType], notUnderstood),
  ];
  if (offer.aliases.length > 0) {
    rules.push(named(offer.aliases, understood), named(offer.aliases, notUnderstood));
  }
  const type = offer.mediaType.slice(0, offer.mediaType.indexOf('/'));
  rules.push(
    {
      pattern: `${ELEMENT}${escapeRegex(type)}\\s*/\\s*\\*${HEAD_END}${VALID_WEIGHT}${PARAMS}`,
      value: 't',
      appendCapture: true,
    },
    {
      pattern: `${ELEMENT}\\*(?:\\s*/\\s*\\*)?${HEAD_END}${VALID_WEIGHT}${PARAMS}`,
      value: 't',
      appendCapture: true,
    },
  );
  return { name: `range_${key.replace('-', '_')}`, rules, fallback: '', empty: 't' };
}

function weakRangeTable(): RuleTable {
  const weak = [...new Set(OFFERS.flatMap((offer) => offer.weakAliases))];
  return {
    name: 'range_xml',
    rules: [
      {
        pattern: `${ELEMENT}(?:${weak.map(mediaTypePattern).join('|')})${HEAD_END}${VALID_WEIGHT}${NO_OTHER_CHARSET}${PARAMS}`,
        value: 't',
        appendCapture: true,
      },
    ],
    fallback: '',
  };
}

/** The weight band of a captured range (RFC 9110 §12.4.2 weights; `negotiate.ts` parseWeight). */
function weightTable(name: string): RuleTable {
  const rules: RegexRule[] = [
    { pattern: '^t(?!.*;\\s*q\\s*=)', value: '12' },
    { pattern: `^${FIRST_Q}0*[1-9]\\d*(?:\\.\\d*)?${WEIGHT_END}`, value: '12' },
  ];
  for (let digit = 9; digit >= 1; digit--) {
    rules.push({
      pattern: `^${FIRST_Q}0*\\.${digit}\\d*${WEIGHT_END}`,
      value: String(digit + 2).padStart(2, '0'),
    });
  }
  rules.push(
    { pattern: `^${FIRST_Q}0*\\.0[1-9]\\d*${WEIGHT_END}`, value: '02' },
    { pattern: `^${FIRST_Q}0*\\.00\\d*[1-9]\\d*${WEIGHT_END}`, value: '01' },
  );
  return { name, rules, fallback: '00' };
}

function decisionTable(set: OfferSet, keys: readonly FormatKey[], xmlIndex: number): RuleTable {
  const rules: RegexRule[] = [{ pattern: '^bad:', value: '400' }];
  const at = (index: number, band: string) => `^[a-z]+:(?:\\d\\d,){${index}}${band}`;
  for (const band of BANDS) {
    keys.forEach((key, index) => {
      if (set === 'rdf' && key === 'html') return;
      rules.push({ pattern: at(index, band), value: key });
    });
  }
  // Last resort: application/xml or text/xml for RDF/XML (media-types.ts `weakAliases`).
  for (const band of BANDS) rules.push({ pattern: at(xmlIndex, band), value: 'rdfxml' });
  return { name: `decide_${set}`, rules, fallback: '406' };
}

/**
 * Builds the negotiation tables from the server's offers (`OFFERS`), and the fast-path answers
 * for `known` headers from `negotiateMediaType` itself. Pure; the same offers give the same tables.
 */
export function buildNegotiationTables(
  known: readonly string[] = KNOWN_ACCEPT_HEADERS,
): NegotiationTables {
  const keys = offerKeys();
  const probes: OfferProbe[] = keys.map(({ key, offer }) => ({
    key,
    range: rangeTable(key, offer),
    weight: weightTable(`weight_${key.replace('-', '_')}`),
  }));
  probes.push({ key: 'xml', range: weakRangeTable(), weight: weightTable('weight_xml') });
  const formatKeys = keys.map(({ key }) => key);
  const state: RuleTable = {
    name: 'accept_state',
    rules: [
      { pattern: EMPTY_HEADER, value: 'none' },
      {
        pattern: `${ELEMENT}(?:\\*\\s*/\\s*\\*|\\*|(?!\\*\\s*/)${TOKEN}\\s*/\\s*${TOKEN})${HEAD_END}${VALID_WEIGHT}`,
        value: 'ok',
      },
    ],
    fallback: 'bad',
    empty: 'none',
  };
  return {
    state,
    probes,
    decide: {
      doc: decisionTable('doc', formatKeys, formatKeys.length),
      rdf: decisionTable('rdf', formatKeys, formatKeys.length),
    },
    known: {
      doc: known.map((accept) => [accept, referenceOutcome(accept, 'doc')] as const),
      rdf: known.map((accept) => [accept, referenceOutcome(accept, 'rdf')] as const),
    },
  };
}

/** The offers of a resource of each kind, as `respond` computes them. */
export function offersOf(set: OfferSet): readonly Offer[] {
  return set === 'doc' ? OFFERS : OFFERS.filter((offer) => offer !== HTML_OFFER);
}

/** What `serve` answers for an Accept header, as a {@link NegotiationOutcome}. */
export function referenceOutcome(accept: string | undefined, set: OfferSet): NegotiationOutcome {
  const result = negotiateMediaType(accept, offersOf(set));
  if (result.kind === 'bad-request') return '400';
  if (result.kind === 'not-acceptable') return '406';
  if (result.offer.id !== 'jsonld') return result.offer.id;
  return result.jsonLdProfile === 'expanded'
    ? 'jsonld-expanded'
    : result.jsonLdProfile === 'flattened'
      ? 'jsonld-flattened'
      : 'jsonld';
}

// Compiled patterns, memoised per rule (rules are immutable once built).
const compiled = new WeakMap<RegexRule, RegExp>();

/** Looks a value up in a table the way nginx `map` (regex keys, in order) does. */
export function lookUp(table: RuleTable, input: string): string {
  if (input === '') return table.empty ?? table.fallback;
  for (const rule of table.rules) {
    let pattern = compiled.get(rule);
    if (pattern === undefined) {
      pattern = new RegExp(rule.pattern, 'i');
      compiled.set(rule, pattern);
    }
    const match = pattern.exec(input);
    if (match) return rule.appendCapture ? rule.value + (match[1] ?? '') : rule.value;
  }
  return table.fallback;
}

/**
 * Runs the tables on one Accept header (absent = `undefined`, which nginx sees as empty), as the
 * generated configurations do: fast path, state, every probe, then the decision. Used by the
 * tests to hold the tables to `negotiateMediaType`.
 */
export function evaluateNegotiation(
  tables: NegotiationTables,
  accept: string | undefined,
  set: OfferSet,
): NegotiationOutcome {
  const header = accept ?? '';
  const fast = tables.known[set].find(([known]) => known === header);
  if (fast) return fast[1];
  const weights = tables.probes.map((probe) => lookUp(probe.weight, lookUp(probe.range, header)));
  return lookUp(
    tables.decide[set],
    `${lookUp(tables.state, header)}:${weights.join(',')}`,
  ) as NegotiationOutcome;
}
