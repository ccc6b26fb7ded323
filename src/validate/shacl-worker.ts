// A worker thread that runs SHACL on large data graphs (see shacl-in-worker.ts): its heap is its
// own, sized for the job, so shacl-engine's copy of the graph, its indexes and its garbage stay
// out of the main thread's heap. Quads travel as n3 term ids, in chunks.
import { parentPort, workerData } from 'node:worker_threads';
import { blankNode, NS, quad, toN3Quad, type Quad } from '../rdf/data-factory.js';
import { quadsFromIds, quadsToIds } from '../rdf/term-ids.js';
import { createShaclRun } from './shacl-engine.js';
import type {
  ShaclWorkerData,
  ShaclWorkerMessage,
  ShaclWorkerReply,
} from './shacl-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('shacl-worker must run in a worker thread');
const reply = (message: ShaclWorkerReply) => {
  port.postMessage(message);
};

type Run = Extract<ShaclWorkerMessage, { kind: 'run' }>;

/** Report predicates whose objects are the data graph's terms. */
const DATA_TERMS = new Set([`${NS.sh}focusNode`, `${NS.sh}value`]);

const engine = createShaclRun([...quadsFromIds((workerData as ShaclWorkerData).shapeIds)]);
// Reported when a run is asked for, as a rejected run rather than a crashed worker.
engine.catch(() => undefined);

// Messages keep arriving while a graph is validated: graphs wait here and run one at a time.
const waiting: { data: Quad[]; part: Run['part'] }[] = [];
let data: Quad[] = [];
let running = false;

port.on('message', (message: ShaclWorkerMessage) => {
  if (message.kind === 'quads') {
    for (const each of quadsFromIds(message.ids)) data.push(each);
    return;
  }
  waiting.push({ data, part: message.part });
  data = [];
  if (!running) void drain();
});

async function drain(): Promise<void> {
  running = true;
  for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) {
    try {
      const { part } = next;
      const report = await (await engine)(next.data, part && new Set(part.owned));
      // Report terms come from shacl-engine's RDF/JS factory: made n3 terms to get their ids.
      const quads = [...report].map(toN3Quad);
      reply({
        kind: 'report',
        ids: quadsToIds(part === undefined ? quads : relabel(quads, part.labelPrefix)),
      });
    } catch (error) {
      reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
  running = false;
}

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
