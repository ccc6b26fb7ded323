import type { JsonLdProfile } from '../rdf/serialize.js';
import { JSON_LD_PROFILE_IRIS, OFFERS, type Offer } from './media-types.js';

/** One media range of an Accept header (RFC 9110 §12.5.1), normalised. */
export interface AcceptRange {
  /** Lower-case type; `*` for the any-media wildcard. */
  readonly type: string;
  /** Lower-case subtype; `*` for a wildcard. */
  readonly subtype: string;
  /** `type/subtype`, lower case. */
  readonly mediaType: string;
  /**
   * Parameters before the weight: names in lower case, values unquoted with their case kept.
   * The first occurrence of a repeated name wins.
   */
  readonly params: ReadonlyMap<string, string>;
  /** The weight, 0 to 1 (1 when absent). */
  readonly q: number;
}

/** What {@link negotiateMediaType} decided. */
export type NegotiationResult =
  | {
      kind: 'ok';
      offer: Offer;
      /** The JSON-LD form to send; present exactly when `offer.id` is `jsonld`. */
      jsonLdProfile?: JsonLdProfile;
    }
  /** Nothing offered is acceptable: answer 406. */
  | { kind: 'not-acceptable' }
  /** The Accept header has no usable media range at all: answer 400 with the reason. */
  | { kind: 'bad-request'; reason: string };

/** The content codings the server pre-compresses representations with. */
export type ContentCoding = 'br' | 'gzip';

// Character codes used by the scanners (no regular expressions on the request path).
const HTAB = 9;
const SP = 32;
const DQUOTE = 34;
const STAR = 42;
const COMMA = 44;
const DOT = 46;
const SLASH = 47;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SEMICOLON = 59;
const EQUALS = 61;
const BACKSLASH = 92;

/** RFC 9110 §5.6.2 tchar, indexed by char code (ASCII only: anything else is not a tchar). */
const TCHAR = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TCHAR[char.charCodeAt(0)] = 1;
}

function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

function isWhitespace(code: number): boolean {
  return code === SP || code === HTAB;
}

function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** True when `text[from, to)` is a non-empty token. */
function isToken(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!isTchar(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Skips to the comma that ends the current list element, stepping over quoted strings (a
 * comma inside `profile="a, b"` does not end it). An unterminated quote runs to the end.
 */
function skipToComma(text: string, index: number): number {
  let i = index;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA) return i;
    if (code === DQUOTE) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== DQUOTE) {
        i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      }
    }
    i++;
  }
  return text.length;
}

/**
 * Parses an RFC 9110 §12.4.2 weight. Tolerates what real clients send: a missing leading zero
 * (`.2`, Java's URLConnection), more than three decimals, a trailing dot; values above 1 are
 * clamped to 1. Returns -1 for anything that is not a decimal number (`abc`, `-1`, `1e0`, ``).
 */
function parseWeight(value: string): number {
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= DIGIT_0 && code <= DIGIT_9) digits++;
    else if (code === DOT && dots === 0) dots++;
    else return -1;
  }
  if (digits === 0) return -1;
  const weight = Number(value);
  return weight > 1 ? 1 : weight;
}

/** One list element after the scanner: its head (before the first `;`), weight, parameters. */
interface ListElement {
  /** Index after the element: the comma that ends it, or the end of the text. */
  end: number;
  /** Whether the parameters are well-formed; the caller still has to check the head. */
  valid: boolean;
  headStart: number;
  headEnd: number;
  q: number;
  params: Map<string, string> | undefined;
}

/**
 * Scans one element of a comma-separated header list: `head *( OWS ";" OWS name "=" value )`
 * (RFC 9110 §5.6.1, §5.6.6, §12.4.2). Tolerant where the meaning is still clear: whitespace
 * around `=`, empty parameters (`;;`), a parameter without a value (ignored), unquoted values
 * containing `/`, `:` or `#` (IRIs in `profile`), parameters after `q` (RFC 7231's accept-ext,
 * ignored). Invalid where it is not: an unparseable weight, junk after a value, `=` without a
 * name, an unterminated quoted string.
 */
function scanListElement(text: string, start: number): ListElement {
  const n = text.length;
  let i = start;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === SEMICOLON || code === COMMA) break;
    i++;
  }
  let headStart = start;
  let headEnd = i;
  while (headStart < headEnd && isWhitespace(text.charCodeAt(headStart))) headStart++;
  while (headEnd > headStart && isWhitespace(text.charCodeAt(headEnd - 1))) headEnd--;
  const element: ListElement = { end: i, valid: true, headStart, headEnd, q: 1, params: undefined };
  const invalid = (at: number): ListElement => {
    element.valid = false;
    element.end = skipToComma(text, at);
    return element;
  };

  let weighted = false;
  while (i < n && text.charCodeAt(i) === SEMICOLON) {
    i = skipWhitespace(text, i + 1);
    if (i >= n) break;
    const first = text.charCodeAt(i);
    if (first === SEMICOLON) continue;
    if (first === COMMA) break;
    const nameStart = i;
    while (i < n && isTchar(text.charCodeAt(i))) i++;
    const nameEnd = i;
    i = skipWhitespace(text, i);
    const next = i < n ? text.charCodeAt(i) : COMMA;
    if (nameEnd > nameStart && (next === SEMICOLON || next === COMMA)) continue; // `;level`
    if (nameEnd === nameStart || next !== EQUALS) return invalid(i);
    i = skipWhitespace(text, i + 1);

    let value: string;
    if (i < n && text.charCodeAt(i) === DQUOTE) {
      // RFC 9110 §5.6.4 quoted-string with quoted-pair escapes.
      i++;
      let segment = i;
      let unquoted = '';
      let closed = false;
      while (i < n) {
        const code = text.charCodeAt(i);
        if (code === BACKSLASH && i + 1 < n) {
          unquoted += text.slice(segment, i) + text.charAt(i + 1);
          i += 2;
          segment = i;
        } else if (code === DQUOTE) {
          unquoted += text.slice(segment, i);
          i++;
          closed = true;
          break;
        } else {
          i++;
        }
      }
      if (!closed) return invalid(n);
      value = unquoted;
    } else {
      const valueStart = i;
      while (i < n) {
        const code = text.charCodeAt(i);
        if (code === SEMICOLON || code === COMMA || isWhitespace(code) || code === DQUOTE) break;
        i++;
      }
      value = text.slice(valueStart, i);
    }
    i = skipWhitespace(text, i);
    if (i < n && text.charCodeAt(i) !== SEMICOLON && text.charCodeAt(i) !== COMMA) {
      return invalid(i);
    }
    if (weighted) continue;
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    if (name === 'q') {
      const q = parseWeight(value);
      if (q < 0) return invalid(i);
      element.q = q;
      weighted = true;
    } else {
      element.params ??= new Map<string, string>();
      if (!element.params.has(name)) element.params.set(name, value);
    }
  }
  element.end = i;
  return element;
}

/** A small least-recently-used cache: clients repeat the same few headers. */
class BoundedCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Re-inserting moves the key to the end of the Map's insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.#entries.size >= this.#limit) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }
}

const CACHE_SIZE = 256;
/** Longer headers are parsed every time rather than kept alive by the cache. */
const MAX_CACHED_LENGTH = 2048;

type ParsedAccept =
  | {
      ok: true;
      ranges: readonly AcceptRange[];
      /** Whether any range has a `profile` parameter (else the JSON-LD forms tie: skip them). */
      profiled: boolean;
    }
  | { ok: false; reason: string };

// Memoises a pure function of the header text: no observable state.
const acceptCache = new BoundedCache<ParsedAccept>(CACHE_SIZE);

const NO_PARAMS: ReadonlyMap<string, string> = new Map<string, string>();
const NO_RANGES: readonly AcceptRange[] = Object.freeze([]);

function describe(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function parseAcceptText(header: string): ParsedAccept {
  const ranges: AcceptRange[] = [];
  let firstInvalid: string | undefined;
  const n = header.length;
  let i = 0;
  while (i < n) {
    const code = header.charCodeAt(i);
    // RFC 9110 §5.6.1.2: empty list elements and surrounding whitespace are ignored.
    if (code === COMMA || isWhitespace(code)) {
      i++;
      continue;
    }
    const start = i;
    const element = scanListElement(header, start);
    i = element.end;
    const range = element.valid ? toRange(header, element) : undefined;
    if (range) ranges.push(range);
    else firstInvalid ??= header.slice(start, element.end).trim();
  }
  if (ranges.length === 0 && firstInvalid !== undefined) {
    return {
      ok: false,
      reason: `no valid media range (type/subtype, e.g. text/turtle) in ${describe(firstInvalid)}`,
    };
  }
  const profiled = ranges.some((range) => range.params.has('profile'));
  return { ok: true, ranges: Object.freeze(ranges), profiled };
}

function toRange(header: string, element: ListElement): AcceptRange | undefined {
  const { headStart, headEnd } = element;
  let type: string;
  let subtype: string;
  if (headEnd - headStart === 1 && header.charCodeAt(headStart) === STAR) {
    // A bare `*` (Java's URLConnection default) is an obsolete spelling of `*/*`.
    type = '*';
    subtype = '*';
  } else {
    const slash = header.indexOf('/', headStart);
    if (slash < 0 || slash >= headEnd) return undefined;
    let typeEnd = slash;
    while (typeEnd > headStart && isWhitespace(header.charCodeAt(typeEnd - 1))) typeEnd--;
    const subtypeStart = skipWhitespace(header, slash + 1);
    if (!isToken(header, headStart, typeEnd) || !isToken(header, subtypeStart, headEnd)) {
      return undefined;
    }
    type = header.slice(headStart, typeEnd).toLowerCase();
    subtype = header.slice(subtypeStart, headEnd).toLowerCase();
    // RFC 9110 §12.5.1: `*/subtype` is not a media range.
    if (type === '*' && subtype !== '*') return undefined;
  }
  return Object.freeze({
    type,
    subtype,
    mediaType: `${type}/${subtype}`,
    params: element.params ?? NO_PARAMS,
    q: element.q,
  });
}

function parseAcceptCached(header: string): ParsedAccept {
  const cached = acceptCache.get(header);
  if (cached) return cached;
  const parsed = parseAcceptText(header);
  if (header.length <= MAX_CACHED_LENGTH) acceptCache.set(header, parsed);
  return parsed;
}

/**
 * Parses an Accept header (RFC 9110 §12.5.1) into its media ranges, in header order.
 *
 * Tolerant of what real clients send: whitespace anywhere between tokens, case in types and
 * parameter names, empty list elements, quoted parameter values (a JSON-LD `profile` is a
 * quoted, space-separated list of IRIs), a bare `*` for the any-media wildcard, weights such
 * as `q=.2`. A malformed element (`json`, `text/`, a `*` type with a named subtype,
 * `text/html;q=abc`, `;;;`, non-ASCII in a type) is skipped when the header has other, valid ranges, as browsers and proxies append
 * oddities to otherwise good headers.
 *
 * Returns `[]` for an absent-in-effect header (empty or only commas and whitespace), and
 * `undefined` when the header has content but not one valid media range: the caller answers
 * 400. Never throws. Results are memoised and frozen: do not mutate them.
 */
export function parseAccept(header: string | undefined): readonly AcceptRange[] | undefined {
  if (header === undefined) return NO_RANGES;
  const parsed = parseAcceptCached(header);
  return parsed.ok ? parsed.ranges : undefined;
}

// Specificity of a range for one offer (RFC 9110 §12.5.1: the most specific range decides).
const NO_MATCH = -1;
const MATCH_ANY = 0; // */*
const MATCH_TYPE = 1; // type/*
const MATCH_ALIAS = 2; // an alias, e.g. text/n3 for Turtle (+1 with matching parameters)
const MATCH_EXACT = 4; // the canonical type (+1 with matching parameters)

/** Tie order among JSON-LD forms: the default first. */
const JSON_LD_FORMS: readonly JsonLdProfile[] = ['compacted', 'expanded', 'flattened'];
/** Without a `profile` parameter every form has the same quality: evaluate the default only. */
const DEFAULT_JSON_LD_FORM: readonly JsonLdProfile[] = ['compacted'];

function isUtf8(charset: string): boolean {
  if (charset.length !== 5 && charset.length !== 4) return false;
  const lower = charset.toLowerCase();
  return lower === 'utf-8' || lower === 'utf8';
}

/** True when `value[start, end)` is exactly `iri`. */
function tokenIs(value: string, start: number, end: number, iri: string): boolean {
  return end - start === iri.length && value.startsWith(iri, start);
}

/**
 * The JSON-LD form a `profile` parameter asks for (JSON-LD 1.1 §9.1): a space-separated list
 * of IRIs. `flattened` wins over `expanded` (`#flattened #compacted` means a flattened,
 * compacted document, which is what profile-graph's flattened form is); a list without a form
 * we serve (`#context`, an ActivityStreams profile...) gets the default, compacted.
 */
function requestedForm(profile: string): JsonLdProfile {
  let expanded = false;
  let i = 0;
  while (i < profile.length) {
    i = skipWhitespace(profile, i);
    const start = i;
    while (i < profile.length && !isWhitespace(profile.charCodeAt(i))) i++;
    if (tokenIs(profile, start, i, JSON_LD_PROFILE_IRIS.flattened)) return 'flattened';
    if (tokenIs(profile, start, i, JSON_LD_PROFILE_IRIS.expanded)) expanded = true;
  }
  return expanded ? 'expanded' : 'compacted';
}

/**
 * Whether a range's parameters fit the representation: -1 when one contradicts it, 1 when a
 * parameter we understand matches (the range is then more specific), 0 otherwise. We
 * understand `charset` (we always send UTF-8) and, for JSON-LD, `profile`; other parameters
 * (`level`, `v`...) are ignored rather than making the range unmatchable.
 */
function matchParams(range: AcceptRange, form: JsonLdProfile | undefined): number {
  if (range.params.size === 0) return 0;
  let understood = 0;
  const charset = range.params.get('charset');
  if (charset !== undefined) {
    if (!isUtf8(charset)) return -1;
    understood = 1;
  }
  if (form !== undefined) {
    const profile = range.params.get('profile');
    if (profile !== undefined) {
      if (requestedForm(profile) !== form) return -1;
      understood = 1;
    }
  }
  return understood;
}

function isOfType(mediaType: string, type: string): boolean {
  return (
    mediaType.length > type.length + 1 &&
    mediaType.charCodeAt(type.length) === SLASH &&
    mediaType.startsWith(type)
  );
}

function specificity(offer: Offer, range: AcceptRange, form: JsonLdProfile | undefined): number {
  if (range.type === '*') return MATCH_ANY;
  if (range.subtype === '*') return isOfType(offer.mediaType, range.type) ? MATCH_TYPE : NO_MATCH;
  let level: number;
  if (range.mediaType === offer.mediaType) level = MATCH_EXACT;
  else if (offer.aliases.includes(range.mediaType)) level = MATCH_ALIAS;
  else return NO_MATCH;
  const params = matchParams(range, form);
  return params < 0 ? NO_MATCH : level + params;
}

/**
 * The client's quality for one offer (in one JSON-LD form): the weight of the most specific
 * matching range, the highest weight among equally specific ones; -1 when no range matches.
 */
function quality(
  offer: Offer,
  ranges: readonly AcceptRange[],
  form: JsonLdProfile | undefined,
): number {
  let bestLevel = NO_MATCH;
  let bestQ = -1;
  for (const range of ranges) {
    const level = specificity(offer, range, form);
    if (level > bestLevel || (level === bestLevel && level !== NO_MATCH && range.q > bestQ)) {
      bestLevel = level;
      bestQ = range.q;
    }
  }
  return bestQ;
}

/** The client's quality for an offer through its weak aliases only; -1 when none is named. */
function weakQuality(offer: Offer, ranges: readonly AcceptRange[]): number {
  let best = -1;
  if (offer.weakAliases.length === 0) return best;
  for (const range of ranges) {
    if (range.q > best && offer.weakAliases.includes(range.mediaType)) {
      if (matchParams(range, undefined) >= 0) best = range.q;
    }
  }
  return best;
}

const ANY_RANGES: readonly AcceptRange[] = Object.freeze([
  Object.freeze({ type: '*', subtype: '*', mediaType: '*/*', params: NO_PARAMS, q: 1 }),
]);

function ok(offer: Offer, form: JsonLdProfile | undefined): NegotiationResult {
  return offer.id === 'jsonld'
    ? { kind: 'ok', offer, jsonLdProfile: form ?? 'compacted' }
    : { kind: 'ok', offer };
}

/**
 * Chooses the representation to send (RFC 9110 §12.5.1 proactive negotiation).
 *
 * Each offer's quality is the weight of the most specific range that matches it: the
 * canonical type with matching parameters, then the canonical type, then an alias (with, then
 * without, matching parameters), then `type/*` (matched against the canonical type only), then
 * the any-media wildcard. `q=0` excludes. The highest quality wins; ties go to the server's
 * order (HTML, then JSON-LD...), so the any-media wildcard, an empty or a missing Accept
 * header give HTML. The generic XML types select RDF/XML only when nothing else is acceptable
 * (see `Offer.weakAliases`): browsers and feed readers send `application/xml` without wanting
 * RDF.
 *
 * For JSON-LD, each form (compacted, expanded, flattened) is a variant matched by the
 * `profile` parameter, so `application/ld+json;profile="…#expanded"` gives `expanded`, and
 * `…#expanded";q=0, application/ld+json` gives `compacted`.
 *
 * Returns `bad-request` for a header without one valid media range, `not-acceptable` when no
 * offer is acceptable. Never throws.
 */
export function negotiateMediaType(
  accept: string | undefined,
  offers: readonly Offer[] = OFFERS,
): NegotiationResult {
  let ranges = ANY_RANGES;
  let forms = DEFAULT_JSON_LD_FORM;
  if (accept !== undefined) {
    const parsed = parseAcceptCached(accept);
    if (!parsed.ok) return { kind: 'bad-request', reason: parsed.reason };
    if (parsed.ranges.length > 0) ranges = parsed.ranges;
    if (parsed.profiled) forms = JSON_LD_FORMS;
  }

  let best: Offer | undefined;
  let bestForm: JsonLdProfile | undefined;
  let bestQ = 0;
  for (const offer of offers) {
    if (offer.id === 'jsonld') {
      for (const form of forms) {
        const q = quality(offer, ranges, form);
        if (q > bestQ) {
          best = offer;
          bestForm = form;
          bestQ = q;
        }
      }
    } else {
      const q = quality(offer, ranges, undefined);
      if (q > bestQ) {
        best = offer;
        bestForm = undefined;
        bestQ = q;
      }
    }
  }
  if (best) return ok(best, bestForm);

  // Last resort: a generic type (application/xml) that an offer can stand in for.
  for (const offer of offers) {
    const q = weakQuality(offer, ranges);
    if (q > bestQ) {
      best = offer;
      bestQ = q;
    }
  }
  return best ? ok(best, undefined) : { kind: 'not-acceptable' };
}

/** Client weights per coding; -1 where the header does not name the coding. */
interface EncodingWeights {
  br: number;
  gzip: number;
  identity: number;
  any: number;
}

const encodingCache = new BoundedCache<EncodingWeights>(CACHE_SIZE);

function encodingKey(coding: string): keyof EncodingWeights | undefined {
  switch (coding) {
    case 'br':
    case 'gzip':
    case 'identity':
      return coding;
    case 'x-gzip':
      return 'gzip'; // RFC 9110 §8.4.1.3
    case '*':
      return 'any';
    default:
      return undefined;
  }
}

function parseAcceptEncoding(header: string): EncodingWeights {
  const weights: EncodingWeights = { br: -1, gzip: -1, identity: -1, any: -1 };
  const n = header.length;
  let i = 0;
  while (i < n) {
    const code = header.charCodeAt(i);
    if (code === COMMA || isWhitespace(code)) {
      i++;
      continue;
    }
    const element = scanListElement(header, i);
    i = element.end;
    // Malformed elements are skipped: a broken Accept-Encoding never costs the client more
    // than compression (no 400 for it).
    if (!element.valid || !isToken(header, element.headStart, element.headEnd)) continue;
    const coding = header.slice(element.headStart, element.headEnd).toLowerCase();
    const key = encodingKey(coding);
    // Repeated codings keep their highest weight.
    if (key !== undefined && element.q > weights[key]) weights[key] = element.q;
  }
  return weights;
}

/** Compressed codings in the server's order of preference at equal weight. */
const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];

/** Below any weight a client can write: identity when the header neither names nor excludes it. */
const IMPLICIT_IDENTITY = Number.MIN_VALUE;

/**
 * Chooses the content coding (RFC 9110 §12.5.3) among the pre-compressed `available` codings
 * and identity. A coding the header names gets its weight; others get the weight of `*`, or
 * are unacceptable without one, except identity, which stays acceptable (below any named
 * coding) unless `identity;q=0` or `*;q=0` excludes it. At equal weight br beats gzip beats
 * identity. No header, or an empty one, means identity.
 *
 * Returns `undefined` when nothing is acceptable (answer 406). Never throws.
 */
export function negotiateEncoding(
  acceptEncoding: string | undefined,
  available: readonly ContentCoding[],
): ContentCoding | 'identity' | undefined {
  if (acceptEncoding === undefined) return 'identity';
  let weights = encodingCache.get(acceptEncoding);
  if (!weights) {
    weights = parseAcceptEncoding(acceptEncoding);
    if (acceptEncoding.length <= MAX_CACHED_LENGTH) encodingCache.set(acceptEncoding, weights);
  }
  const fallback = weights.any >= 0 ? weights.any : 0;
  let best: ContentCoding | 'identity' | undefined;
  let bestQ = 0;
  for (const coding of CODINGS) {
    if (!available.includes(coding)) continue;
    const q = weights[coding] >= 0 ? weights[coding] : fallback;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  const identity =
    weights.identity >= 0 ? weights.identity : weights.any >= 0 ? weights.any : IMPLICIT_IDENTITY;
  return identity > bestQ ? 'identity' : best;
}

/**
 * Splits an extension URL: `/people/sheng-zha.ttl` → base `/people/sheng-zha` and the Turtle
 * offer. Recognises each offer's one extension (`html`, `jsonld`, `ttl`, `nt`, `nq`, `trig`,
 * `rdf`), in lower case only, so every representation has exactly one URL. Returns
 * `undefined` for any other path, including a last segment that is only an extension
 * (`/people/.ttl`) and a dot in an earlier segment (`/v1.2/people`). Never throws.
 */
export function formatFromPath(
  pathname: string,
  offers: readonly Offer[] = OFFERS,
): { base: string; offer: Offer } | undefined {
  const dot = pathname.lastIndexOf('.');
  const slash = pathname.lastIndexOf('/');
  if (dot <= slash + 1) return undefined;
  const length = pathname.length - dot - 1;
  for (const offer of offers) {
    if (offer.extension.length === length && pathname.endsWith(offer.extension)) {
      return { base: pathname.slice(0, dot), offer };
    }
  }
  return undefined;
}

/**
 * The offer a `?format=` query value names: its id (`turtle`), extension (`ttl`), media type
 * (`text/turtle`) or one of its aliases (`text/n3`, `application/xml`), case-insensitively.
 * Returns `undefined` for anything else. Never throws.
 */
export function offerFromQuery(
  format: string,
  offers: readonly Offer[] = OFFERS,
): Offer | undefined {
  const key = format.trim().toLowerCase();
  if (key === '') return undefined;
  return offers.find(
    (offer) =>
      offer.id === key ||
      offer.extension === key ||
      offer.mediaType === key ||
      offer.aliases.includes(key) ||
      offer.weakAliases.includes(key),
  );
}
