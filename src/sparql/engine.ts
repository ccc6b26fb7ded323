// The SPARQL engine: a query is checked, scheduled, run on its dataset's worker pool, and its
// answer or failure put in SPARQL terms. Each step is its own module: limits.ts (checks),
// scheduler.ts (which query runs next), dataset-pools.ts (one pool per dataset),
// query-worker.ts (the task), explain-failure.ts (the wording).
import { defaultGraph, quad, toN3Quad } from '../rdf/data-factory.js';
import { DatasetPools } from './dataset-pools.js';
import type { SparqlDataset } from './dataset.js';
import { busy, engineClosed, explainPoolFailure, explainWorkerError } from './explain-failure.js';
import { queryFailure, type QueryFailure } from './failure.js';
import type { QueryForm, QueryInspection } from './inspect-query.js';
import {
  checkGraphIris,
  prepareQuery,
  resolveLimits,
  type QueryRequest,
  type SparqlLimits,
} from './limits.js';
import type { QueryTask, WorkerResult } from './query-task.js';
import type { QueryResult } from './query-result.js';
import { isHeavy, QueryScheduler } from './scheduler.js';

export { createDataset, type SparqlDataset } from './dataset.js';
export {
  checkGraphIris,
  DEFAULT_LIMITS,
  prepareQuery,
  type PreparedQuery,
  type QueryRequest,
  type SparqlLimits,
} from './limits.js';
export { isHeavy } from './scheduler.js';

/** How long a query worker may stay idle before it is ended (see {@link EngineOptions}). */
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/**
 * Query workers the idle timeout leaves running: one, with the data loaded, so a query after a
 * quiet spell does not wait for a thread to start and load the graph again (about 7 s at
 * 10,000 generated people, bench/push.ts's first-query figure).
 */
const KEPT_WORKERS = 1;

/** Options for {@link createSparqlEngine}. */
export interface EngineOptions extends Partial<SparqlLimits> {
  /** Queries that run at the same time, one worker thread each (default 2). */
  workers?: number;
  /**
   * Queries of each cost class (see {@link isHeavy}) that may wait for a worker; more are
   * refused as busy (default 256). A waiting query holds only its text (at most
   * `maxQueryLength`), so waiting is cheap; at 32, a few hundred clients got busy answers for
   * queries a worker answers in a millisecond. Time (`timeoutMs`) is what bounds the wait.
   */
  maxQueued?: number;
  /**
   * Quads written at a time when a dataset's text is made for its workers (default 50,000,
   * about 6 MB of N-Quads and 100 ms of writing): how long the main thread's event loop is
   * blocked per step.
   */
  loadChunkQuads?: number;
  /**
   * Time a query worker may stay idle before it is ended, down to one (default 30,000 ms): a
   * worker's heap and WASM memory grow under load and only go back to the system when its
   * thread ends. The one kept answers the next query without loading the data again.
   */
  idleTimeoutMs?: number;
}

/** The result of a query, or why there is none. */
export type QueryOutcome =
  | { ok: true; form: QueryForm; result: QueryResult; elapsedMs: number }
  | { ok: false; failure: QueryFailure };

/** Runs SPARQL queries within limits: on worker threads here, or in an external store. */
export interface SparqlEngine {
  readonly limits: Readonly<SparqlLimits>;
  /**
   * Set when an external store answers (remote-engine.ts): its endpoint and the named graph
   * queried, which the service description names instead of this server's.
   */
  readonly remote?: { readonly endpoint: string; readonly graph: string };
  /**
   * Runs a query against a dataset. Never rejects: every problem (syntax, refused update or
   * SERVICE, time or size limit, a crashed worker) is a {@link QueryFailure}.
   */
  query(dataset: SparqlDataset, request: QueryRequest): Promise<QueryOutcome>;
  /** Stops every worker; queued queries fail. */
  close(): Promise<void>;
}

/** What answers a query: the limits, the scheduler and the pools. */
interface EngineParts {
  limits: SparqlLimits;
  scheduler: QueryScheduler;
  pools: DatasetPools;
}

/**
 * Creates the engine: one pool of worker threads per dataset (runtime/pool.ts), each worker
 * with its own oxigraph store (WASM memory is per thread), loaded once from the dataset's text
 * in shared memory; a reload that swaps the dataset gets a new pool and the old one closes
 * once its queries end. At most `workers` queries run at once, heavy ones on all workers but
 * one (scheduler.ts). A query over the time limit is stopped by ending its worker (oxigraph
 * has no cancellation); a worker that faults or grew too large is replaced. The main thread
 * never blocks on a query; idle workers do not keep the process alive and are ended after
 * `idleTimeoutMs`, which returns the memory they grew.
 */
export function createSparqlEngine(options: EngineOptions = {}): SparqlEngine {
  const limits = resolveLimits(options);
  const workers = Math.max(1, options.workers ?? 2);
  const parts: EngineParts = {
    limits,
    scheduler: new QueryScheduler({
      workers,
      maxQueued: Math.max(0, options.maxQueued ?? 256),
      maxWaitMs: limits.timeoutMs,
    }),
    pools: new DatasetPools({
      workers,
      timeoutMs: limits.timeoutMs,
      encodeChunkQuads: options.loadChunkQuads,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      minWorkers: KEPT_WORKERS,
    }),
  };
  return {
    limits,
    query: (dataset, request) => answerQuery(parts, dataset, request),
    async close() {
      parts.scheduler.close();
      await parts.pools.close();
    },
  };
}

/** Checks, schedules and runs one query; never rejects (see {@link SparqlEngine.query}). */
async function answerQuery(
  { limits, scheduler, pools }: EngineParts,
  dataset: SparqlDataset,
  request: QueryRequest,
): Promise<QueryOutcome> {
  const prepared = prepareQuery(request.query, limits);
  if (!prepared.ok) return { ok: false, failure: prepared.failure };
  const badGraph = checkGraphIris(request);
  if (badGraph !== undefined) return { ok: false, failure: badGraph };
  const { form, inspection } = prepared;
  const task: Omit<QueryTask, 'data'> = {
    query: request.query,
    // An unrecognised form cannot parse; SELECT makes the parser explain why.
    form: form ?? 'select',
    baseIri: dataset.baseIri,
    graphs: graphsOf(request, inspection),
    maxResults: limits.maxResults,
    maxResultBytes: limits.maxResultBytes,
  };
  const scheduled = await scheduler.schedule(isHeavy(inspection), () => pools.run(dataset, task));
  if (!scheduled.started)
    return { ok: false, failure: scheduled.why === 'busy' ? busy(limits) : engineClosed() };
  const outcome = scheduled.value;
  if (!outcome.ok) return { ok: false, failure: explainPoolFailure(outcome, limits) };
  const answer = outcome.value;
  if (!answer.ok)
    return { ok: false, failure: explainWorkerError(answer.error, limits, inspection) };
  if (form === undefined) {
    // The tokenizer could not tell the form but the parser accepted the text: say so rather
    // than guess how to read the result.
    return {
      ok: false,
      failure: queryFailure(
        'sparql/syntax',
        'The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) could not be recognised.',
      ),
    };
  }
  return { ok: true, form, result: fromWorker(answer.result), elapsedMs: answer.elapsedMs };
}

/** The dataset a query runs against (SPARQL 1.1 Protocol §2.1.4, Query §13.2). */
function graphsOf(request: QueryRequest, inspection: QueryInspection): QueryTask['graphs'] {
  const defaultGraphs = request.defaultGraphs ?? [];
  const namedGraphs = request.namedGraphs ?? [];
  // The protocol's dataset wins over FROM / FROM NAMED in the query.
  if (defaultGraphs.length > 0 || namedGraphs.length > 0) {
    return { kind: 'protocol', defaultGraphs, namedGraphs };
  }
  // Oxigraph's union option would override FROM, so it is set only without one.
  return inspection.hasDatasetClause ? { kind: 'query' } : { kind: 'union' };
}

function fromWorker(result: WorkerResult): QueryResult {
  if (result.kind !== 'graph') return result;
  // The data sits in a named graph; results are triples (CONSTRUCT has no GRAPH template).
  const quads = result.quads.map((each) => {
    const converted = toN3Quad(each);
    return quad(converted.subject, converted.predicate, converted.object, defaultGraph());
  });
  return { kind: 'graph', quads };
}
