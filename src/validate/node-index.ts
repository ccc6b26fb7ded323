import type { SchemaOrgTerms } from '../rdf/schema-org-terms.js';
import { walkJson } from '../load/find-in-source.js';
import type { JsonValue, SourceFile } from '../load/source-file.js';

/** One JSON object in a source file that is a node (not a value, list or context). */
export interface NodeOccurrence {
  /** Absolute IRI of the node; undefined for a blank node without `@id`. */
  iri: string | undefined;
  file: string;
  pointer: string;
  /** Expanded type IRIs from `@type`/`type`. */
  types: string[];
  /** Property keys as written (not keywords). */
  keys: string[];
  /** True when the object only names a node (`{"@id": …}`): a reference, not a description. */
  reference: boolean;
  /** Occurrence of the node object this one is a property value of, if any. */
  parent: NodeOccurrence | undefined;
  /** The key under which this node sits in its parent. */
  parentKey: string | undefined;
  /** The JSON object itself. */
  json: Readonly<Record<string, JsonValue>>;
}

/**
 * Where every node is described and referenced across the data files, keyed by IRI. Graph-level
 * layers (integrity, SHACL, vocabulary ranges) use it to map a node back to file:line.
 */
export interface NodeIndex {
  /** Every node object in document order across files. */
  occurrences: NodeOccurrence[];
  /** Occurrences that describe a node (have more than `@id`), by IRI. */
  definitions: ReadonlyMap<string, NodeOccurrence[]>;
  /** The types each IRI is given anywhere in the data. */
  typesOf(iri: string): ReadonlySet<string>;
}

const NON_NODE_KEYWORDS = ['@value', '@list', '@set'];

/**
 * Indexes the node objects of every source (JSON-LD 1.1 §9.2 node objects: objects that are not
 * value, list or set objects, outside `@context`). `@id`s resolve against `baseUrl` with the
 * schema.org prefixes, as JSON-LD expansion under `"@context": "https://schema.org"` would.
 */
export function buildNodeIndex(
  sources: readonly SourceFile[],
  baseUrl: string,
  terms: SchemaOrgTerms,
): NodeIndex {
  const occurrences: NodeOccurrence[] = [];
  const definitions = new Map<string, NodeOccurrence[]>();
  const types = new Map<string, Set<string>>();
  for (const source of sources) {
    const parents = new Map<string, NodeOccurrence>();
    walkJson(source.json, (value, pointer, key) => {
      if (!isNodeObject(value, key)) return false;
      const occurrence = toOccurrence(source.path, value, pointer, baseUrl, terms, parents);
      parents.set(pointer, occurrence);
      occurrences.push(occurrence);
      if (occurrence.iri !== undefined) {
        if (!occurrence.reference) {
          const list = definitions.get(occurrence.iri) ?? [];
          list.push(occurrence);
          definitions.set(occurrence.iri, list);
        }
        const known = types.get(occurrence.iri) ?? new Set<string>();
        for (const type of occurrence.types) known.add(type);
        types.set(occurrence.iri, known);
      }
      return false;
    });
  }
  const none: ReadonlySet<string> = new Set();
  return { occurrences, definitions, typesOf: (iri) => types.get(iri) ?? none };
}

function isNodeObject(
  value: JsonValue,
  key: string | number | undefined,
): value is Record<string, JsonValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (key === '@context') return false;
  if (NON_NODE_KEYWORDS.some((keyword) => keyword in value)) return false;
  // A top-level `{ "@context", "@graph" }` wrapper is a container, not a node (JSON-LD 1.1 §4.9).
  return !(
    '@graph' in value && Object.keys(value).every((name) => name.startsWith('@') && name !== '@id')
  );
}

function toOccurrence(
  file: string,
  json: Record<string, JsonValue>,
  pointer: string,
  baseUrl: string,
  terms: SchemaOrgTerms,
  parents: ReadonlyMap<string, NodeOccurrence>,
): NodeOccurrence {
  let id: string | undefined;
  const typeValues: string[] = [];
  const keys: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const term = terms.expandTerm(key);
    if (term.kind === 'keyword' && term.keyword === '@id' && typeof value === 'string') id = value;
    else if (term.kind === 'keyword' && term.keyword === '@type') {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string') continue;
        const expanded = terms.expandTerm(item);
        if (expanded.kind === 'iri') typeValues.push(expanded.iri);
      }
    } else if (term.kind !== 'keyword') keys.push(key);
  }
  const parentLink = findParent(pointer, parents);
  return {
    iri: id === undefined ? undefined : terms.expandId(id, baseUrl),
    file,
    pointer,
    types: typeValues,
    keys,
    reference: keys.length === 0 && typeValues.length === 0 && id !== undefined,
    parent: parentLink?.parent,
    parentKey: parentLink?.key,
    json,
  };
}

/** The closest enclosing node object and the property key that leads from it to `pointer`. */
function findParent(
  pointer: string,
  parents: ReadonlyMap<string, NodeOccurrence>,
): { parent: NodeOccurrence; key: string } | undefined {
  let current = pointer;
  let key: string | undefined;
  while (current !== '') {
    const cut = current.lastIndexOf('/');
    const token = current.slice(cut + 1);
    current = current.slice(0, cut);
    if (token === '@graph' || token === '@included') return undefined;
    if (!/^\d+$/.test(token)) key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    const parent = parents.get(current);
    if (parent !== undefined && key !== undefined) return { parent, key };
  }
  return undefined;
}
