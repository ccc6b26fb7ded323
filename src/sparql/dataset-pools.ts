// The query workers and the datasets they answer from. One pool for the engine's life: a reload
// that swaps the dataset does not start new threads (each a new WASM instance and heap, which
// glibc and V8 kept after the thread ended: RSS grew with every reload under `--watch`, and
// every query after a reload waited for fresh threads). Each task carries its dataset's text
// in shared memory; a worker loads it when it is not the one it holds (query-worker.ts).
import { createPool, type Pool, type TaskOutcome } from '../runtime/pool.js';
import { workerEntry } from '../runtime/worker-entry.js';
import { encodeDataset, type SparqlDataset } from './dataset.js';
import { queryFailure } from './failure.js';
import type { QueryData, QueryTask, QueryTaskResult } from './query-task.js';

/** Options for {@link DatasetPools}. */
export interface DatasetPoolsOptions {
  /** Worker threads of the pool. */
  workers: number;
  /** The time a query may run once its worker has taken it, loading included (ms). */
  timeoutMs: number;
  /** Quads written at a time when a dataset's text is made (see `encodeDataset`). */
  encodeChunkQuads?: number | undefined;
  /** Time a worker may stay without a query before it is ended (see `PoolOptions`). */
  idleTimeoutMs?: number | undefined;
  /** Workers the idle timeout leaves running (default 0). */
  minWorkers?: number | undefined;
}

interface Entry {
  /** Rejects when the dataset's text cannot be written. */
  data: Promise<QueryData>;
  /** Queries given to the pool for this dataset and not yet answered. */
  running: number;
}

/**
 * The datasets queries run against and the one pool that runs them. The dataset queried last
 * is current; another dataset's text is dropped as soon as none of its queries runs, so after a
 * reload the old text lives only as long as the queries that hold it. A query for a dataset
 * whose text was dropped has it written again.
 */
export class DatasetPools {
  readonly #options: DatasetPoolsOptions;
  readonly #entries = new Map<SparqlDataset, Entry>();
  #pool: Pool<QueryTask, QueryTaskResult> | undefined;
  #current: SparqlDataset | undefined;
  #nextId = 0;

  constructor(options: DatasetPoolsOptions) {
    this.#options = options;
  }

  /**
   * Runs one query on the dataset (`task.data` is set here). Never rejects: a dataset that
   * cannot be written is a `sparql/engine-failure` diagnostic; the pool's failures come back
   * as it gives them.
   */
  async run(
    dataset: SparqlDataset,
    task: Omit<QueryTask, 'data'>,
  ): Promise<TaskOutcome<QueryTaskResult>> {
    const entry = this.#enter(dataset);
    entry.running++;
    try {
      let data: QueryData;
      try {
        data = await entry.data;
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
      this.#pool ??= createPool<QueryTask, QueryTaskResult>({
        entry: workerEntry(import.meta.url, 'query-worker'),
        purpose: 'running queries',
        size: this.#options.workers,
        timeoutMs: this.#options.timeoutMs,
        // Each idle worker holds a store, a V8 heap and WASM memory that only grow (about
        // 45 MB each on the bundled profile); those above minWorkers are ended, and start
        // again on demand.
        ...(this.#options.idleTimeoutMs === undefined
          ? {}
          : {
              idleTimeoutMs: this.#options.idleTimeoutMs,
              minWorkers: this.#options.minWorkers ?? 0,
            }),
      });
      return await this.#pool.run({ ...task, data });
    } finally {
      entry.running--;
      this.#dropIdle();
    }
  }

  /** Worker threads running or setting up. */
  get workers(): number {
    return this.#pool?.workers ?? 0;
  }

  /** How many datasets' texts are held (the current one, and old ones whose queries still run). */
  get open(): number {
    return this.#entries.size;
  }

  /** Closes the pool: running queries fail as closed (`runtime/closed`). */
  async close(): Promise<void> {
    this.#entries.clear();
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }

  #enter(dataset: SparqlDataset): Entry {
    let entry = this.#entries.get(dataset);
    if (entry === undefined) {
      const id = this.#nextId++;
      const data = encodeDataset(dataset, this.#options.encodeChunkQuads).then((nquads) => ({
        id,
        nquads,
        graph: dataset.graph,
      }));
      // Settled in `run`; this keeps a text that failed from being an unhandled rejection.
      data.catch(() => undefined);
      entry = { data, running: 0 };
      this.#entries.set(dataset, entry);
    }
    if (this.#current !== dataset) {
      this.#current = dataset;
      this.#dropIdle();
    }
    return entry;
  }

  #dropIdle(): void {
    for (const [dataset, entry] of this.#entries) {
      if (dataset !== this.#current && entry.running === 0) this.#entries.delete(dataset);
    }
  }
}
