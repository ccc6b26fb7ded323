import type { Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';

/** A SPARQL diagnostic code (listed with the others in `model/codes.ts`). */
export type SparqlCode = Extract<Code, `sparql/${string}`>;

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
    // RFC 9110 §15.6.3 and §15.6.5: the store behind `serve --sparql-endpoint` failed or
    // answered late; the server itself is fine.
    case 'sparql/store-unreachable':
    case 'sparql/store-bad-answer':
    case 'sparql/store-failed':
      return 502;
    case 'sparql/store-busy':
      return 503;
    case 'sparql/store-timeout':
      return 504;
    default:
      return 400;
  }
}
