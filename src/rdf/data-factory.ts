import { DataFactory, type NamedNode, type Quad, type Quad_Object, type Term } from 'n3';

// n3's factory functions do not use `this`; re-exported as plain functions for destructuring.
export const namedNode = (iri: string) => DataFactory.namedNode(iri);
export const blankNode = (label?: string) => DataFactory.blankNode(label);
export const literal = (value: string | number, languageOrDatatype?: string | NamedNode) =>
  DataFactory.literal(value, languageOrDatatype);
export const defaultGraph = () => DataFactory.defaultGraph();
export const quad = (
  subject: Quad['subject'],
  predicate: Quad['predicate'],
  object: Quad['object'],
  graph?: Quad['graph'],
) => DataFactory.quad(subject, predicate, object, graph);
export type { NamedNode, Quad, Quad_Object, Term };

/** Well-known namespaces used across the code base. */
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  schema: 'http://schema.org/',
  sh: 'http://www.w3.org/ns/shacl#',
  void: 'http://rdfs.org/ns/void#',
  dcterms: 'http://purl.org/dc/terms/',
} as const;

export const RDF_TYPE = `${NS.rdf}type`;

/** Converts any RDF/JS-shaped quad (jsonld.js, oxigraph, rdfxml parser) into an n3 quad. */
export function toN3Quad(input: {
  subject: TermLike;
  predicate: TermLike;
  object: TermLike;
  graph?: TermLike;
}): Quad {
  return quad(
    toN3Term(input.subject) as Quad['subject'],
    toN3Term(input.predicate) as Quad['predicate'],
    toN3Term(input.object) as Quad['object'],
    (input.graph ? toN3Term(input.graph) : defaultGraph()) as Quad['graph'],
  );
}

/** The minimal RDF/JS term shape every library agrees on. */
export interface TermLike {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}

/** Converts any RDF/JS-shaped term into an n3 term. */
export function toN3Term(term: TermLike): Term {
  switch (term.termType) {
    case 'NamedNode':
      return namedNode(term.value);
    case 'BlankNode':
      return blankNode(term.value);
    case 'Literal':
      return term.language
        ? literal(term.value, term.language)
        : literal(term.value, term.datatype ? namedNode(term.datatype.value) : undefined);
    case 'DefaultGraph':
      return defaultGraph();
    default:
      throw new TypeError(`Unsupported RDF term type: ${term.termType}`);
  }
}
