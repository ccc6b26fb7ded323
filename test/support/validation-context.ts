import { buildNodeIndex } from '../../src/validate/node-index.js';
import { parseSourceFile, type SourceFile } from '../../src/load/source-file.js';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { createSchemaOrgTerms } from '../../src/rdf/schema-org-terms.js';
import { toDataset } from './to-dataset.js';
import type { ValidationContext } from '../../src/validate/context.js';

const documentLoader = createDocumentLoader();
const terms = createSchemaOrgTerms();

/**
 * Builds the graph-level ValidationContext from in-memory files, as validateProfile does;
 * `media` lists the images in the data folder by their path under it.
 */
export async function contextFromFiles(
  files: Readonly<Record<string, string>>,
  media: readonly string[] = [],
): Promise<ValidationContext> {
  const baseUrl = 'http://localhost:8080/';
  const sources: SourceFile[] = Object.entries(files).map(([file, text]) => {
    const parsed = parseSourceFile(file, text);
    if (!parsed.ok) throw new Error(`fixture ${file} must parse`);
    return parsed.source;
  });
  const dataset = await toDataset(sources, { baseUrl, documentLoader });
  if (dataset.diagnostics.length > 0) throw new Error(JSON.stringify(dataset.diagnostics));
  return {
    config: { ...DEFAULT_CONFIG, baseUrl },
    sources,
    nodes: buildNodeIndex(sources, baseUrl, terms),
    terms,
    quads: dataset.quads,
    media: new Set(media),
  };
}
