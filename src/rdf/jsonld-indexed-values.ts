import jsonLdUtil from 'jsonld/lib/util.js';

/**
 * Values arrays shorter than this are scanned as jsonld.js does; longer ones get an index.
 */
const INDEX_FROM = 32;

/** An index of one values array: each value's key and its position, for the first `size`. */
interface ValuesIndex {
  size: number;
  /** The first value when indexed: an `unshift` (prepend) changes it and forces a rebuild. */
  first: unknown;
  positions: Map<string, number>;
}

const INSTALLED = Symbol.for('profile-graph.jsonld-indexed-values');

/**
 * Makes jsonld.js's duplicate check (`util.hasValue`, run for every value it adds to its node
 * map with `allowDuplicate: false`) constant-time for long values arrays. jsonld.js 9 compares a
 * new value with every value already there, so one node with 40,000 keywords cost 800 million
 * comparisons (29 s). The answer is the same: keys follow `util.compareValues` exactly (equal
 * primitives, value objects equal in `@value`, `@type`, `@language` and `@index`, node
 * references equal in `@id`); a value with no such key (a list, a JSON literal object) takes
 * jsonld.js's own scan. A hit is confirmed with `compareValues` at its recorded position, and
 * the index is rebuilt if the array shrank or was prepended to. A value replaced in place at
 * the same length is only noticed when a lookup hits it, so until then a duplicate of the new
 * value could be added: harmless for RDF (a graph is a set; `canonicalizeQuads` drops
 * repeats), and jsonld.js appends rather than replaces. Idempotent.
 */
export function installIndexedHasValue(): void {
  const util = jsonLdUtil as typeof jsonLdUtil & { [INSTALLED]?: true };
  if (util[INSTALLED]) return;
  util[INSTALLED] = true;
  const scan = util.hasValue;
  const indexes = new WeakMap<unknown[], ValuesIndex>();
  util.hasValue = (subject, property, value) => {
    const values = Object.hasOwn(subject, property) ? subject[property] : undefined;
    const key = valueKey(value);
    if (!Array.isArray(values) || values.length < INDEX_FROM || key === undefined)
      return scan(subject, property, value);
    let index = indexes.get(values);
    if (index === undefined || index.size > values.length || index.first !== values[0]) {
      index = { size: 0, first: values[0], positions: new Map() };
      indexes.set(values, index);
    }
    for (; index.size < values.length; index.size++) {
      const stored = valueKey(values[index.size]);
      if (stored !== undefined && !index.positions.has(stored))
        index.positions.set(stored, index.size);
    }
    const position = index.positions.get(key);
    if (position === undefined) return false;
    if (util.compareValues(value, values[position])) return true;
    // Changed in place since it was indexed: answer as jsonld.js would, and index afresh.
    indexes.delete(values);
    return scan(subject, property, value);
  };
}

/**
 * A string equal for two values exactly when `compareValues` says they are equal, or
 * undefined for values it only equates by identity (lists, objects as `@value`).
 */
function valueKey(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if ('@value' in object) {
    const literal = object['@value'];
    if (literal !== null && typeof literal === 'object') return undefined;
    return `@value ${JSON.stringify([
      typeof literal,
      String(literal),
      object['@type'] ?? null,
      object['@language'] ?? null,
      object['@index'] ?? null,
    ])}`;
  }
  if ('@id' in object) return `@id ${typeof object['@id']} ${String(object['@id'])}`;
  return undefined;
}
