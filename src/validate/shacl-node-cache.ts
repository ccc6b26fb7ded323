import { createHash } from 'node:crypto';
import { RDF_TYPE, type Quad, type Term } from '../rdf/data-factory.js';

/**
 * SHACL results reused across graphs, node by node, for shapes that see no further than a
 * node's neighbourhood (see shacl-locality.ts): the pages of a site repeat the same nodes (the
 * site's Organization, WebSite and authors on every page), and each page is a graph of its own.
 *
 * Sound because, for such shapes, the results whose focus node is `n` are a function of the
 * shapes and of `n`'s neighbourhood alone: the triples with `n` as subject, those with `n` as
 * object and a predicate the shapes follow backwards (`incoming`), and the `rdf:type` triples of
 * the nodes those reach: exactly what a part holds for a node it owns (shacl-partition.ts),
 * which is validated on that part alone. The key is that neighbourhood, written out exactly
 * (IRIs, literals with their datatype and language), so two nodes share results only when the
 * shapes cannot tell them apart, and the results carry the node's own IRI and values. A node
 * whose neighbourhood holds a blank node is never cached: its canonical label depends on the
 * rest of its graph. Results are kept per node, not as diagnostics: each graph locates them in
 * its own sources.
 */
export interface NodeResultCache<Result> {
  /** Results found so far: reused nodes, and nodes validated after a miss. */
  readonly stats: { hits: number; misses: number };
  /**
   * Splits the nodes of a graph into those whose results are known (`reused`, every result of
   * every such node) and those to validate (`owned`, n3 term ids); `store` then files the
   * results of the validated nodes, by focus node id, for the next graph.
   */
  split(quads: readonly Quad[]): {
    reused: Result[];
    owned: Set<string>;
    store: (resultsByFocus: ReadonlyMap<string, readonly Result[]>) => void;
  };
}

/** Nodes remembered before the cache starts over (bounds a long run's memory). */
export const NODE_CACHE_ENTRIES = 20_000;

/** A cache for shapes whose focus nodes need the triples of `incoming` predicates pointing at them. */
export function createNodeResultCache<Result>(
  incoming: readonly string[],
  maxEntries: number = NODE_CACHE_ENTRIES,
): NodeResultCache<Result> {
  const followedBack = new Set(incoming);
  const known = new Map<string, readonly Result[]>();
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    split(quads) {
      const outgoing = new Map<string, Quad[]>();
      const pointing = new Map<string, Quad[]>();
      const typed = new Map<string, Quad[]>();
      const nodes = new Map<string, Term>();
      for (const quad of quads) {
        const { subject, predicate, object } = quad;
        nodes.set(subject.id, subject);
        append(outgoing, subject.id, quad);
        if (predicate.value === RDF_TYPE) append(typed, subject.id, quad);
        if (object.termType !== 'Literal') {
          nodes.set(object.id, object);
          if (followedBack.has(predicate.value)) append(pointing, object.id, quad);
        }
      }
      const reused: Result[] = [];
      const owned = new Set<string>();
      const missed = new Map<string, string>();
      for (const [id, node] of nodes) {
        const key = node.termType === 'BlankNode' ? undefined : neighbourhoodKey(id);
        const found = key === undefined ? undefined : known.get(key);
        if (found === undefined) {
          owned.add(id);
          if (key !== undefined) missed.set(id, key);
          stats.misses++;
        } else {
          reused.push(...found);
          stats.hits++;
        }
      }
      return {
        reused,
        owned,
        store(resultsByFocus) {
          for (const [id, key] of missed) {
            if (known.size >= maxEntries) known.clear();
            known.set(key, resultsByFocus.get(id) ?? []);
          }
        },
      };

      /** The node and its neighbourhood, sorted; undefined when a blank node is in it. */
      function neighbourhoodKey(id: string): string | undefined {
        // Each quad once (a neighbour's type may be reached twice), then written without its
        // graph: the engine reads the union of the graphs, so a triple in two graphs is two
        // lines, whatever the graphs' (page-dependent, canonical blank node) names.
        const taken = new Map<Quad, string>();
        const take = (quad: Quad): boolean => {
          if (quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode')
            return false;
          taken.set(quad, JSON.stringify([quad.subject.id, quad.predicate.id, quad.object.id]));
          return true;
        };
        for (const quad of outgoing.get(id) ?? []) {
          if (!take(quad)) return undefined;
          if (quad.object.termType !== 'Literal')
            for (const type of typed.get(quad.object.id) ?? []) if (!take(type)) return undefined;
        }
        for (const quad of pointing.get(id) ?? []) {
          if (!take(quad)) return undefined;
          for (const type of typed.get(quad.subject.id) ?? []) if (!take(type)) return undefined;
        }
        const hash = createHash('sha256').update(JSON.stringify(id));
        for (const line of [...taken.values()].sort()) hash.update('\n').update(line);
        return hash.digest('base64');
      }
    },
  };
}

function append(map: Map<string, Quad[]>, key: string, quad: Quad): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [quad]);
  else list.push(quad);
}
