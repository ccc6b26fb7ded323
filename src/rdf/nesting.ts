import type { Quad } from './data-factory.js';

/**
 * The blank nodes that can be written inline inside their only referrer (`[ … ]` in Turtle, a
 * nested object in JSON-LD): used exactly once as an object, never as a graph name, described
 * only in the graph of that one reference, and reachable from a node that is not itself nested
 * (so a cycle of blank nodes stays written out with labels).
 */
export function nestableBlankNodes(quads: readonly Quad[]): Set<string> {
  const references = new Map<string, { count: number; referrer: Quad }>();
  const describedIn = new Map<string, Set<string>>();
  const graphNames = new Set<string>();
  for (const q of quads) {
    if (q.graph.termType === 'BlankNode') graphNames.add(q.graph.value);
    if (q.subject.termType === 'BlankNode') {
      const graphs = describedIn.get(q.subject.value) ?? new Set<string>();
      graphs.add(q.graph.value);
      describedIn.set(q.subject.value, graphs);
    }
    if (q.object.termType === 'BlankNode') {
      const seen = references.get(q.object.value);
      references.set(q.object.value, { count: (seen?.count ?? 0) + 1, referrer: q });
    }
  }
  const candidates = new Map<string, Quad>();
  for (const [label, { count, referrer }] of references) {
    const graphs = describedIn.get(label);
    const sameGraph =
      graphs === undefined || (graphs.size === 1 && graphs.has(referrer.graph.value));
    if (count === 1 && sameGraph && !graphNames.has(label)) candidates.set(label, referrer);
  }
  // Keep only candidates whose chain of referrers ends at a node that is not a candidate.
  const nestable = new Set<string>();
  for (const label of candidates.keys()) {
    const seen = new Set<string>();
    let current: string | undefined = label;
    while (current !== undefined && candidates.has(current) && !seen.has(current)) {
      seen.add(current);
      const subject: Quad['subject'] | undefined = candidates.get(current)?.subject;
      current = subject?.termType === 'BlankNode' ? subject.value : undefined;
    }
    if (current === undefined || !candidates.has(current)) nestable.add(label);
  }
  return nestable;
}
