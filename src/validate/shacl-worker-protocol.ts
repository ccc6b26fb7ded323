/** What the SHACL worker is started with: the shapes, as n3 term ids (see `quadsToIds`). */
export interface ShaclWorkerData {
  shapeIds: string[];
}

/** To the worker: a chunk of the data graph, then the order to validate it. */
export type ShaclWorkerMessage = { kind: 'quads'; ids: string[] } | { kind: 'run' };

/** From the worker: the report's triples as term ids, or why the shapes could not run. */
export type ShaclWorkerReply =
  { kind: 'report'; ids: string[] } | { kind: 'error'; message: string };
