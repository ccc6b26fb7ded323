// The data a query runs against, and its one copy in shared memory that the query workers load.
import type { Quad } from '../rdf/data-factory.js';
import { quadsToNQuads } from '../rdf/serialize.js';

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

/** Makes the {@link SparqlDataset} for some quads. */
export function createDataset(
  quads: readonly Quad[],
  options: { baseIri: string; graph?: string },
): SparqlDataset {
  return { quads, baseIri: options.baseIri, graph: options.graph ?? datasetGraph(options.baseIri) };
}

/** The named graph a site's data is queried in by default: its dump's IRI (`<base>dump`). */
export function datasetGraph(baseIri: string): string {
  return `${baseIri}dump`;
}

/** 50,000 quads: a few MB of text per step, and a few dozen steps for a large site. */
export const DEFAULT_ENCODE_CHUNK_QUADS = 50_000;

/**
 * The dataset's quads as UTF-8 N-Quads in one `SharedArrayBuffer`: every worker of the
 * dataset's pool gets the same memory through its `workerData`, so N workers cost one copy of
 * the text on this thread, not N copies through `postMessage`. Default-graph quads are written
 * as they are; the worker puts them into the dataset's graph as it parses them. Written
 * `chunkQuads` quads at a time, so the event loop runs between steps; the finished text is
 * then copied once into shared memory. Rejects with the writer's error when a quad cannot be
 * written (not an RDF/JS quad).
 */
export async function encodeDataset(
  dataset: SparqlDataset,
  chunkQuads = DEFAULT_ENCODE_CHUNK_QUADS,
): Promise<SharedArrayBuffer> {
  const step = Math.max(1, Math.floor(chunkQuads));
  const parts: Buffer[] = [];
  let total = 0;
  for (let start = 0; start < dataset.quads.length; start += step) {
    const part = Buffer.from(await quadsToNQuads(dataset.quads.slice(start, start + step)));
    parts.push(part);
    total += part.length;
  }
  const shared = new SharedArrayBuffer(total);
  const bytes = new Uint8Array(shared);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return shared;
}
