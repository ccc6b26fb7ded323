import { readSourceFile, type DataFile } from '../load/load-sources.js';
import type { SourceFile } from '../load/source-file.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Quad } from '../rdf/data-factory.js';
import type { DocumentLoader } from '../rdf/document-loader.js';
import { jsonLdToQuads } from '../rdf/json-ld-to-quads.js';
import type { JsonSchemaValidator } from './json-schema.js';

/** The per-file layers' tools: what a worker builds once, or the main thread already has. */
export interface FileCheckTools {
  jsonSchema: JsonSchemaValidator;
  documentLoader: DocumentLoader;
  baseUrl: string;
}

/** The per-file stages, also keys of the validation timings. */
export type FileStage = 'load' | 'schema' | 'jsonld';

/** What the per-file layers found in one file. */
export interface FileCheck {
  /** The parsed file, unless its JSON is broken. */
  source?: SourceFile;
  diagnostics: Diagnostic[];
  /** Its triples, when every per-file layer passed (blank nodes labelled per file). */
  quads: Quad[];
  /** Milliseconds per stage. */
  ms: Record<FileStage, number>;
}

/**
 * Layers 1–3 on one file: JSON syntax, JSON Schema, then JSON-LD, each only when the previous
 * passed. `index` (the file's place in the sorted list) labels its blank nodes `f<index>_…`, so
 * blank nodes of different files never merge (RDF 1.1 Semantics §5.2) and the labels do not
 * depend on which thread checked the file.
 */
export async function checkFile(
  file: DataFile,
  index: number,
  tools: FileCheckTools,
): Promise<FileCheck> {
  const ms = { load: 0, schema: 0, jsonld: 0 };
  let started = performance.now();
  const lap = (stage: FileStage) => {
    const now = performance.now();
    ms[stage] += now - started;
    started = now;
  };
  const parsed = readSourceFile(file);
  lap('load');
  if (!parsed.ok) return { diagnostics: parsed.diagnostics, quads: [], ms };
  const { source } = parsed;
  const schema = tools.jsonSchema.validate(source);
  const diagnostics = [...parsed.diagnostics, ...schema];
  lap('schema');
  if (hasErrors(schema)) return { source, diagnostics, quads: [], ms };
  const converted = await jsonLdToQuads(source, {
    baseUrl: tools.baseUrl,
    documentLoader: tools.documentLoader,
    blankNodePrefix: `f${String(index)}_`,
  });
  lap('jsonld');
  return {
    source,
    diagnostics: [...diagnostics, ...converted.diagnostics],
    quads: converted.quads,
    ms,
  };
}
