// The limits a query runs under, and the checks made on its text before any worker sees it.
import { queryFailure, type QueryFailure } from './failure.js';
import { inspectQuery, type QueryForm, type QueryInspection } from './inspect-query.js';

/** The limits every query runs under. */
export interface SparqlLimits {
  /** Wall-clock time a query may run before it is stopped (ms). */
  timeoutMs: number;
  /** The most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) a result may have. */
  maxResults: number;
  /**
   * The most bytes a result may have, counted in the worker as it is written (SELECT: its SPARQL
   * JSON; CONSTRUCT/DESCRIBE: its terms' text), before it is copied to the main thread.
   */
  maxResultBytes: number;
  /** The longest query text, in characters. */
  maxQueryLength: number;
  /** How deeply a query's brackets (`{`, `(`, `[`) may nest. */
  maxDepth: number;
  /**
   * The most terms and operators a query may have (see `QueryInspection.terms`): this bounds
   * IN lists, UNION chains and operator chains, which the engine parses and evaluates
   * recursively (a few thousand exhaust its stack).
   */
  maxTerms: number;
}

/**
 * 5 s and 10,000 rows: generous for a profile, small enough that no query hogs the server. The
 * query-shape limits sit well below where oxigraph 0.5's recursion overflows (about 700 nested
 * groups, 2,500 chained operators, 4,000 IN items; bench notes in README): 64 levels and 1,000
 * terms are far beyond hand-written queries.
 */
export const DEFAULT_LIMITS: Readonly<SparqlLimits> = Object.freeze({
  timeoutMs: 5000,
  maxResults: 10_000,
  maxResultBytes: 16 * 1024 * 1024,
  maxQueryLength: 100_000,
  maxDepth: 64,
  maxTerms: 1000,
});

/** The limits with every one not given taken from {@link DEFAULT_LIMITS}. */
export function resolveLimits(given: Partial<SparqlLimits>): SparqlLimits {
  return {
    timeoutMs: given.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxResults: given.maxResults ?? DEFAULT_LIMITS.maxResults,
    maxResultBytes: given.maxResultBytes ?? DEFAULT_LIMITS.maxResultBytes,
    maxQueryLength: given.maxQueryLength ?? DEFAULT_LIMITS.maxQueryLength,
    maxDepth: given.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxTerms: given.maxTerms ?? DEFAULT_LIMITS.maxTerms,
  };
}

/** One query request: the text and the dataset the protocol request names, if any. */
export interface QueryRequest {
  query: string;
  /** `default-graph-uri` values (SPARQL 1.1 Protocol §2.1.4). */
  defaultGraphs?: readonly string[];
  /** `named-graph-uri` values. */
  namedGraphs?: readonly string[];
}

/**
 * A query checked before it runs: its form (`undefined` when it cannot be told: the text will
 * not parse, and running it gets the parser's explanation), or why it is refused.
 */
export type PreparedQuery =
  | { ok: true; form: QueryForm | undefined; inspection: QueryInspection }
  | { ok: false; failure: QueryFailure };

/**
 * The checks that need no engine, made before a query runs (and before the result format is
 * negotiated): an empty text, a text over the length limit, a SPARQL Update, SERVICE, and a
 * query nested deeper or with more terms than the limits allow are refused; the form is told
 * from the text. Linear in the text's length (one scan). Never throws.
 */
export function prepareQuery(
  text: string,
  limits: Pick<SparqlLimits, 'maxQueryLength' | 'maxDepth' | 'maxTerms'> = DEFAULT_LIMITS,
): PreparedQuery {
  if (text.trim() === '')
    return { ok: false, failure: queryFailure('sparql/empty-query', 'The query is empty.') };
  if (text.length > limits.maxQueryLength) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/query-too-long',
        `The query is ${text.length} characters long; the limit is ${limits.maxQueryLength}.`,
      ),
    };
  }
  const inspection = inspectQuery(text);
  if (inspection.nesting.depth > limits.maxDepth) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/too-complex',
        `The query nests brackets ${inspection.nesting.depth} levels deep; the limit is ${limits.maxDepth}.`,
        inspection.nesting.position ?? {},
      ),
    };
  }
  if (inspection.terms > limits.maxTerms) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/too-complex',
        `The query has ${inspection.terms} terms and operators; the limit is ${limits.maxTerms}.`,
        { hint: 'split long IN lists, UNION chains or VALUES blocks into several queries' },
      ),
    };
  }
  const form = inspection.form;
  if (form === 'update') {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/update-refused',
        'This is a SPARQL Update; the endpoint is read-only and answers queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only.',
      ),
    };
  }
  if (inspection.service) {
    return {
      ok: false,
      failure: queryFailure(
        'sparql/service-refused',
        'SERVICE (federated query) is not allowed: the endpoint never sends requests to other servers.',
        inspection.service,
      ),
    };
  }
  return { ok: true, form, inspection };
}

// An absolute IRI (RFC 3987 §2.2: a scheme, then ":") with none of the characters an IRIREF
// excludes (SPARQL 1.1 Query §19.8 [139]). Linear: the scheme cannot contain ":".
// eslint-disable-next-line no-control-regex -- IRIREF excludes exactly #x00-#x20
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\u0000-\u0020]*$/;

/**
 * Why the request's `default-graph-uri` / `named-graph-uri` values (SPARQL 1.1 Protocol
 * §2.1.4) cannot name graphs: the first that is not an absolute IRI, or one with a space or one
 * of `<>"{}|^`\`; `undefined` when all can. Checked before a worker sees them.
 */
export function checkGraphIris(request: QueryRequest): QueryFailure | undefined {
  for (const [parameter, values] of [
    ['default-graph-uri', request.defaultGraphs ?? []],
    ['named-graph-uri', request.namedGraphs ?? []],
  ] as const) {
    for (const value of values) {
      if (ABSOLUTE_IRI.test(value)) continue;
      const shown = value.length > 100 ? `${value.slice(0, 100)}…` : value;
      return queryFailure(
        'sparql/bad-graph-iri',
        `The ${parameter} ${JSON.stringify(shown)} is not an absolute IRI.`,
        {
          hint: 'give a full IRI such as http://example.org/graph, percent-encoding spaces and <>"{}|^`\\',
        },
      );
    }
  }
  return undefined;
}
