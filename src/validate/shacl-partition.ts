import { RDF_TYPE, type Quad } from '../rdf/data-factory.js';

/** One part of the data graph, validated on its own (see {@link partitionForShacl}). */
export interface ShaclPart {
  /** The part's triples: its own nodes' neighbourhoods. */
  quads: Quad[];
  /**
   * Term ids (n3 `termToId`) of the nodes this part answers for. Results about any other focus
   * node are dropped: another part has that node's whole neighbourhood and reports it.
   */
  owned: string[];
}

/**
 * Splits a data graph into parts of about `partQuads` triples each, for shapes that see no
 * further than a node's neighbourhood (see shacl-locality.ts). Every node (subject, or object
 * of an `incoming` predicate) is owned by exactly one part, and a part holds, for each node it
 * owns:
 * - the triples with the node as subject, and those with it as object and an `incoming`
 *   predicate;
 * - the `rdf:type` triples of every node those triples reach.
 *
 * Validating each part and keeping the results whose focus node it owns then gives exactly
 * the results of validating the whole graph, each once, while each part fits in a small heap
 * and the parts run on all cores.
 */
export function* partitionForShacl(
  quads: readonly Quad[],
  incomingPredicates: readonly string[],
  partQuads: number,
): Generator<ShaclPart> {
  const followedBack = new Set(incomingPredicates);
  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  const typed = new Map<string, number[]>();
  const order: string[] = [];
  for (let at = 0; at < quads.length; at++) {
    const quad = quads[at] as Quad;
    const subject = quad.subject.id;
    if (!outgoing.has(subject)) order.push(subject);
    append(outgoing, subject, at);
    if (quad.predicate.value === RDF_TYPE) append(typed, subject, at);
    if (quad.object.termType !== 'Literal' && followedBack.has(quad.predicate.value))
      append(incoming, quad.object.id, at);
  }
  // Nodes only ever used as objects belong to no subject's part: give them one after the rest.
  for (const object of incoming.keys()) if (!outgoing.has(object)) order.push(object);

  let owned: string[] = [];
  let size = 0;
  const flush = (): ShaclPart => {
    // A triple may be taken twice (a neighbour's type, when the part owns that neighbour too):
    // the engine's dataset keeps one.
    const part: Quad[] = [];
    const take = (at: number) => part.push(quads[at] as Quad);
    for (const node of owned) {
      for (const at of outgoing.get(node) ?? []) {
        take(at);
        const object = (quads[at] as Quad).object;
        if (object.termType !== 'Literal') typed.get(object.id)?.forEach(take);
      }
      for (const at of incoming.get(node) ?? []) {
        take(at);
        typed.get((quads[at] as Quad).subject.id)?.forEach(take);
      }
    }
    const done = { quads: part, owned };
    owned = [];
    size = 0;
    return done;
  };
  for (const node of order) {
    owned.push(node);
    size += (outgoing.get(node)?.length ?? 0) + (incoming.get(node)?.length ?? 0);
    if (size >= partQuads) yield flush();
  }
  if (owned.length > 0) yield flush();
}

function append(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [at]);
  else list.push(at);
}
