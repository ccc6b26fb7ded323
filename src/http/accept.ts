/**
 * Parsing of the content-negotiation request headers (RFC 9110 §12.5.1 Accept, §12.5.3
 * Accept-Encoding): linear-time scanners without regular expressions, bounded in size, memoised.
 */
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

// Character codes used by the scanners (no regular expressions on the request path).
const HTAB = 9;
const SP = 32;
const DQUOTE = 34;
const STAR = 42;
const COMMA = 44;
const DOT = 46;
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

/** Whether a char code is RFC 9110 §5.6.3 whitespace (SP or HTAB). */
export function isWhitespace(code: number): boolean {
  return code === SP || code === HTAB;
}

/** The index of the first non-whitespace char at or after `index`. */
export function skipWhitespace(text: string, index: number): number {
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

/**
 * A small bounded memo: clients repeat the same few headers. Two generations instead of an
 * exact LRU: a hit in the young map costs one lookup and no reordering (an LRU's delete and
 * re-insert on every hit was the hot path's largest cost, see bench/respond.ts); when the young
 * map is full it becomes the old one, and entries still used are promoted back on their next
 * hit. At most `2 × limit` entries are kept.
 */
export class BoundedCache<V> {
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: string): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.#young.size >= this.#limit) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}

const CACHE_SIZE = 256;
/** Longer headers are parsed every time rather than kept alive by the cache. */
const MAX_CACHED_LENGTH = 2048;

/**
 * Accept headers longer than this are refused (400) before any parsing. Real clients send
 * well under 1 KB (browsers ~100 chars, Jena's long list ~400); a longer header only costs the
 * request thread (issue #15: a 15 KB header took 17-22 ms).
 */
export const MAX_ACCEPT_LENGTH = 4096;

/** Accept headers with more list elements than this are refused (400). */
export const MAX_ACCEPT_RANGES = 64;

/** An Accept header parsed once: its ranges, or why it is refused (answer 400). */
export type ParsedAccept =
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

function tooLong(length: number): ParsedAccept {
  return {
    ok: false,
    reason: `the header is ${length} characters long; at most ${MAX_ACCEPT_LENGTH} are accepted`,
  };
}

function parseAcceptText(header: string): ParsedAccept {
  const ranges: AcceptRange[] = [];
  let firstInvalid: string | undefined;
  let elements = 0;
  const n = header.length;
  let i = 0;
  while (i < n) {
    const code = header.charCodeAt(i);
    // RFC 9110 §5.6.1.2: empty list elements and surrounding whitespace are ignored.
    if (code === COMMA || isWhitespace(code)) {
      i++;
      continue;
    }
    // Counted before scanning the element, so the scan stops at the first one too many.
    if (++elements > MAX_ACCEPT_RANGES) {
      return {
        ok: false,
        reason: `the header lists more than ${MAX_ACCEPT_RANGES} media ranges`,
      };
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

/**
 * Parses an Accept header, memoised for headers up to 2 KB. Linear in the header's length and
 * refuses (`ok: false`) a header over {@link MAX_ACCEPT_LENGTH} characters or
 * {@link MAX_ACCEPT_RANGES} list elements. Never throws.
 */
export function parseAcceptCached(header: string): ParsedAccept {
  // Before the memo: looking a string up hashes all of it.
  if (header.length > MAX_ACCEPT_LENGTH) return tooLong(header.length);
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

/** Client weights per coding; -1 where the header does not name the coding. */
export interface EncodingWeights {
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

/**
 * Parses an Accept-Encoding header (RFC 9110 §12.5.3) into the weights of the codings we know,
 * memoised for headers up to 2 KB. Malformed elements are skipped. Never throws.
 */
export function parseAcceptEncodingCached(header: string): EncodingWeights {
  let weights = encodingCache.get(header);
  if (!weights) {
    weights = parseAcceptEncoding(header);
    if (header.length <= MAX_CACHED_LENGTH) encodingCache.set(header, weights);
  }
  return weights;
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
