// The public API of profile-graph: the same steps the CLI runs, for use as a library.
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { ProfileGraphError, hasErrors, sortDiagnostics } from './model/diagnostic.js';
export { CODES, type Code, type CodeInfo } from './model/codes.js';
export type { SiteConfig } from './model/config.js';
export { DEFAULT_CONFIG } from './model/config.js';
export { loadConfig, CONFIG_FILE_NAME, type LoadedConfig } from './load/config.js';
export { loadSources, type LoadedSources } from './load/load-sources.js';
export {
  parseSourceFile,
  locate,
  type SourceFile,
  type Position,
  type JsonValue,
} from './load/source-file.js';
export { createDocumentLoader, type DocumentLoader } from './rdf/document-loader.js';
export { jsonLdToQuads } from './rdf/json-ld-to-quads.js';
export { readRdf, type ReadRdfResult } from './rdf/read-rdf.js';
export { parseRdf } from './rdf/parse.js';
export {
  serialize,
  compactToSchemaOrg,
  type JsonLdProfile,
  type SchemaOrgDocument,
  type SerializeOptions,
} from './rdf/serialize.js';
export { RDF_FORMATS, findRdfFormat, type RdfFormat, type RdfFormatName } from './rdf/formats.js';
export { canonicalizeQuads } from './rdf/canonical.js';
export {
  buildDataset,
  locateProject,
  openProject,
  publishDataset,
  runPipeline,
  type Dataset,
  type DatasetOutcome,
  type PipelineOutcome,
  type Project,
  type ProjectFlags,
} from './pipeline/run-pipeline.js';
export {
  publishSite,
  renderResource,
  type DeferredResource,
  type Resource,
  type Site,
  type SiteResource,
} from './publish/site.js';
export { createApp } from './serve/app.js';
export { respond } from './http/respond.js';
export { exportSite, type ExportResult } from './export/export-site.js';
export { planExport, streamExport } from './export/plan.js';
export type { ExportFile } from './export/export-file.js';
export {
  createValidators,
  validateProfile,
  type ValidateOptions,
  type ValidationResult,
} from './validate/validate.js';
export { readDataHistory, type DataHistory } from './load/data-history.js';
export { createSparqlEngine, type SparqlEngine } from './sparql/engine.js';
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';
