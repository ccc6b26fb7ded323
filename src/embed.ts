// profile-graph/embed: the graph in any web page. Imports nothing from Node (no `node:` module,
// no Node types), so it runs in Node, Deno, Bun, edge workers and browsers alike.
export {
  escapeJsonForScript,
  jsonLdScript,
  jsonLdScriptParts,
  type JsonLdScriptAttributes,
  type JsonLdScriptOptions,
  type JsonLdScriptParts,
} from './embed/script.js';
export {
  createGraph,
  type GraphBuilder,
  type GraphNode,
  type GraphOptions,
  type GraphResult,
} from './embed/graph.js';
export { stringifyJsonLd, type JsonLdObject, type JsonLdValue } from './embed/json.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { ProfileGraphError } from './model/diagnostic.js';
export { CODES, type Code, type CodeInfo } from './model/codes.js';
