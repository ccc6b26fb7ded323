import type { SiteConfig } from '../model/config.js';
import { literal, namedNode, NS, quad, RDF_TYPE, type Quad } from '../rdf/data-factory.js';
import type { GraphDocument } from './documents.js';

const XSD_INTEGER = namedNode(`${NS.xsd}integer`);

/**
 * The VoID description of the dataset (W3C VoID, §4 and §6.3 for /.well-known/void): counts of
 * triples, entities, distinct subjects/objects, the vocabularies used, the root resource, the
 * data dump in each format, the SPARQL endpoint (the configured store's, else this site's) and
 * the sitemap. Deterministic given the data.
 */
export function voidQuads(
  config: SiteConfig,
  quads: readonly Quad[],
  documents: readonly GraphDocument[],
): Quad[] {
  const base = config.baseUrl;
  const dataset = namedNode(`${base}.well-known/void#dataset`);
  const v = (term: string) => namedNode(`${NS.void}${term}`);
  const count = (value: number) => literal(String(value), XSD_INTEGER);
  // One pass, no intermediate arrays: at 2 million quads each map/filter was a GC burden.
  const subjects = new Set<string>();
  const entities = new Set<string>();
  const objects = new Set<string>();
  const properties = new Set<string>();
  const classes = new Set<string>();
  for (const q of quads) {
    subjects.add(q.subject.value);
    if (q.subject.termType === 'NamedNode') entities.add(q.subject.value);
    if (q.object.termType !== 'Literal') objects.add(q.object.value);
    properties.add(q.predicate.value);
    if (q.predicate.value === RDF_TYPE) classes.add(q.object.value);
  }
  const vocabularies = new Set(
    [...properties, ...classes]
      .map((iri) => iri.replace(/[^/#]+$/, ''))
      .filter((namespace) => namespace !== ''),
  );
  const out: Quad[] = [
    quad(dataset, namedNode(RDF_TYPE), v('Dataset')),
    quad(dataset, namedNode(`${NS.dcterms}title`), literal(config.siteName)),
    quad(dataset, v('triples'), count(quads.length)),
    quad(dataset, v('entities'), count(entities.size)),
    quad(dataset, v('distinctSubjects'), count(subjects.size)),
    quad(dataset, v('distinctObjects'), count(objects.size)),
    quad(dataset, v('properties'), count(properties.size)),
    quad(dataset, v('classes'), count(classes.size)),
    quad(dataset, v('documents'), count(documents.length)),
    quad(dataset, v('uriSpace'), literal(base)),
    quad(dataset, v('rootResource'), namedNode(base)),
    quad(dataset, v('feature'), namedNode('http://www.w3.org/ns/formats/Turtle')),
    quad(dataset, v('feature'), namedNode('http://www.w3.org/ns/formats/RDF_XML')),
    quad(dataset, v('feature'), namedNode('http://www.w3.org/ns/formats/JSON-LD')),
    quad(dataset, v('feature'), namedNode('http://www.w3.org/ns/formats/N-Triples')),
    quad(dataset, v('dataDump'), namedNode(`${base}dump.nt`)),
    quad(dataset, v('dataDump'), namedNode(`${base}dump.ttl`)),
    quad(dataset, v('dataDump'), namedNode(`${base}dump.jsonld`)),
    quad(dataset, v('sparqlEndpoint'), namedNode(config.sparqlEndpoint ?? `${base}sparql`)),
  ];
  for (const vocabulary of [...vocabularies].sort())
    out.push(quad(dataset, v('vocabulary'), namedNode(vocabulary)));
  return out;
}
