import type { Severity } from './diagnostic.js';

/** What a diagnostic code means and how serious it is unless a layer says otherwise. */
export interface CodeInfo {
  severity: Severity;
  description: string;
}

/**
 * Every diagnostic code profile-graph emits, with its default severity and documentation.
 * Codes are stable: tools (CI annotations, SARIF dashboards) key on them.
 */
export const CODES = {
  'syntax/invalid-json': {
    severity: 'error',
    description: 'The file is not well-formed JSON (RFC 8259).',
  },
  'syntax/duplicate-key': {
    severity: 'error',
    description:
      'An object has the same key twice; JSON-LD processors would silently keep one value.',
  },
  'syntax/invalid-utf8': {
    severity: 'error',
    description:
      'The file has bytes that are not UTF-8 (RFC 8259 §8.1); they are reported, never replaced by U+FFFD.',
  },
  'syntax/control-character': {
    severity: 'error',
    description:
      'A string holds a raw control character U+0000–U+001F, which JSON requires escaped (RFC 8259 §7).',
  },
  'syntax/lone-surrogate': {
    severity: 'error',
    description:
      'A \\uD800–\\uDFFF escape is not part of a surrogate pair, so it is no character and cannot be published.',
  },
  'syntax/number-out-of-range': {
    severity: 'error',
    description: 'A number is too large for a double (such as 1e999) and would become Infinity.',
  },
  'syntax/too-deep': {
    severity: 'error',
    description:
      'Arrays and objects nest deeper than 500 levels (MAX_JSON_DEPTH); reported at the first too-deep bracket.',
  },
  'rdf/syntax': {
    severity: 'error',
    description: 'An RDF document (Turtle, N-Triples, N-Quads, TriG, RDF/XML) does not parse.',
  },
  'rdf/named-graphs': {
    severity: 'error',
    description:
      'The data has named graphs and the requested format (Turtle, N-Triples, RDF/XML) cannot carry them.',
  },
  'rdf/not-representable': {
    severity: 'error',
    description:
      'The graph uses something the requested format cannot express (e.g. a predicate IRI with no XML name for RDF/XML).',
  },
  'rdf/canonicalization-too-complex': {
    severity: 'error',
    description:
      'Blank nodes are so alike (a ring or clique of identical nodes) that RDFC-1.0 canonical labelling would exceed its work bound; give them @id values.',
  },
  'jsonld/remote-context': {
    severity: 'error',
    description:
      'A remote JSON-LD context or document other than the bundled schema.org context was referenced; nothing is fetched.',
  },
  'jsonld/dropped-term': {
    severity: 'error',
    description:
      'A property does not expand to an absolute IRI, so JSON-LD would drop it silently.',
  },
  'jsonld/relative-iri': {
    severity: 'error',
    description:
      'An IRI stays relative after resolution against the base URL and cannot be used in RDF.',
  },
  'jsonld/lossy': {
    severity: 'error',
    description:
      'JSON-LD processing would lose data (an empty object, a free-floating value, an invalid language tag...).',
  },
  'jsonld/invalid': {
    severity: 'error',
    description: 'The document is not valid JSON-LD 1.1 (for example an @id that is not a string).',
  },
  'schema/required': {
    severity: 'error',
    description: 'A property the authoring schema (shapes/*.schema.json) requires is missing.',
  },
  'schema/type': {
    severity: 'error',
    description: 'A value has the wrong JSON type (string, number, object, array...).',
  },
  'schema/format': {
    severity: 'error',
    description: 'A value is not in the required format (ISO 8601 date, absolute https URL...).',
  },
  'schema/enum': {
    severity: 'error',
    description: 'A value is not one of the allowed values (for example an unsupported @type).',
  },
  'schema/pattern': {
    severity: 'error',
    description: 'A string does not match the pattern the schema requires.',
  },
  'schema/additional-property': {
    severity: 'error',
    description: 'A property the authoring schema does not allow.',
  },
  'schema/invalid': {
    severity: 'error',
    description: 'Any other JSON Schema rule (minimum, minItems, const...) is broken.',
  },
  'vocab/unknown-type': {
    severity: 'error',
    description: 'A @type is not a schema.org class (with a "did you mean" hint).',
  },
  'vocab/unknown-property': {
    severity: 'error',
    description: 'A property is not a schema.org property (with a "did you mean" hint).',
  },
  'vocab/unknown-prefix': {
    severity: 'error',
    description: 'A compact IRI uses a prefix the context does not define.',
  },
  'vocab/domain': {
    severity: 'warning',
    description:
      'A property is used on a type outside its schema:domainIncludes (subclasses considered).',
  },
  'vocab/range': {
    severity: 'warning',
    description: "A value has a type outside the property's schema:rangeIncludes.",
  },
  'vocab/superseded': {
    severity: 'warning',
    description:
      'A term schema.org has superseded (schema:supersededBy); the hint names its replacement.',
  },
  'graph/dangling-reference': {
    severity: 'error',
    description: 'An @id is referenced but described nowhere in data/ and is not an external IRI.',
  },
  'graph/conflicting-value': {
    severity: 'error',
    description:
      'The same @id is described in two places with different values for a single-valued property.',
  },
  'graph/missing-main-entity': {
    severity: 'error',
    description: 'A ProfilePage has no mainEntity.',
  },
  'shacl/violation': {
    severity: 'error',
    description: 'A SHACL shape in shapes/*.ttl reports a violation (sh:Violation).',
  },
  'shacl/warning': {
    severity: 'warning',
    description:
      'A SHACL shape reports a warning (sh:Warning), e.g. a recommended property is missing.',
  },
  'shacl/info': {
    severity: 'info',
    description: 'A SHACL shape reports an informational result (sh:Info).',
  },
  'shacl/invalid-shapes': {
    severity: 'error',
    description: 'A shapes file does not parse or is not valid SHACL.',
  },
  'config/invalid': {
    severity: 'error',
    description: 'The site configuration file does not match its schema.',
  },
  'usage/invalid': {
    severity: 'error',
    description: 'A command-line argument is missing, unknown or malformed.',
  },
  'io/not-found': {
    severity: 'error',
    description:
      'A file or directory named on the command line or in the configuration does not exist.',
  },
  'io/unreadable': {
    severity: 'error',
    description:
      'A file or folder exists but cannot be read (no permission, not a regular file); a data file is named in the diagnostic.',
  },
  'io/write-failed': {
    severity: 'error',
    description:
      'An output could not be written (disk full, a name too long, no permission): the export, whose previous version is then unchanged, or a --timings file.',
  },
  'io/not-an-export': {
    severity: 'error',
    description:
      'The --out folder exists and is neither empty nor an earlier export, so build will not replace it.',
  },
  'export/unsafe-path': {
    severity: 'error',
    description:
      'A URL path of the site cannot be a file (an empty, "." or ".." segment, a backslash or NUL).',
  },
  'export/path-collision': {
    severity: 'error',
    description:
      'Two URLs of the site (or a URL and a generated configuration file) would be written to the same file.',
  },
  'pipeline/timeout': {
    severity: 'error',
    description:
      'Loading and validating the data ran over its time budget (serve --reload-timeout); the work was stopped and the last valid site keeps serving.',
  },
  'runtime/worker-failed': {
    severity: 'error',
    description:
      'A worker thread could not start or stopped during a task (it crashed, ran out of memory, or trapped in WebAssembly); this is a fault in profile-graph or its environment, not in the data.',
  },
  'runtime/task-failed': {
    severity: 'error',
    description: 'A task in a worker thread threw an unexpected error; the worker goes on.',
  },
  'runtime/timeout': {
    severity: 'error',
    description: 'A task in a worker thread ran over its time limit; its worker was ended.',
  },
  'runtime/aborted': {
    severity: 'error',
    description: 'A task in a worker thread was no longer needed and was stopped.',
  },
  'runtime/busy': {
    severity: 'error',
    description: 'Every worker thread was busy and the queue of waiting tasks was full.',
  },
  'runtime/closed': {
    severity: 'error',
    description: 'A task was asked of, or was running in, a worker pool that was closing.',
  },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code known to profile-graph. */
export type Code = keyof typeof CODES;
