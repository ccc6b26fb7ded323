import type { QuadSource } from '../../rdf/quad-index.js';
import { namedNode, NS, RDF_TYPE, type Quad, type Term } from '../../rdf/data-factory.js';
import { compareText } from './format.js';

/** A schema.org property or class IRI from its local name. */
export function schema(local: string): string {
  return `${NS.schema}${local}`;
}

/** The subject or object position of a quad: what nodes in the graph are. */
export type GraphNode = Quad['subject'] | Quad['object'];

/** A total order on terms (kind, then value, datatype and language) for stable output. */
export function compareTerms(a: Term, b: Term): number {
  return (
    compareRaw(a.termType, b.termType) ||
    compareRaw(a.value, b.value) ||
    compareRaw(datatypeOf(a), datatypeOf(b)) ||
    compareRaw(languageOf(a), languageOf(b))
  );
}

function compareRaw(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function datatypeOf(term: Term): string {
  return term.termType === 'Literal' ? term.datatype.value : '';
}

function languageOf(term: Term): string {
  return term.termType === 'Literal' ? term.language : '';
}

function sortedUnique<T extends Term>(terms: readonly T[]): T[] {
  const sorted = [...terms].sort(compareTerms);
  return sorted.filter((term, index) => {
    const previous = sorted[index - 1];
    return previous === undefined || !term.equals(previous);
  });
}

/** Every quad with `subject` as subject, sorted by predicate then object. */
export function quadsAbout(graph: QuadSource, subject: GraphNode): Quad[] {
  return graph
    .getQuads(subject, null, null, null)
    .sort(
      (a, b) =>
        compareRaw(a.predicate.value, b.predicate.value) || compareTerms(a.object, b.object),
    );
}

/** The objects of `subject predicate ?`, sorted and without duplicates. */
export function objectsOf(
  graph: QuadSource,
  subject: GraphNode,
  predicate: string,
): Quad['object'][] {
  return sortedUnique(
    graph.getQuads(subject, namedNode(predicate), null, null).map((q) => q.object),
  );
}

/** The subjects of `? predicate object`, sorted and without duplicates. */
export function subjectsWith(
  graph: QuadSource,
  predicate: string,
  object: GraphNode,
): Quad['subject'][] {
  return sortedUnique(
    graph.getQuads(null, namedNode(predicate), object, null).map((q) => q.subject),
  );
}

/** The first literal value of `subject predicate ?` in sorted order, if any. */
export function literalOf(
  graph: QuadSource,
  subject: GraphNode,
  predicate: string,
): string | undefined {
  return objectsOf(graph, subject, predicate).find((term) => term.termType === 'Literal')?.value;
}

/** The `rdf:type` IRIs of a node, sorted. */
export function typesOf(graph: QuadSource, node: GraphNode): string[] {
  return objectsOf(graph, node, RDF_TYPE)
    .filter((term) => term.termType === 'NamedNode')
    .map((term) => term.value);
}

/** Whether the node has the schema.org type `local` (exactly, no subclass reasoning). */
export function hasType(graph: QuadSource, node: GraphNode, local: string): boolean {
  return graph.countQuads(node, namedNode(RDF_TYPE), namedNode(schema(local)), null) > 0;
}

/** Whether any type of the node is a schema.org role (`Role`, `EmployeeRole`, …). */
export function isRoleNode(graph: QuadSource, node: GraphNode): boolean {
  return typesOf(graph, node).some((type) => type.startsWith(NS.schema) && type.endsWith('Role'));
}

const LABEL_PROPERTIES = ['name', 'headline', 'roleName', 'alternateName'].map(schema);

/**
 * What to call a node: its schema:name, else headline, roleName or alternateName; else
 * `undefined` (callers fall back to the IRI or a path).
 */
export function nameOf(graph: QuadSource, node: GraphNode): string | undefined {
  if (node.termType === 'Literal') return node.value;
  for (const property of LABEL_PROPERTIES) {
    const value = literalOf(graph, node, property);
    if (value !== undefined && value.trim() !== '') return value;
  }
  return undefined;
}

/** Sorts nodes by their label (case-insensitive), then by term, for lists without an order. */
export function sortByLabel<T extends GraphNode>(graph: QuadSource, nodes: readonly T[]): T[] {
  return [...nodes].sort(
    (a, b) =>
      compareText(nameOf(graph, a) ?? a.value, nameOf(graph, b) ?? b.value) || compareTerms(a, b),
  );
}
