import { Worker } from 'node:worker_threads';
import { defaultGraph, quad, toN3Quad, type Quad } from '../rdf/data-factory.js';
import { quadsToNQuads } from '../rdf/serialize.js';
import { workerEntry } from '../runtime/worker-entry.js';
import { queryFailure, type QueryFailure } from './failure.js';
import { inspectQuery, type QueryForm, type QueryInspection } from './inspect-query.js';
import type { QueryResult } from './results.js';
import type {
  QueryMessage,
  WorkerError,
  WorkerReply,
  WorkerRequest,
  WorkerResult,
} from './worker-protocol.js';

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

/** Options for {@link createSparqlEngine}. */
export interface EngineOptions extends Partial<SparqlLimits> {
  /** Queries that run at the same time, one worker thread each (default 2). */
  workers?: number;
  /**
   * Queries of each cost class (see {@link isHeavy}) that may wait for a worker; more are
   * refused as busy (default 32).
   */
  maxQueued?: number;
  /**
   * Quads written and sent to a worker at a time when it loads a dataset (default 50,000, about
   * 6 MB of N-Quads and 100 ms of writing): what the main thread holds, and blocks its event
   * loop for, per chunk.
   */
  loadChunkQuads?: number;
}

/** 50,000 quads: a few MB of text per message, and a few dozen messages for a large site. */
const DEFAULT_LOAD_CHUNK_QUADS = 50_000;

/** The data a query runs against: made once per Site (or per `query --data` run). */
export interface SparqlDataset {
  readonly quads: readonly Quad[];
  /** The base IRI relative IRIs in queries resolve against (the site's base URL). */
  readonly baseIri: string;
  /**
   * The named graph the data is kept in. The default graph a query sees is the union of all
   * graphs (unless the query or the request names graphs), so plain queries see the data and
   * `default-graph-uri` / `named-graph-uri` / `GRAPH` have a graph to name.
   */
  readonly graph: string;
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

/** The result of a query, or why there is none. */
export type QueryOutcome =
  | { ok: true; form: QueryForm; result: QueryResult; elapsedMs: number }
  | { ok: false; failure: QueryFailure };

/** Runs SPARQL queries on worker threads, within limits. */
export interface SparqlEngine {
  readonly limits: Readonly<SparqlLimits>;
  /**
   * Runs a query against a dataset. Never rejects: every problem (syntax, refused update or
   * SERVICE, time or size limit, a crashed worker) is a {@link QueryFailure}.
   */
  query(dataset: SparqlDataset, request: QueryRequest): Promise<QueryOutcome>;
  /** Stops every worker; queued queries fail. */
  close(): Promise<void>;
}

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

/** Makes the {@link SparqlDataset} for some quads. */
export function createDataset(
  quads: readonly Quad[],
  options: { baseIri: string; graph?: string },
): SparqlDataset {
  return { quads, baseIri: options.baseIri, graph: options.graph ?? `${options.baseIri}dump` };
}

interface DatasetHandle {
  id: number;
  dataset: SparqlDataset;
}

interface Job {
  /** The cost class told from the text ({@link isHeavy}). */
  heavy: boolean;
  handle: DatasetHandle;
  message: QueryMessage;
  inspection: QueryInspection;
  resolve: (outcome: QueryOutcome) => void;
  /** While queued: fails the job as busy when no worker frees up within the time limit. */
  queueTimer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  /** Datasets the worker holds (from its last reply). */
  loaded: Set<number>;
  job: Job | undefined;
  /** True once the worker has been stopped (timeout, crash, close). */
  dead: boolean;
  /** Messages posted to the worker, raised after each post (see `LoadChunkMessage.posted`). */
  posted: Int32Array;
}

/**
 * Creates the engine: a small pool of worker threads, each with its own oxigraph store per
 * dataset (WASM memory is per thread, so every worker loads the data once, and again after a
 * reload swaps the Site; a worker keeps the last two datasets). The data goes to a worker as
 * N-Quads in chunks of `loadChunkQuads` quads, each written once the worker has taken the one
 * before: the main thread never holds the whole text, and its event loop runs between chunks.
 * The main thread only routes messages, so it never blocks on a query. A query over the time
 * limit is stopped by terminating its worker (oxigraph has no cancellation); a new worker
 * replaces it on demand. Idle workers do not keep the process alive.
 */
export function createSparqlEngine(options: EngineOptions = {}): SparqlEngine {
  const limits: SparqlLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxResults: options.maxResults ?? DEFAULT_LIMITS.maxResults,
    maxResultBytes: options.maxResultBytes ?? DEFAULT_LIMITS.maxResultBytes,
    maxQueryLength: options.maxQueryLength ?? DEFAULT_LIMITS.maxQueryLength,
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxTerms: options.maxTerms ?? DEFAULT_LIMITS.maxTerms,
  };
  const size = Math.max(1, options.workers ?? 2);
  const maxQueued = Math.max(0, options.maxQueued ?? 32);
  const loadChunkQuads = Math.max(
    1,
    Math.floor(options.loadChunkQuads ?? DEFAULT_LOAD_CHUNK_QUADS),
  );
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const handles = new WeakMap<SparqlDataset, DatasetHandle>();
  let nextDataset = 1;
  let closed = false;

  const handleOf = (dataset: SparqlDataset): DatasetHandle => {
    let handle = handles.get(dataset);
    if (handle === undefined) {
      handle = { id: nextDataset++, dataset };
      handles.set(dataset, handle);
    }
    return handle;
  };

  const spawn = (): Slot => {
    const { filename, options: workerOptions } = workerEntry(import.meta.url, 'query-worker');
    const slot: Slot = {
      worker: new Worker(filename, workerOptions),
      loaded: new Set(),
      job: undefined,
      dead: false,
      posted: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    };
    slot.worker.unref();
    // A worker that dies (out of memory, a bug) fails its query; the pool replaces it later.
    const fail = (reason: string) => {
      if (slot.dead) return;
      retire(slot);
      const job = slot.job;
      slot.job = undefined;
      job?.resolve({
        ok: false,
        failure: queryFailure('sparql/engine-failure', `The query engine stopped: ${reason}.`),
      });
      pump();
    };
    slot.worker.on('error', (error) => {
      fail(error.message);
    });
    slot.worker.on('exit', (code) => {
      fail(`worker exited with code ${code}`);
    });
    slots.push(slot);
    return slot;
  };

  const retire = (slot: Slot) => {
    slot.dead = true;
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    void slot.worker.terminate();
  };

  /**
   * Sends one message and waits for the worker's reply of one of the given types (`undefined`
   * when the worker stops first).
   */
  const exchange = <T extends WorkerReply['type']>(
    slot: Slot,
    message: WorkerRequest,
    ...types: T[]
  ): Promise<Extract<WorkerReply, { type: T }> | undefined> =>
    new Promise((resolve) => {
      const onMessage = (reply: WorkerReply) => {
        if (!(types as WorkerReply['type'][]).includes(reply.type)) return;
        cleanup();
        slot.loaded = new Set(reply.loaded);
        resolve(reply as Extract<WorkerReply, { type: T }>);
      };
      const onExit = () => {
        cleanup();
        resolve(undefined);
      };
      const cleanup = () => {
        slot.worker.off('message', onMessage);
        slot.worker.off('exit', onExit);
      };
      slot.worker.on('message', onMessage);
      slot.worker.on('exit', onExit);
      slot.worker.postMessage(message);
      // After the post, so a worker woken by the count finds the message on its port.
      Atomics.add(slot.posted, 0, 1);
      Atomics.notify(slot.posted, 0);
    });

  /**
   * Loads the dataset into the worker unless it holds it: why not, if it could not. Each chunk
   * is written when the worker asks for it (not kept: a second worker gets them written again),
   * so one chunk at a time is in flight; awaiting the worker's reply lets the event loop run.
   * Throws only if a chunk cannot be written, with the worker left waiting for it.
   */
  const ensureLoaded = async (slot: Slot, handle: DatasetHandle): Promise<string | undefined> => {
    if (slot.loaded.has(handle.id)) return undefined;
    const { quads, graph } = handle.dataset;
    for (let start = 0; ; start += loadChunkQuads) {
      const end = Math.min(start + loadChunkQuads, quads.length);
      const last = end === quads.length;
      // Default-graph quads go into the dataset's graph as the worker parses them
      // (oxigraph's `to_graph_name`), so no quad is copied here.
      const nquads = await quadsToNQuads(quads.slice(start, end));
      const message = {
        type: 'load-chunk',
        dataset: handle.id,
        nquads,
        graph,
        last,
        posted: slot.posted,
      } as const;
      const reply = await exchange(slot, message, 'next-chunk', 'loaded');
      if (reply === undefined) return 'the worker stopped while loading the data';
      if (reply.type === 'loaded') return reply.error;
    }
  };

  const run = async (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    // Loading the data is not the query's time: it happens once per worker and dataset.
    let loadError: string | undefined;
    try {
      loadError = await ensureLoaded(slot, job.handle);
    } catch (error) {
      if (retired(slot)) return; // failed (and answered) by the exit handler
      // The worker waits for a chunk that will not come: replace it.
      abandon(slot, job, {
        ok: false,
        failure: queryFailure(
          'sparql/engine-failure',
          `The data could not be sent to the query engine: ${String(error)}.`,
        ),
      });
      return;
    }
    if (retired(slot)) return; // failed (and answered) by the exit handler
    if (loadError !== undefined) {
      finish(slot, job, {
        ok: false,
        failure: queryFailure(
          'sparql/engine-failure',
          `The data could not be loaded: ${loadError}.`,
        ),
      });
      return;
    }
    const timer = setTimeout(() => {
      // Oxigraph cannot cancel a running query: stop the thread (V8 interrupts the WASM loop).
      abandon(slot, job, {
        ok: false,
        failure: queryFailure(
          'sparql/timeout',
          `The query ran longer than the time limit of ${formatSeconds(limits.timeoutMs)} and was stopped.`,
          { hint: 'make it more selective, or add a LIMIT' },
        ),
      });
    }, limits.timeoutMs);
    const reply = await exchange(slot, job.message, 'result');
    clearTimeout(timer);
    if (reply === undefined || retired(slot)) return; // answered by the timer or the exit handler
    if (!reply.ok && reply.error.kind === 'fault') {
      // The engine failed on this query: its memory is suspect, so the worker is replaced.
      abandon(slot, job, { ok: false, failure: faulted(reply.error.message) });
      return;
    }
    if (reply.recycle) {
      // WASM memory grows but never shrinks: a worker that grew for a large result is replaced,
      // so the memory goes back to the system (the next query loads the data afresh).
      retire(slot);
    }
    finish(
      slot,
      job,
      reply.ok
        ? {
            ok: true,
            form: job.message.form,
            result: fromWorker(reply.result),
            elapsedMs: reply.elapsedMs,
          }
        : { ok: false, failure: fromWorkerError(reply.error, limits, job.inspection) },
    );
  };

  const finish = (slot: Slot, job: Job, outcome: QueryOutcome) => {
    slot.job = undefined;
    slot.worker.unref();
    job.resolve(outcome);
    pump();
  };

  /** Stops a worker in the middle of a job and answers the job; a new worker replaces it. */
  const abandon = (slot: Slot, job: Job, outcome: QueryOutcome) => {
    slot.job = undefined;
    retire(slot);
    job.resolve(outcome);
    pump();
  };

  /**
   * Starts queued jobs on idle workers, spawning up to the pool size. The queue is served in
   * arrival order, except that heavy queries may occupy at most all workers but one: the last
   * is kept for light queries, which pass heavy ones that must wait (with one worker, plain
   * arrival order).
   */
  const pump = () => {
    while (!closed && queue.length > 0) {
      const heavyRunning = slots.filter((slot) => slot.job?.heavy === true).length;
      const heavyAllowed = size === 1 || heavyRunning < size - 1;
      const index = queue.findIndex((each) => !each.heavy || heavyAllowed);
      if (index < 0) return;
      const job = queue[index] as Job;
      const idle = slots.filter((slot) => slot.job === undefined && !slot.dead);
      let slot = idle.find((each) => each.loaded.has(job.handle.id)) ?? idle[0];
      if (slot === undefined && slots.length < size) {
        try {
          slot = spawn();
        } catch (error) {
          queue.splice(index, 1);
          clearTimeout(job.queueTimer);
          job.resolve({
            ok: false,
            failure: queryFailure(
              'sparql/engine-failure',
              `A query worker could not start: ${(error as Error).message}.`,
            ),
          });
          continue;
        }
      }
      if (slot === undefined) return;
      queue.splice(index, 1);
      clearTimeout(job.queueTimer);
      const started = slot;
      run(started, job).catch((error: unknown) => {
        if (started.dead) return;
        finish(started, job, {
          ok: false,
          failure: queryFailure(
            'sparql/engine-failure',
            `The query engine failed: ${String(error)}.`,
          ),
        });
      });
    }
  };

  return {
    limits,
    async query(dataset, request) {
      const prepared = prepareQuery(request.query, limits);
      if (!prepared.ok) return { ok: false, failure: prepared.failure };
      const badGraph = checkGraphIris(request);
      if (badGraph !== undefined) return { ok: false, failure: badGraph };
      if (closed)
        return {
          ok: false,
          failure: queryFailure('sparql/engine-failure', 'The query engine is closed.'),
        };
      const handle = handleOf(dataset);
      const form = prepared.form;
      const outcome = await new Promise<QueryOutcome>((resolve) => {
        const heavy = isHeavy(prepared.inspection);
        if (queue.filter((each) => each.heavy === heavy).length >= maxQueued) {
          resolve({ ok: false, failure: busy(limits) });
          return;
        }
        const job: Job = {
          heavy,
          handle,
          message: {
            type: 'query',
            dataset: handle.id,
            query: request.query,
            // An unrecognised form cannot parse; SELECT makes the parser explain why.
            form: form ?? 'select',
            baseIri: dataset.baseIri,
            graphs: graphsOf(request, prepared.inspection),
            maxResults: limits.maxResults,
            maxResultBytes: limits.maxResultBytes,
          },
          inspection: prepared.inspection,
          resolve,
        };
        job.queueTimer = setTimeout(() => {
          const index = queue.indexOf(job);
          if (index < 0) return;
          queue.splice(index, 1);
          resolve({ ok: false, failure: busy(limits) });
        }, limits.timeoutMs);
        queue.push(job);
        pump();
      });
      if (outcome.ok && form === undefined) {
        // The tokenizer could not tell the form but the parser accepted the text: say so
        // rather than guess how to read the result.
        return {
          ok: false,
          failure: queryFailure(
            'sparql/syntax',
            'The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) could not be recognised.',
          ),
        };
      }
      return outcome;
    },
    async close() {
      closed = true;
      const closedFailure: QueryOutcome = {
        ok: false,
        failure: queryFailure('sparql/engine-failure', 'The query engine is closed.'),
      };
      for (const job of queue.splice(0)) {
        clearTimeout(job.queueTimer);
        job.resolve(closedFailure);
      }
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        slot.dead = true;
        slot.job?.resolve(closedFailure);
        slot.job = undefined;
      }
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * Whether a query is heavy, told from its text alone: a property path closure (`*`, `+`), or more
 * than {@link LIGHT_MAX_VARIABLES} distinct variables (a cross product's rows multiply with its
 * unconnected patterns). A guess: a light-looking query may still run long, but it cannot hold
 * more than the time limit, and heavy ones never hold the last worker.
 */
export function isHeavy(inspection: QueryInspection): boolean {
  return inspection.closure || inspection.variables > LIGHT_MAX_VARIABLES;
}

/** The example queries name at most 8; the expensive cross products 9 and more. */
const LIGHT_MAX_VARIABLES = 8;

/**
 * Whether a worker was stopped. A function, so TypeScript re-reads the flag after an `await`
 * (a timer or an exit event may have set it meanwhile).
 */
function retired(slot: Slot): boolean {
  return slot.dead;
}

function busy(limits: SparqlLimits): QueryFailure {
  return queryFailure(
    'sparql/busy',
    `Every query worker stayed busy for ${formatSeconds(limits.timeoutMs)}; try again shortly.`,
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The dataset a query runs against (SPARQL 1.1 Protocol §2.1.4, Query §13.2). */
function graphsOf(request: QueryRequest, inspection: QueryInspection): QueryMessage['graphs'] {
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

function fromWorkerError(
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
    case 'load':
      return queryFailure('sparql/engine-failure', error.message);
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
