import type { SourceFile } from '../load/source-file.js';
import { parseSourceFile } from '../load/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalizeQuads } from './canonical.js';
import type { Quad } from './data-factory.js';
import type { DocumentLoader } from './document-loader.js';
import type { RdfFormatName } from './formats.js';
import { jsonLdToQuads } from './json-ld-to-quads.js';
import { parseRdf } from './parse.js';

/** Options for {@link readRdf}. */
export interface ReadRdfOptions {
  format: RdfFormatName;
  /** Path reported in diagnostics (`-` for standard input). */
  file: string;
  baseUrl: string;
  documentLoader: DocumentLoader;
}

/** Canonical quads read from one document, or the located diagnostics that stopped it. */
export interface ReadRdfResult {
  quads: Quad[];
  diagnostics: Diagnostic[];
  /** The parsed JSON when the input was JSON-LD (for later, JSON-aware checks). */
  source?: SourceFile;
}

/**
 * Reads one RDF document in any supported format into canonical quads. JSON-LD goes through the
 * same located, lossless path as `data/` files; the other formats through their parsers. Never
 * throws for bad input.
 */
export async function readRdf(text: string, options: ReadRdfOptions): Promise<ReadRdfResult> {
  if (options.format === 'jsonld') {
    const parsed = parseSourceFile(options.file, text);
    if (!parsed.ok) return { quads: [], diagnostics: parsed.diagnostics };
    if (parsed.diagnostics.length > 0)
      return { quads: [], diagnostics: parsed.diagnostics, source: parsed.source };
    const result = await jsonLdToQuads(parsed.source, options);
    return {
      quads: await canonicalizeQuads(result.quads),
      diagnostics: result.diagnostics,
      source: parsed.source,
    };
  }
  const result = await parseRdf(text, options.format, {
    baseIri: options.baseUrl,
    file: options.file,
  });
  return { quads: await canonicalizeQuads(result.quads), diagnostics: result.diagnostics };
}
