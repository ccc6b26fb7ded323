import type { SourceFile } from '../../src/load/source-file.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { canonicalizeQuads } from '../../src/rdf/canonical.js';
import type { Quad } from '../../src/rdf/data-factory.js';
import type { DocumentLoader } from '../../src/rdf/document-loader.js';
import { jsonLdToQuads } from '../../src/rdf/json-ld-to-quads.js';

/** Options for {@link toDataset}. */
export interface ToDatasetOptions {
  baseUrl: string;
  documentLoader: DocumentLoader;
}

/** The merged graph of all sources, canonical and sorted, with every JSON-LD diagnostic. */
export interface DatasetResult {
  quads: Quad[];
  diagnostics: Diagnostic[];
}

/**
 * For tests of single layers over in-memory files: the commands go through the pipeline
 * (`src/pipeline/run-pipeline.ts`), which validates first and adds the page dates.
 *
 * Converts every source file to quads and merges them into one dataset (default graph). Blank
 * nodes stay distinct per file; the result is canonicalised (RDFC-1.0 labels, sorted, no
 * duplicates) so every serialisation of it is deterministic. A file with JSON-LD errors
 * contributes diagnostics and no quads.
 */
export async function toDataset(
  sources: readonly SourceFile[],
  options: ToDatasetOptions,
): Promise<DatasetResult> {
  // One file at a time: jsonld.js is CPU-bound, and concurrent calls would each resolve and
  // process the 200 KB schema.org context before the first one has cached it.
  const results = [];
  for (const [index, source] of sources.entries()) {
    results.push(
      await jsonLdToQuads(source, { ...options, blankNodePrefix: `f${String(index)}_` }),
    );
  }
  const quads = results.flatMap((result) => result.quads);
  const diagnostics = results.flatMap((result) => result.diagnostics);
  return { quads: await canonicalizeQuads(quads), diagnostics };
}
