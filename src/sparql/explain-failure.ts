// What a query's failure says: the worker's verdict on the query, or the pool's on the worker,
// worded for the person who sent the query (sparql/failure.ts keeps the codes and statuses).
import type { TaskOutcome } from '../runtime/pool.js';
import { queryFailure, type QueryFailure } from './failure.js';
import type { QueryInspection } from './inspect-query.js';
import type { SparqlLimits } from './limits.js';
import type { QueryTaskResult, WorkerError } from './query-task.js';

/**
 * The failure of a query whose task did not answer: the pool's `runtime/*` outcome in SPARQL
 * terms. `runtime/timeout` is `sparql/timeout`, `runtime/busy` is `sparql/busy`, a WebAssembly
 * trap is `sparql/too-complex` (the query made the engine fail), a closed pool or a lost
 * worker is `sparql/engine-failure`; a `sparql/*` diagnostic (a dataset that cannot be loaded)
 * is kept as it is.
 */
export function explainPoolFailure(
  outcome: Extract<TaskOutcome<QueryTaskResult>, { ok: false }>,
  limits: SparqlLimits,
): QueryFailure {
  const { diagnostic, error } = outcome;
  if (diagnostic.code.startsWith('sparql/')) return diagnostic as QueryFailure;
  switch (diagnostic.code) {
    case 'runtime/timeout':
      // Oxigraph cannot cancel a running query: the pool ended the thread.
      return queryFailure(
        'sparql/timeout',
        `The query ran longer than the time limit of ${formatSeconds(limits.timeoutMs)} and was stopped.`,
        { hint: 'make it more selective, or add a LIMIT' },
      );
    case 'runtime/busy':
      return busy(limits);
    case 'runtime/closed':
    case 'runtime/aborted':
      return engineClosed();
    default:
      if (error?.name === 'RuntimeError') return faulted(error.message);
      return queryFailure(
        'sparql/engine-failure',
        `The query engine failed: ${diagnostic.message}`,
      );
  }
}

/** Every worker stayed busy for the time limit, or the queue is full. */
export function busy(limits: SparqlLimits): QueryFailure {
  return queryFailure(
    'sparql/busy',
    `Every query worker stayed busy for ${formatSeconds(limits.timeoutMs)}; try again shortly.`,
  );
}

/** The engine was closed before the query could be answered. */
export function engineClosed(): QueryFailure {
  return queryFailure('sparql/engine-failure', 'The query engine is closed.');
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The failure of a query its worker answered with an error. */
export function explainWorkerError(
  error: WorkerError,
  limits: SparqlLimits,
  inspection: QueryInspection,
): QueryFailure {
  switch (error.kind) {
    case 'syntax':
      return explainSyntaxError(error, inspection);
    case 'evaluation':
      return queryFailure('sparql/evaluation', `The query cannot be evaluated: ${error.message}`);
    case 'too-many-results':
      return queryFailure('sparql/too-many-results', error.message, {
        hint: `the limit is ${limits.maxResults}`,
      });
    case 'too-large':
      return queryFailure('sparql/result-too-large', error.message, {
        hint: `the limit is ${limits.maxResultBytes} bytes; add a LIMIT, or select fewer or shorter values`,
      });
    case 'unsupported-result':
      return queryFailure('sparql/unsupported-result', error.message);
    case 'fault':
      return faulted(error.message);
  }
}

/**
 * A query that made the engine fail. It is the query's doing (the same text fails again, on any
 * worker), so it is a 400, like the limits it slipped past; the worker has been replaced.
 */
function faulted(reason: string): QueryFailure {
  return queryFailure(
    'sparql/too-complex',
    `The query made the query engine fail (${reason}); the engine was restarted.`,
    { hint: 'simplify the query: less nesting, shorter lists and chains' },
  );
}

/**
 * The usual cause of a syntax error oxigraph cannot place (an undeclared prefix) said plainly,
 * at the prefix; otherwise the hint names an undeclared prefix next to the parser's message.
 */
function explainSyntaxError(error: WorkerError, inspection: QueryInspection): QueryFailure {
  const failure = queryFailure('sparql/syntax', `Syntax error: ${error.message}`, {
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.column === undefined ? {} : { column: error.column }),
  });
  const missing = inspection.undeclaredPrefixes[0];
  if (missing === undefined) return failure;
  const known = WELL_KNOWN_PREFIXES[missing.prefix];
  const declare = known ? `add PREFIX ${missing.prefix}: <${known}>` : undefined;
  if (error.located !== true) {
    return queryFailure(
      'sparql/syntax',
      `Syntax error: the prefix "${missing.prefix}:" is not declared`,
      { ...missing.position, ...(declare ? { hint: declare } : {}) },
    );
  }
  return {
    ...failure,
    hint: `the prefix "${missing.prefix}:" (line ${missing.position.line}) is not declared${declare ? `; ${declare}` : ''}`,
  };
}

const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  schema: 'http://schema.org/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  void: 'http://rdfs.org/ns/void#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
};
