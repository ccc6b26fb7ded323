import type { JsonLdProfile } from '../rdf/serialize.js';
import {
  BoundedCache,
  isWhitespace,
  parseAcceptCached,
  parseAcceptEncodingCached,
  skipWhitespace,
  type AcceptRange,
} from './accept.js';
import { JSON_LD_PROFILE_IRIS, OFFERS, type Offer } from './media-types.js';

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

const SLASH = 47;

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

const NO_PARAMS: ReadonlyMap<string, string> = new Map<string, string>();

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
 * offer is acceptable. Never throws. Results are memoised per `offers` array and frozen.
 */
export function negotiateMediaType(
  accept: string | undefined,
  offers: readonly Offer[] = OFFERS,
): NegotiationResult {
  // Memoised per offer list and header text: a pure function of both, and the same few
  // headers arrive again and again (the hot path asks once per request).
  if (accept === undefined || accept.length > MAX_CACHED_LENGTH) {
    return negotiateUncached(accept, offers);
  }
  let byAccept = decisions.get(offers);
  if (byAccept === undefined) {
    byAccept = new BoundedCache<NegotiationResult>(CACHE_SIZE);
    decisions.set(offers, byAccept);
  }
  let result = byAccept.get(accept);
  if (result === undefined) {
    // Shared between requests from now on: frozen so no caller can change another's answer.
    result = Object.freeze(negotiateUncached(accept, offers));
    byAccept.set(accept, result);
  }
  return result;
}

const CACHE_SIZE = 256;
/** Longer headers are negotiated every time rather than kept alive by the memo. */
const MAX_CACHED_LENGTH = 2048;
const decisions = new WeakMap<readonly Offer[], BoundedCache<NegotiationResult>>();

function negotiateUncached(
  accept: string | undefined,
  offers: readonly Offer[],
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
  const weights = parseAcceptEncodingCached(acceptEncoding);
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
