import rdfCanonize from 'rdf-canonize';
import { ProfileGraphError } from '../model/diagnostic.js';
import { blankNode, quad, RDF_TYPE, type Quad, type Term } from './data-factory.js';

/**
 * RDFC-1.0's deep iterations (runs of Hash N-Degree Quads, §4.8) allowed per blank node, plus
 * a floor for small graphs. Trees of blank nodes, however many and however alike, take under
 * one per node; a ring of n identical blank nodes takes n² and costs about n³ time (ring 200:
 * 3 s, ring 600: 56 s), a clique of n takes about n! . The bound makes both fail in well under
 * a second, while every symmetric graph of up to ~30 blank nodes still gets labelled.
 */
export const CANONICAL_ITERATIONS_PER_BLANK_NODE = 8;
export const CANONICAL_ITERATIONS_FLOOR = 1000;
/**
 * Largest cluster of alike, linked blank nodes (see {@link alikeBlankNodeClusters}) given to the
 * deep search at all; larger ones are refused at once.
 */
export const MAX_ALIKE_CLUSTER = 64;

/**
 * Thrown by {@link canonicalizeQuads} when blank nodes are too alike to be labelled within the
 * work bound: a data problem (exit 1) carrying one `rdf/canonicalization-too-complex`
 * diagnostic; `blankNodes` lists the labels of the alike blank nodes, so a caller that knows
 * where they came from can say so.
 */
export class CanonicalizationTooComplexError extends ProfileGraphError {
  readonly blankNodes: readonly string[];

  constructor(blankNodes: readonly string[]) {
    super(
      [
        {
          code: 'rdf/canonicalization-too-complex',
          severity: 'error',
          message: `${String(blankNodes.length)} blank nodes are too alike to be labelled canonically with bounded work (RDFC-1.0).`,
          hint: 'give these nodes an @id',
        },
      ],
      1,
    );
    this.name = 'CanonicalizationTooComplexError';
    this.blankNodes = blankNodes;
  }
}

/**
 * Returns the quads in canonical form: duplicates removed, blank nodes relabelled by the
 * W3C RDF Dataset Canonicalization algorithm (RDFC-1.0) and sorted in a stable order, so that
 * the same graph always serialises to the same bytes and ETags stay meaningful.
 *
 * Only quads that mention a blank node take part in RDFC-1.0 (it labels blank nodes by their
 * neighbourhood, which those quads fully describe), which keeps large IRI-only graphs cheap.
 */
export async function canonicalizeQuads(quads: readonly Quad[]): Promise<Quad[]> {
  const withBlankNodes = quads.filter(mentionsBlankNode);
  let relabelled: Quad[] = [...quads];
  if (withBlankNodes.length > 0) {
    const canonicalIdMap = new Map<string, string>();
    const blankNodes = blankNodeLabels(withBlankNodes);
    // The deep search's cost grows with the size of a cluster of alike blank nodes (a ring of
    // n costs about n³); refuse a large one before starting rather than after seconds.
    const clusters = alikeBlankNodeClusters(withBlankNodes);
    const tooLarge = clusters.filter((cluster) => cluster.length > MAX_ALIKE_CLUSTER);
    if (tooLarge.length > 0) throw new CanonicalizationTooComplexError(tooLarge.flat().sort());
    try {
      await rdfCanonize.canonize(withBlankNodes, {
        algorithm: 'RDFC-1.0',
        canonicalIdMap,
        // Bound the work, as RDFC-1.0 §4.4 asks of implementations facing poison graphs.
        maxDeepIterations:
          CANONICAL_ITERATIONS_FLOOR + CANONICAL_ITERATIONS_PER_BLANK_NODE * blankNodes.size,
      });
    } catch (error) {
      if (/Maximum deep iterations exceeded/.test((error as Error).message))
        throw new CanonicalizationTooComplexError(clusters.flat().sort());
      throw error;
    }
    const rename = (term: Term): Term =>
      term.termType === 'BlankNode'
        ? blankNode(
            (
              canonicalIdMap.get(`_:${term.value}`) ??
              canonicalIdMap.get(term.value) ??
              term.value
            ).replace(/^_:/, ''),
          )
        : term;
    relabelled = quads.map((q) =>
      mentionsBlankNode(q)
        ? quad(
            rename(q.subject) as Quad['subject'],
            q.predicate,
            rename(q.object) as Quad['object'],
            rename(q.graph) as Quad['graph'],
          )
        : q,
    );
  }
  // Sorted first, so equal quads are neighbours: no key string per quad, no set of them.
  return withoutRepeats(relabelled.sort(compareQuads));
}

/** Sorts quads by subject, predicate (`rdf:type` first), object and graph; returns a new array. */
export function sortQuads(quads: readonly Quad[]): Quad[] {
  return [...quads].sort(compareQuads);
}

/** Total order on quads used for every serialisation. */
export function compareQuads(a: Quad, b: Quad): number {
  return (
    compareTerms(a.graph, b.graph) ||
    compareTerms(a.subject, b.subject) ||
    comparePredicates(a.predicate.value, b.predicate.value) ||
    compareTerms(a.object, b.object)
  );
}

const TERM_RANK: Record<string, number> = {
  DefaultGraph: 0,
  NamedNode: 1,
  BlankNode: 2,
  Literal: 3,
};

/** Total order on terms: kind (IRI, blank node, literal), then value, datatype, language. */
export function compareTerms(a: Term, b: Term): number {
  const rank = (TERM_RANK[a.termType] ?? 9) - (TERM_RANK[b.termType] ?? 9);
  if (rank !== 0) return rank;
  const byValue = compareStrings(a.value, b.value);
  if (byValue !== 0 || a.termType !== 'Literal' || b.termType !== 'Literal') return byValue;
  return (
    compareStrings(a.datatype.value, b.datatype.value) || compareStrings(a.language, b.language)
  );
}

function comparePredicates(a: string, b: string): number {
  if (a === b) return 0;
  if (a === RDF_TYPE) return -1;
  if (b === RDF_TYPE) return 1;
  return compareStrings(a, b);
}

/** Code-unit order, independent of locale (localeCompare would differ between machines). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mentionsBlankNode(q: Quad): boolean {
  return (
    q.subject.termType === 'BlankNode' ||
    q.object.termType === 'BlankNode' ||
    q.graph.termType === 'BlankNode'
  );
}

/** Sorted quads without the repeats of the quad before (equal quads compare as 0). */
function withoutRepeats(sorted: readonly Quad[]): Quad[] {
  return sorted.filter(
    (q, index) => index === 0 || compareQuads(sorted[index - 1] as Quad, q) !== 0,
  );
}

function blankNodeLabels(quads: readonly Quad[]): Set<string> {
  const labels = new Set<string>();
  for (const q of quads)
    for (const term of [q.subject, q.object, q.graph])
      if (term.termType === 'BlankNode') labels.add(term.value);
  return labels;
}

/**
 * The blank nodes RDFC-1.0 cannot tell apart without its deep search (Hash N-Degree Quads,
 * §4.8), grouped into connected clusters, largest first. Found by colour refinement: each
 * blank node starts with its first-degree signature (its quads, itself as `_:a` and other
 * blank nodes as `_:z`, as in §4.6), then repeatedly takes on its blank neighbours' colours.
 * Nodes still sharing a colour after that, and linked to one another, are what the deep search
 * must permute; a tree's nodes are all told apart by their paths from an IRI.
 */
export function alikeBlankNodeClusters(quads: readonly Quad[]): string[][] {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const lines: string[][] = [];
  // Per node: pairs of (edge kind, neighbour), flattened; the kind is predicate and direction.
  const edges: number[][] = [];
  const edgeKinds = new Map<string, number>();
  const nodeOf = (label: string) => {
    let at = index.get(label);
    if (at === undefined) {
      index.set(label, (at = labels.length));
      labels.push(label);
      lines.push([]);
      edges.push([]);
    }
    return at;
  };
  for (const q of quads) {
    const terms = [q.subject, q.object, q.graph].filter((term) => term.termType === 'BlankNode');
    for (const label of new Set(terms.map((term) => term.value))) {
      const at = nodeOf(label);
      (lines[at] as string[]).push(
        [q.subject, q.predicate, q.object, q.graph]
          .map((term) =>
            term.termType === 'BlankNode' ? (term.value === label ? '_:a' : '_:z') : term.id,
          )
          .join(' '),
      );
      for (const other of terms) {
        if (other.value === label) continue;
        const kind = `${q.predicate.id}${other === q.subject ? '<' : '>'}`;
        let kindId = edgeKinds.get(kind);
        if (kindId === undefined) edgeKinds.set(kind, (kindId = edgeKinds.size));
        (edges[at] as number[]).push(kindId, nodeOf(other.value));
      }
    }
  }
  const intern = new Map<string, number>();
  const colourOf = (key: string) => {
    let colour = intern.get(key);
    if (colour === undefined) intern.set(key, (colour = intern.size));
    return colour;
  };
  let colours = lines.map((list) => colourOf(list.sort().join('\n')));
  const alikeIn = (current: readonly number[]) => {
    const size = new Map<number, number>();
    for (const colour of current) size.set(colour, (size.get(colour) ?? 0) + 1);
    return (node: number) =>
      (size.get(current[node] ?? -1) ?? 0) > 1 && (edges[node] ?? []).length > 0;
  };
  // Only alike nodes with blank neighbours need the deep search: usually there are none.
  const alikeAtFirst = alikeIn(colours);
  if (!labels.some((_label, node) => alikeAtFirst(node))) return [];
  // Each round tells apart nodes one more step from what distinguishes them; a profile's trees
  // are shallow, and whatever is still alike after this many rounds counts as alike.
  let classes = new Set(colours).size;
  for (let round = 0; round < MAX_REFINEMENT_ROUNDS; round++) {
    const previous = colours;
    colours = previous.map((colour, node) => {
      const around: string[] = [];
      const list = edges[node] ?? [];
      for (let k = 0; k < list.length; k += 2)
        around.push(`${String(list[k])}.${String(previous[list[k + 1] ?? 0])}`);
      return colourOf(`${String(colour)}:${around.sort().join(',')}`);
    });
    const now = new Set(colours).size;
    if (now === classes) break;
    classes = now;
  }
  const alike = alikeIn(colours);
  // Connected clusters of alike, linked blank nodes (iteratively: no recursion).
  const seen = new Set<number>();
  const clusters: string[][] = [];
  for (let start = 0; start < labels.length; start++) {
    if (seen.has(start) || !alike(start)) continue;
    const cluster: string[] = [];
    const stack = [start];
    seen.add(start);
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      cluster.push(labels[node] ?? '');
      const list = edges[node] ?? [];
      for (let k = 1; k < list.length; k += 2) {
        const other = list[k] ?? 0;
        if (!seen.has(other) && alike(other)) {
          seen.add(other);
          stack.push(other);
        }
      }
    }
    if (cluster.length > 1) clusters.push(cluster.sort());
  }
  return clusters.sort((a, b) => b.length - a.length);
}

/** Rounds of colour refinement before still-alike blank nodes are taken as alike. */
const MAX_REFINEMENT_ROUNDS = 32;
