import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';

// The terms n3 makes, typed as the RDF/JS interfaces (@rdfjs/types, a dependency) plus what
// n3's terms have beyond them: `id`, n3's exact string key for a term (termToId), which this
// code base reads, and `toJSON`. n3's own classes stay out of these types because they reach the
// published declarations, and n3 ships no types (@types/n3 is a dev dependency only); the shapes
// match @types/n3's classes both ways, so n3's terms and these mix freely.
interface N3Term {
  /** n3's id of the term: its IRI, `_:label`, `"lexical"@lang` / `"lexical"^^<datatype>`. */
  readonly id: string;
  toJSON(): object;
}
export type NamedNode<Iri extends string = string> = RDF.NamedNode<Iri> & N3Term;
export type BlankNode = RDF.BlankNode & N3Term;
export type Literal = RDF.Literal &
  N3Term & { readonly datatype: NamedNode; readonly datatypeString: string };
export type Variable = RDF.Variable & N3Term;
export type DefaultGraph = RDF.DefaultGraph & N3Term;
export type Term = NamedNode | BlankNode | Literal | Variable | DefaultGraph;
export type Quad_Subject = NamedNode | BlankNode | Variable;
export type Quad_Predicate = NamedNode | Variable;
export type Quad_Object = NamedNode | Literal | BlankNode | Variable;
export type Quad_Graph = DefaultGraph | NamedNode | BlankNode | Variable;
/** An RDF/JS quad whose terms are n3's (each with its `id`); no quoted triples (RDF-star). */
export interface Quad extends RDF.Quad {
  readonly subject: Quad_Subject;
  readonly predicate: Quad_Predicate;
  readonly object: Quad_Object;
  readonly graph: Quad_Graph;
  toJSON(): string;
}

// n3's factory functions do not use `this`; re-exported as plain functions for destructuring.
export const namedNode = (iri: string): NamedNode => DataFactory.namedNode(iri);
export const blankNode = (label?: string): BlankNode => DataFactory.blankNode(label);
export const literal = (value: string | number, languageOrDatatype?: string | NamedNode): Literal =>
  DataFactory.literal(value, languageOrDatatype);
export const defaultGraph = (): DefaultGraph => DataFactory.defaultGraph();
export const quad = (
  subject: Quad['subject'],
  predicate: Quad['predicate'],
  object: Quad['object'],
  graph?: Quad['graph'],
): Quad => DataFactory.quad(subject, predicate, object, graph);

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
