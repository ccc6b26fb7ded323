/** What the SHACL worker is started with: the shapes, as n3 term ids (see `quadsToIds`). */
export interface ShaclWorkerData {
  shapeIds: string[];
}

/**
 * To the worker: chunks of one data graph's quads, then the order to validate them. A worker
 * validates the graphs it is sent one after another, in order.
 */
export type ShaclWorkerMessage =
  | { kind: 'quads'; ids: string[] }
  | {
      kind: 'run';
      /**
       * For a part of a larger graph: the term ids of the nodes it validates (the others it
       * holds are another part's), and a prefix that keeps its report's blank labels apart
       * from other parts'.
       */
      part?: { owned: string[]; labelPrefix: string };
    };

/** From the worker, once per run: the report's triples as term ids, or why the shapes could not run. */
export type ShaclWorkerReply =
  { kind: 'report'; ids: string[] } | { kind: 'error'; message: string };
