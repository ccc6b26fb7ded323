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
  'rdf/syntax': {
    severity: 'error',
    description: 'An RDF document (Turtle, N-Triples, N-Quads, TriG, RDF/XML) does not parse.',
  },
  'rdf/named-graphs': {
    severity: 'error',
    description:
      'The data has named graphs and the requested format (Turtle, N-Triples, RDF/XML) cannot carry them.',
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
    description: 'A file exists but cannot be read.',
  },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code known to profile-graph. */
export type Code = keyof typeof CODES;
