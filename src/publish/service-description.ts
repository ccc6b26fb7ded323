import {
  blankNode,
  literal,
  namedNode,
  NS,
  quad,
  RDF_TYPE,
  type Quad,
} from '../rdf/data-factory.js';
import { RDF_FORMATS, RESULT_FORMATS } from '../rdf/formats.js';
import type { QueryLimits } from './sparql-service.js';

/** The SPARQL 1.1 Service Description namespace. */
export const SD = 'http://www.w3.org/ns/sparql-service-description#';

/** W3C's unique URIs for formats (https://www.w3.org/ns/formats/). */
const FORMATS = 'http://www.w3.org/ns/formats/';

/** The prefixes the description is written with. */
export const SERVICE_DESCRIPTION_PREFIXES: Readonly<Record<string, string>> = {
  sd: SD,
  void: NS.void,
  formats: FORMATS,
  rdfs: NS.rdfs,
  xsd: NS.xsd,
};

/** What {@link serviceDescriptionQuads} describes. */
export interface ServiceDescriptionInput {
  /** The endpoint's absolute URL (`http://localhost:8080/sparql`). */
  endpoint: string;
  /** The site's base URL: the VoID dataset is `<base>.well-known/void#dataset`. */
  baseUrl: string;
  /** The named graph holding the data (also the default graph, as the union of all graphs). */
  graph: string;
  /** Triples in the dataset. */
  triples: number;
  /** Stated in the description's comment when known. */
  limits: QueryLimits | undefined;
}

/**
 * The endpoint's SPARQL 1.1 Service Description (W3C Recommendation, §3): a read-only SPARQL
 * 1.1 Query service with its result formats, the union-default-graph feature, and its default
 * dataset, which is the VoID dataset of /.well-known/void holding one named graph. The limits
 * are stated in a comment (the vocabulary has no terms for them). Deterministic given the input.
 */
export function serviceDescriptionQuads(input: ServiceDescriptionInput): Quad[] {
  const service = namedNode(input.endpoint);
  const sd = (term: string) => namedNode(`${SD}${term}`);
  const dataset = namedNode(`${input.baseUrl}.well-known/void#dataset`);
  const defaultGraph = blankNode('defaultGraph');
  const namedGraph = blankNode('namedGraph');
  const graph = blankNode('graph');
  const triples = literal(String(input.triples), namedNode(`${NS.xsd}integer`));
  const { limits } = input;
  const out: Quad[] = [
    quad(service, namedNode(RDF_TYPE), sd('Service')),
    quad(service, sd('endpoint'), service),
    quad(service, sd('supportedLanguage'), sd('SPARQL11Query')),
    quad(service, sd('feature'), sd('UnionDefaultGraph')),
    quad(
      service,
      sd('defaultEntailmentRegime'),
      namedNode('http://www.w3.org/ns/entailment/Simple'),
    ),
    quad(
      service,
      namedNode(`${NS.rdfs}comment`),
      literal(
        limits
          ? `Read-only SPARQL 1.1 Query endpoint. Each query runs for at most ${limits.timeoutMs / 1000} s and returns at most ${limits.maxResults} results; SERVICE and updates are refused.`
          : 'Read-only SPARQL 1.1 Query endpoint.',
        'en',
      ),
    ),
    quad(service, sd('defaultDataset'), dataset),
    quad(dataset, namedNode(RDF_TYPE), sd('Dataset')),
    quad(dataset, sd('defaultGraph'), defaultGraph),
    quad(defaultGraph, namedNode(RDF_TYPE), sd('Graph')),
    quad(defaultGraph, namedNode(`${NS.void}triples`), triples),
    quad(dataset, sd('namedGraph'), namedGraph),
    quad(namedGraph, namedNode(RDF_TYPE), sd('NamedGraph')),
    quad(namedGraph, sd('name'), namedNode(input.graph)),
    quad(namedGraph, sd('graph'), graph),
    quad(graph, namedNode(RDF_TYPE), sd('Graph')),
    quad(graph, namedNode(`${NS.void}triples`), triples),
  ];
  // Every format of the one registry that W3C names: the answers of SELECT/ASK, then of
  // CONSTRUCT/DESCRIBE (the HTML table and page have no format IRI).
  for (const format of [...RESULT_FORMATS, ...RDF_FORMATS]) {
    if (format.formatIri !== undefined)
      out.push(quad(service, sd('resultFormat'), namedNode(format.formatIri)));
  }
  return out;
}
