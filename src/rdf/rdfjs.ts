import type { Quad as RdfJsQuad, Term as RdfJsTerm } from '@rdfjs/types';
import { CODES } from '../model/codes.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { toN3Quad } from './data-factory.js';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import type { RdfFormatName } from './formats.js';
import { readRdf } from './read-rdf.js';
import { serialize, type JsonLdProfile } from './serialize.js';

/** Options for {@link parseQuads}. */
export interface ParseQuadsOptions {
  /** The document's format (a name of `RDF_FORMATS`). */
  format: RdfFormatName;
  /** Absolute IRI that relative IRIs (and relative JSON-LD `@id`s) resolve against. */
  baseIri: string;
  /** Name reported in diagnostics; `-` (standard input) by default. */
  file?: string;
  /**
   * The offline JSON-LD document loader (schema.org context bundled, everything else refused).
   * Share one across calls: each new one parses the 200 KB context again.
   */
  documentLoader?: DocumentLoader;
}

/** The quads of a document, or the located diagnostics that stopped it (then `quads` is empty). */
export interface ParseQuadsResult {
  quads: RdfJsQuad[];
  diagnostics: Diagnostic[];
}

/**
 * Parses a document in any format of the registry into RDF/JS quads, the way the CLI's
 * `convert` reads it: JSON-LD offline and located (`syntax/*`, `jsonld/*`), the other formats
 * with `rdf/syntax` at the line and column. Blank nodes get canonical labels (RDFC-1.0), so the
 * same graph gives the same quads. Never throws for bad input.
 */
export async function parseQuads(
  text: string,
  options: ParseQuadsOptions,
): Promise<ParseQuadsResult> {
  const result = await readRdf(text, {
    format: options.format,
    file: options.file ?? '-',
    baseUrl: options.baseIri,
    documentLoader: options.documentLoader ?? createDocumentLoader(),
  });
  return { quads: result.quads, diagnostics: result.diagnostics };
}

/** Options for {@link serializeQuads}. */
export interface SerializeQuadsOptions {
  /** Prefixes for Turtle, TriG and RDF/XML (default: schema, rdf, rdfs, xsd). */
  prefixes?: Readonly<Record<string, string>>;
  /** JSON-LD form: `compacted` (default, against schema.org), `expanded` or `flattened`. */
  jsonLdProfile?: JsonLdProfile;
  /** The offline document loader JSON-LD compaction resolves the schema.org context with. */
  documentLoader?: DocumentLoader;
}

const WRITABLE_TERMS: ReadonlySet<string> = new Set([
  'NamedNode',
  'BlankNode',
  'Literal',
  'DefaultGraph',
]);

/**
 * Writes RDF/JS quads (from any RDF/JS library) in a format of the registry, as the CLI's
 * `convert --to` does: sorted, so equal graphs with equal blank node labels give equal bytes.
 *
 * Throws `ProfileGraphError` with `rdf/named-graphs` when the quads have named graphs and the
 * format cannot carry them (Turtle, N-Triples, RDF/XML), and with `rdf/not-representable` for
 * what the format cannot express (a variable or quoted triple as a term, a predicate IRI
 * without an XML name in RDF/XML).
 */
export async function serializeQuads(
  quads: Iterable<RdfJsQuad>,
  format: RdfFormatName,
  options: SerializeQuadsOptions = {},
): Promise<string> {
  const converted = [];
  for (const quad of quads) {
    const odd = [quad.subject, quad.predicate, quad.object, quad.graph].find(
      (term: RdfJsTerm) => !WRITABLE_TERMS.has(term.termType),
    );
    if (odd) {
      throw new ProfileGraphError([
        {
          code: 'rdf/not-representable',
          severity: CODES['rdf/not-representable'].severity,
          message: `A quad has a ${odd.termType} term, which no RDF format here can write.`,
        },
      ]);
    }
    converted.push(toN3Quad(quad));
  }
  return serialize(converted, format, {
    ...(options.prefixes ? { prefixes: options.prefixes } : {}),
    ...(options.jsonLdProfile ? { jsonLdProfile: options.jsonLdProfile } : {}),
    documentLoader:
      options.documentLoader ?? (format === 'jsonld' ? createDocumentLoader() : undefined),
  });
}
