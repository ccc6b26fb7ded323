import { CODES } from '../model/codes.js';
import { ProfileGraphError } from '../model/diagnostic.js';

/** A JSON value as JSON-LD documents hold them. */
export type JsonLdValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonLdValue[]
  | { readonly [key: string]: JsonLdValue | undefined };

/** A JSON-LD object: a node, a value object or a document with `@context`. */
export type JsonLdObject = { readonly [key: string]: JsonLdValue | undefined };

/**
 * Keys that lead a node in this order, so a reader (and a diff) sees what the node is before
 * what it says; every other key follows in code-unit order.
 */
const LEADING_KEYS = ['@context', '@id', '@type'];

function compareKeys(a: string, b: string): number {
  const rankA = LEADING_KEYS.indexOf(a);
  const rankB = LEADING_KEYS.indexOf(b);
  if (rankA !== rankB)
    return (rankA < 0 ? LEADING_KEYS.length : rankA) - (rankB < 0 ? LEADING_KEYS.length : rankB);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Writes a JSON-LD value as JSON with its keys in a fixed order (`@context`, `@id`, `@type`,
 * then code-unit order) at every depth, so the same value gives the same bytes whatever order
 * its objects were built in. Arrays keep their order (a `@list`'s order is data; JSON-LD 1.1
 * §4.3). `undefined` members are left out, as `JSON.stringify` does.
 *
 * Throws {@link ProfileGraphError} (`embed/not-json`) for what JSON cannot hold: a cycle, a
 * BigInt, a function, a symbol, or a number that is not finite.
 */
export function stringifyJsonLd(value: unknown, space?: number): string {
  return JSON.stringify(ordered(value, '', new Set()), null, space);
}

function ordered(value: unknown, pointer: string, ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw notJson(pointer, `the number ${String(value)} has no JSON form`);
  }
  if (typeof value !== 'object') throw notJson(pointer, `a ${typeof value} has no JSON form`);
  if (ancestors.has(value)) throw notJson(pointer, 'the value contains itself (a cycle)');
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function')
    return ordered(toJson.call(value) as unknown, pointer, ancestors);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item: unknown, index) =>
        // JSON.stringify writes a hole or undefined in an array as null; so does this.
        item === undefined ? null : ordered(item, `${pointer}/${String(index)}`, ancestors),
      );
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareKeys)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      out[key] = ordered(member, `${pointer}/${escapePointerToken(key)}`, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

/** RFC 6901 §3: `~` and `/` in a key are written `~0` and `~1`. */
function escapePointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function notJson(pointer: string, reason: string): ProfileGraphError {
  return new ProfileGraphError([
    {
      code: 'embed/not-json',
      severity: CODES['embed/not-json'].severity,
      message: `The JSON-LD value cannot be written as JSON at "${pointer}": ${reason}.`,
      pointer,
    },
  ]);
}
