// A graph cut into requests of bounded size without breaking a blank node apart.
import type { Quad, Term } from '../rdf/data-factory.js';

/**
 * The quads in consecutive chunks of about `maxTriples` each, in their order. Blank node labels
 * are scoped to one document (RDF 1.1 Concepts §3.5): a store reading two requests that both
 * say `_:b0` makes two nodes. So every quad that mentions a blank node travels in the same
 * chunk as every other quad connected to it through blank nodes (one component, found by
 * union-find), and a chunk grows past `maxTriples` only when one component is larger. Quads
 * without blank nodes fill the chunks in their order, before the components.
 */
export function* chunkQuads(quads: readonly Quad[], maxTriples: number): Generator<Quad[]> {
  const size = Math.max(1, Math.floor(maxTriples));
  const parent = new Map<string, string>();
  const find = (label: string): string => {
    let root = label;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root))
      root = up;
    // Path compression keeps later finds short.
    for (let at = label; at !== root;) {
      const next = parent.get(at) ?? root;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const [rootA, rootB] = [find(a), find(b)];
    if (rootA !== rootB) parent.set(rootA, rootB);
  };
  const blanks = (quad: Quad): string[] =>
    [quad.subject, quad.object].filter(isBlank).map((term) => term.value);
  for (const quad of quads) {
    const labels = blanks(quad);
    for (const label of labels) if (!parent.has(label)) parent.set(label, label);
    if (labels.length === 2) union(labels[0] ?? '', labels[1] ?? '');
  }

  let chunk: Quad[] = [];
  const components = new Map<string, Quad[]>();
  for (const quad of quads) {
    const [label] = blanks(quad);
    if (label === undefined) {
      chunk.push(quad);
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
      continue;
    }
    const root = find(label);
    let component = components.get(root);
    if (component === undefined) components.set(root, (component = []));
    component.push(quad);
  }
  for (const component of components.values()) {
    if (chunk.length > 0 && chunk.length + component.length > size) {
      yield chunk;
      chunk = [];
    }
    chunk.push(...component);
  }
  if (chunk.length > 0) yield chunk;
}

function isBlank(term: Term): boolean {
  return term.termType === 'BlankNode';
}
