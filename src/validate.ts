// profile-graph/validate: the `validate` command as functions. Loads the validation layers and
// the pipeline only: no server, no SPARQL engine.
export {
  validateDocuments,
  validateFiles,
  validateFolder,
  type ValidateInputOptions,
  type ValidationReport,
} from './pipeline/validate-input.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { ProfileGraphError, hasErrors, sortDiagnostics } from './model/diagnostic.js';
export { CODES, type Code, type CodeInfo } from './model/codes.js';
