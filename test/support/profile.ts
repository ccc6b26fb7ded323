import { fileURLToPath } from 'node:url';
import { loadSources } from '../../src/load/load-sources.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { toDataset } from './to-dataset.js';

/** The repository root (tests run against the bundled profile in data/). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Base URL of the bundled configuration. */
export const BASE_URL = 'http://localhost:8080/';

/** Loads the bundled profile's canonical dataset as written (no page dates, no validation). */
export async function loadBundledDataset() {
  const documentLoader = createDocumentLoader();
  const { sources, diagnostics } = await loadSources('data', REPO_ROOT);
  const dataset = await toDataset(sources, { baseUrl: BASE_URL, documentLoader });
  return {
    sources,
    quads: dataset.quads,
    diagnostics: [...diagnostics, ...dataset.diagnostics],
    documentLoader,
  };
}
