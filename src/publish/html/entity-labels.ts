import type { QuadSource } from '../../rdf/quad-index.js';
import { namedNode, NS, type Quad } from '../../rdf/data-factory.js';
import { humanize, localName } from './format.js';
import type { GraphNode } from './graph.js';
import { fallbackLabel } from './links.js';
import { pickLiteral } from './pick-language.js';

/** Prefixes a `labelProperties` entry may use instead of a full IRI. */
export const LABEL_PREFIXES: Readonly<Record<string, string>> = {
  schema: NS.schema,
  rdfs: NS.rdfs,
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  dcterms: NS.dcterms,
  dc: 'http://purl.org/dc/elements/1.1/',
};

/**
 * The predicates a node's label is read from when the configuration names none, first match
 * wins: schema.org's names, then the generic label vocabularies, then a role's or a
 * publication's own title.
 */
export const DEFAULT_LABEL_PROPERTIES: readonly string[] = [
  'schema:name',
  'schema:headline',
  'rdfs:label',
  'skos:prefLabel',
  'foaf:name',
  'dcterms:title',
  'schema:roleName',
  'schema:alternateName',
];

/**
 * The IRI a `labelProperties` entry names: `prefix:local` for a prefix of
 * {@link LABEL_PREFIXES}, or an absolute http(s) IRI as is; `undefined` for anything else
 * (an unknown prefix, a relative reference), which the pipeline reports at its pointer.
 */
export function expandLabelProperty(entry: string): string | undefined {
  if (/^https?:\/\/\S+$/.test(entry)) return entry;
  const match = /^([a-z][a-z0-9]*):([A-Za-z_][\w.-]*)$/.exec(entry);
  const namespace = match ? LABEL_PREFIXES[match[1] ?? ''] : undefined;
  return namespace === undefined ? undefined : `${namespace}${match?.[2] ?? ''}`;
}

/** Reads labels of nodes and terms for one page: its label predicates and its language. */
export interface Labeller {
  /** The label predicate that named `node`, and the label; `undefined` when none did. */
  nameOf(node: GraphNode): { predicate: string; label: string } | undefined;
  /** What to call a node: its name, else its site fragment or path, else its IRI. */
  labelOf(node: GraphNode): string;
  /**
   * What to call a vocabulary term (a property, a type, an enumeration member): its label in
   * the graph when the data gives one, else its local name in words. schema.org's own
   * `rdfs:label` of every term is its local name (test/unit/vocab checks this on the bundled
   * release), so words from the local name are the vocabulary's label without loading it.
   */
  termLabel(iri: string): string;
  /** Whether `iri` is one of the predicates labels are read from. */
  isLabelProperty(iri: string): boolean;
}

/** A {@link Labeller} over `graph`; `properties` are absolute IRIs, first match wins. */
export function createLabeller(
  graph: QuadSource,
  options: { properties: readonly string[]; language: string; baseUrl: string },
): Labeller {
  const nameOf = (node: GraphNode) => {
    if (node.termType === 'Literal') return undefined;
    for (const predicate of options.properties) {
      const literals = graph
        .getQuads(node, namedNode(predicate), null, null)
        .map((q) => q.object)
        .filter(
          (term): term is Extract<Quad['object'], { termType: 'Literal' }> =>
            term.termType === 'Literal' && term.value.trim() !== '',
        );
      const chosen = pickLiteral(literals, options.language);
      if (chosen) return { predicate, label: chosen.value };
    }
    return undefined;
  };
  return {
    nameOf,
    labelOf: (node) =>
      node.termType === 'Literal'
        ? node.value
        : (nameOf(node)?.label ?? fallbackLabel(node, options.baseUrl)),
    termLabel: (iri) => nameOf(namedNode(iri))?.label ?? humanize(localName(iri)),
    isLabelProperty: (iri) => options.properties.includes(iri),
  };
}
