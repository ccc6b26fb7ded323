// One worker pool per dataset: its workers load that dataset once, at set-up; a reload that
// swaps the dataset gets a new pool, and the old one is closed once its queries have ended.
import { createPool, type Pool, type TaskOutcome } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import { encodeDataset, type SparqlDataset } from './dataset.js';
import { queryFailure } from './failure.js';
import type { QueryTask, QueryTaskResult, QueryWorkerData } from './query-task.js';

/** Options for {@link DatasetPools}. */
export interface DatasetPoolsOptions {
  /** Worker threads per pool. */
  workers: number;
  /** The time a query may run once its worker has loaded the data (ms). */
  timeoutMs: number;
  /** Quads written at a time when a dataset's text is made (see `encodeDataset`). */
  encodeChunkQuads?: number | undefined;
}

interface Entry {
  /** Rejects when the dataset's text cannot be written. */
  pool: Promise<Pool<QueryTask, QueryTaskResult>>;
  /** Queries given to the pool and not yet answered. */
  running: number;
}

/**
 * The pools of the datasets queries run against. The dataset queried last is current; any
 * other pool is closed as soon as none of its queries runs (at once when idle), so after a
 * reload the old data's workers answer what they hold and then go. A query for a dataset whose
 * pool was closed gets a new one (its workers load the data again).
 */
export class DatasetPools {
  readonly #options: DatasetPoolsOptions;
  readonly #entries = new Map<SparqlDataset, Entry>();
  #current: SparqlDataset | undefined;

  constructor(options: DatasetPoolsOptions) {
    this.#options = options;
  }

  /**
   * Runs one query on the dataset's pool. Never rejects: a dataset that cannot be written is a
   * `sparql/engine-failure` diagnostic; the pool's failures come back as it gives them.
   */
  async run(dataset: SparqlDataset, task: QueryTask): Promise<TaskOutcome<QueryTaskResult>> {
    const entry = this.#enter(dataset);
    entry.running++;
    try {
      let pool: Pool<QueryTask, QueryTaskResult>;
      try {
        pool = await entry.pool;
      } catch (error) {
        // Not kept: the next query for this dataset writes it again.
        if (this.#entries.get(dataset) === entry) this.#entries.delete(dataset);
        return {
          ok: false,
          diagnostic: queryFailure(
            'sparql/engine-failure',
            `The data could not be sent to the query engine: ${String(error)}.`,
          ),
        };
      }
      return await pool.run(task);
    } finally {
      entry.running--;
      this.#closeIdle();
    }
  }

  /** How many pools are open (the current one, and old ones whose queries still run). */
  get open(): number {
    return this.#entries.size;
  }

  /** Closes every pool: their running queries fail as closed (`runtime/closed`). */
  async close(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((entry) => closePool(entry)));
  }

  #enter(dataset: SparqlDataset): Entry {
    let entry = this.#entries.get(dataset);
    if (entry === undefined) {
      entry = { pool: this.#open(dataset), running: 0 };
      // Settled in `run`; this keeps a pool that failed to open from being an unhandled rejection.
      entry.pool.catch(() => undefined);
      this.#entries.set(dataset, entry);
    }
    if (this.#current !== dataset) {
      this.#current = dataset;
      this.#closeIdle();
    }
    return entry;
  }

  async #open(dataset: SparqlDataset): Promise<Pool<QueryTask, QueryTaskResult>> {
    const nquads = await encodeDataset(dataset, this.#options.encodeChunkQuads);
    const data: QueryWorkerData = { nquads, graph: dataset.graph };
    return createPool<QueryTask, QueryTaskResult>({
      entry: workerEntry(import.meta.url, 'query-worker'),
      purpose: 'running queries',
      size: this.#options.workers,
      // Shared, not transferred: every worker of the pool sees the same bytes.
      workerData: () => ({ data }),
      timeoutMs: this.#options.timeoutMs,
    });
  }

  #closeIdle(): void {
    for (const [dataset, entry] of this.#entries) {
      if (dataset === this.#current || entry.running > 0) continue;
      this.#entries.delete(dataset);
      void closePool(entry);
    }
  }
}

async function closePool(entry: Entry): Promise<void> {
  try {
    await (await entry.pool).close();
  } catch {
    // A pool that never opened has nothing to close.
  }
}
