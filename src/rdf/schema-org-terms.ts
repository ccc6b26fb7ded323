import { readSchemaOrgContext } from './document-loader.js';

/** How a JSON key or `@type` value reads under the schema.org context. */
export type ExpandedTerm =
  | { kind: 'keyword'; keyword: string }
  | {
      kind: 'iri';
      iri: string;
      /** the term used a known prefix (`foaf:name`) */ prefixed: boolean;
    }
  | { kind: 'unknown-prefix'; prefix: string };

/**
 * The schema.org context's term rules, read from the bundled context: `@vocab`
 * (`http://schema.org/`), keyword aliases (`id`, `type`) and namespace prefixes (`foaf`,
 * `dcterms`, ...). Used to map JSON keys to IRIs without losing their source position (which a
 * full JSON-LD expansion would).
 */
export interface SchemaOrgTerms {
  vocab: string;
  prefixes: ReadonlyMap<string, string>;
  /** Terms whose string values are IRIs (`"@type": "@id"` in the context: url, sameAs...). */
  idCoerced: ReadonlySet<string>;
  /** Expands a property key or a `@type` value (JSON-LD 1.1 §4.1 IRI expansion, vocab-relative). */
  expandTerm(term: string): ExpandedTerm;
  /** Expands an `@id` value: compact IRIs by prefix, otherwise resolved against `base`. */
  expandId(value: string, base: string): string;
}

/** Builds {@link SchemaOrgTerms} from the bundled context (parse once, share). */
export function createSchemaOrgTerms(context = readSchemaOrgContext()): SchemaOrgTerms {
  const definitions = (context as { '@context': Record<string, unknown> })['@context'];
  const vocab =
    typeof definitions['@vocab'] === 'string' ? definitions['@vocab'] : 'http://schema.org/';
  const prefixes = new Map<string, string>();
  const aliases = new Map<string, string>();
  const idCoerced = new Set<string>();
  for (const [key, value] of Object.entries(definitions)) {
    if (
      typeof value === 'object' &&
      value !== null &&
      (value as { '@type'?: unknown })['@type'] === '@id'
    ) {
      idCoerced.add(key);
    }
    if (typeof value !== 'string' || key.startsWith('@')) continue;
    if (value.startsWith('@')) aliases.set(key, value);
    else if (/[/#:]$/.test(value)) prefixes.set(key, value);
  }
  const expandCompact = (term: string): ExpandedTerm | undefined => {
    const colon = term.indexOf(':');
    if (colon < 0) return undefined;
    const prefix = term.slice(0, colon);
    const suffix = term.slice(colon + 1);
    const namespace = prefixes.get(prefix);
    if (namespace !== undefined) return { kind: 'iri', iri: namespace + suffix, prefixed: true };
    // An absolute IRI (RFC 3987 scheme) is an IRI as written; `foo:bar` with an unknown prefix
    // is almost always a missing prefix declaration, so it is reported rather than accepted.
    if (suffix.startsWith('//') || ['urn', 'mailto', 'tel', 'did', 'data'].includes(prefix)) {
      return { kind: 'iri', iri: term, prefixed: false };
    }
    return { kind: 'unknown-prefix', prefix };
  };
  return {
    vocab,
    prefixes,
    idCoerced,
    expandTerm(term) {
      if (term.startsWith('@')) return { kind: 'keyword', keyword: term };
      const alias = aliases.get(term);
      if (alias !== undefined) return { kind: 'keyword', keyword: alias };
      return expandCompact(term) ?? { kind: 'iri', iri: vocab + term, prefixed: false };
    },
    expandId(value, base) {
      if (value.startsWith('_:')) return value;
      const compact = expandCompact(value);
      if (compact?.kind === 'iri') return compact.iri;
      if (isPlainRelative(value) && isPlainBase(base)) return base + value;
      try {
        return new URL(value, base).href;
      } catch {
        return value;
      }
    },
  };
}

/**
 * A relative reference that resolves by plain concatenation against a directory base: path
 * segments of unreserved characters (none `.` or `..`, none empty) and an optional fragment.
 * Most `@id`s look like this (`people/ada#id`), and `new URL` for each of them was a tenth of
 * indexing a large directory.
 */
const PLAIN_RELATIVE = /^[\w~-][\w.~-]*(?:\/[\w~-][\w.~-]*)*(?:#[\w.~-]*)?$/;

function isPlainRelative(value: string): boolean {
  return PLAIN_RELATIVE.test(value);
}

const plainBases = new Map<string, boolean>();

/** A base that `new URL` keeps as written and that ends a directory: `https://host/dir/`. */
function isPlainBase(base: string): boolean {
  let plain = plainBases.get(base);
  if (plain === undefined) {
    plain = URL.canParse(base) && new URL(base).href === base && /^[^?#]*\/$/.test(base);
    if (plainBases.size > 100) plainBases.clear();
    plainBases.set(base, plain);
  }
  return plain;
}
