import type { CodeInfo } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * The diagnostic codes of the SPARQL endpoint and `profile-graph query`, with their meaning.
 * (Kept here rather than in model/codes.ts while that file has other owners; same shape.)
 */
export const SPARQL_CODES = {
  'sparql/empty-query': {
    severity: 'error',
    description: 'The request has no query text.',
  },
  'sparql/syntax': {
    severity: 'error',
    description: 'The query does not parse (SPARQL 1.1 Query grammar); the parser says where.',
  },
  'sparql/query-too-long': {
    severity: 'error',
    description: 'The query text is longer than the query-length limit.',
  },
  'sparql/too-complex': {
    severity: 'error',
    description:
      'The query nests deeper or has more terms than the limits allow, or it made the query engine fail (a crash in the engine, which is then replaced).',
  },
  'sparql/bad-graph-iri': {
    severity: 'error',
    description:
      'A default-graph-uri or named-graph-uri parameter is not an absolute IRI (SPARQL 1.1 Protocol §2.1.4).',
  },
  'sparql/update-refused': {
    severity: 'error',
    description: 'The request is a SPARQL Update; the endpoint is read-only.',
  },
  'sparql/service-refused': {
    severity: 'error',
    description:
      'The query uses SERVICE (federated query); the endpoint never makes outbound requests.',
  },
  'sparql/evaluation': {
    severity: 'error',
    description: 'The query parses but cannot be evaluated (an unsupported function or feature).',
  },
  'sparql/timeout': {
    severity: 'error',
    description: 'The query ran longer than the time limit and was stopped.',
  },
  'sparql/too-many-results': {
    severity: 'error',
    description: 'The query has more results than the result-size limit allows.',
  },
  'sparql/result-too-large': {
    severity: 'error',
    description: 'The query result has more bytes than the result-size limit allows.',
  },
  'sparql/busy': {
    severity: 'error',
    description: 'Every query worker stayed busy for longer than the time limit.',
  },
  'sparql/unsupported-result': {
    severity: 'error',
    description:
      'The result cannot be written in the requested format (e.g. RDF 1.2 triple terms).',
  },
  'sparql/engine-failure': {
    severity: 'error',
    description: 'The query engine failed (a worker crashed or could not start).',
  },
  'sparql/remote': {
    severity: 'error',
    description:
      'A remote SPARQL endpoint (query --endpoint) answered with an error or not at all.',
  },
} as const satisfies Record<string, CodeInfo>;

/** A SPARQL diagnostic code. */
export type SparqlCode = keyof typeof SPARQL_CODES;

/** Why a query produced no result: a Diagnostic with a SPARQL code, located in the query text. */
export interface QueryFailure extends Diagnostic {
  code: SparqlCode;
}

/** Builds a {@link QueryFailure} (severity error). */
export function queryFailure(
  code: SparqlCode,
  message: string,
  extra: Partial<Pick<Diagnostic, 'line' | 'column' | 'hint'>> = {},
): QueryFailure {
  return { code, severity: 'error', message, ...extra };
}

/**
 * The HTTP status for a failure (SPARQL 1.1 Protocol §2.1.3: a malformed or refused query is a
 * 400). A timeout is 503 as in Fuseki: the query may succeed when the server is less loaded or
 * the data smaller; `busy` is 503 too (with Retry-After). A crashed engine is the server's fault.
 */
export function failureStatus(failure: QueryFailure): number {
  switch (failure.code) {
    case 'sparql/timeout':
    case 'sparql/busy':
      return 503;
    case 'sparql/engine-failure':
    case 'sparql/remote':
      return 500;
    default:
      return 400;
  }
}
