// The task module that runs SHACL on large data graphs in worker threads (see
// shacl-in-worker.ts): a worker's heap is its own, sized for the job, so shacl-engine's copy of
// the graph, its indexes and its garbage stay out of the main thread's heap. Quads travel as
// n3 term ids, in chunks.
import { blankNode, NS, quad, toN3Quad, type Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { serveTasks } from '../runtime/serve-tasks.js';
import { createShaclRun } from './shacl-engine.js';

/** What a SHACL worker is set up with: the shapes, as n3 term ids (see `quadsToIds`). */
export interface ShaclWorkerData {
  shapeIds: string[];
}

/**
 * A SHACL task: `quads` adds a chunk of a data graph; `run` adds the last chunk and validates
 * the graph, resolving to the report's triples as term ids. A graph sent in several chunks
 * must go to one worker: a pool of one.
 */
export type ShaclTask =
  | { kind: 'quads'; ids: string[] }
  | {
      kind: 'run';
      ids: string[];
      /**
       * For a part of a larger graph: the term ids of the nodes it validates (the others it
       * holds are another part's), and a prefix that keeps its report's blank labels apart
       * from other parts'.
       */
      part?: { owned: string[]; labelPrefix: string };
    };

/** Report predicates whose objects are the data graph's terms. */
const DATA_TERMS = new Set([`${NS.sh}focusNode`, `${NS.sh}value`]);

serveTasks<ShaclTask, string[] | undefined>((data) => {
  const engine = createShaclRun([...quadsFromIds((data as ShaclWorkerData).shapeIds)]);
  // Reported when a run is asked for, as a failed run rather than a failed worker.
  engine.catch(() => undefined);
  let graph: Quad[] = [];
  return async (task) => {
    for (const each of quadsFromIds(task.ids)) graph.push(each);
    if (task.kind === 'quads') return undefined;
    const { part } = task;
    const whole = graph;
    graph = [];
    const report = await (await engine)(whole, part && new Set(part.owned));
    // Report terms come from shacl-engine's RDF/JS factory: made n3 terms to get their ids.
    const quads = [...report].map(toN3Quad);
    return quadsToIds(part === undefined ? quads : relabel(quads, part.labelPrefix));
  };
});

/**
 * The report with the blank nodes the engine made (report, result and path nodes) relabelled
 * apart from other parts' reports; focus nodes and values are the data's own terms and keep
 * their labels.
 */
function relabel(report: readonly Quad[], labelPrefix: string): Quad[] {
  const own = <T extends Quad['subject'] | Quad['object']>(term: T): T =>
    term.termType === 'BlankNode' ? (blankNode(`${labelPrefix}${term.value}`) as T) : term;
  return report.map((each) =>
    DATA_TERMS.has(each.predicate.value)
      ? quad(own(each.subject), each.predicate, each.object, each.graph)
      : quad(own(each.subject), each.predicate, own(each.object), each.graph),
  );
}
