// profile-graph/rdf: read and write every RDF format the CLI has, as RDF/JS quads. Loads the
// RDF parsers and writers only: no server, SPARQL engine or SHACL validator.
export type { Quad, Term } from '@rdfjs/types';
export {
  parseQuads,
  serializeQuads,
  type ParseQuadsOptions,
  type ParseQuadsResult,
  type SerializeQuadsOptions,
} from './rdf/rdfjs.js';
export {
  RDF_FORMATS,
  findRdfFormat,
  type MediaFormat,
  type RdfFormat,
  type RdfFormatName,
} from './rdf/formats.js';
export type { JsonLdProfile } from './rdf/serialize.js';
export { createDocumentLoader, type DocumentLoader } from './rdf/document-loader.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { ProfileGraphError } from './model/diagnostic.js';
export type { Code } from './model/codes.js';
