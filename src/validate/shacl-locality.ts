import { NS, RDF_TYPE, type Quad, type Term } from '../rdf/data-factory.js';

/**
 * Whether the shapes can be validated one part of the data graph at a time (see
 * shacl-partition.ts), and if not, the first reason why.
 */
export type ShaclLocality =
  | {
      local: true;
      /**
       * The predicates whose triples a focus node needs when it is their object (from
       * `sh:targetObjectsOf` and `sh:inversePath`): a part holds those, and no other triples
       * pointing at its nodes, so a node many others point at does not drag them all along.
       */
      incoming: string[];
    }
  | { local: false; reason: string };

const SH = NS.sh;
const RDF_FIRST = `${NS.rdf}first`;
const RDF_REST = `${NS.rdf}rest`;
const RDF_NIL = `${NS.rdf}nil`;
const RDFS_CLASS = `${NS.rdfs}Class`;

/** Predicates that never read the data graph: annotations, and tests of the value node itself. */
const VALUE_ONLY = new Set(
  [
    'name',
    'description',
    'message',
    'severity',
    'deactivated',
    'order',
    'group',
    'defaultValue',
    'datatype',
    'nodeKind',
    'pattern',
    'flags',
    'minLength',
    'maxLength',
    'minInclusive',
    'maxInclusive',
    'minExclusive',
    'maxExclusive',
    'languageIn',
    'in',
    'hasValue',
  ].map((name) => `${SH}${name}`),
);
/**
 * RDFS annotations: they document a shape (the rule sets link each Google shape to its page with
 * rdfs:seeAlso) and no SHACL engine reads the data graph for them.
 */
const ANNOTATIONS = new Set(
  ['label', 'comment', 'seeAlso', 'isDefinedBy'].map((name) => `${NS.rdfs}${name}`),
);
/** Predicates that count or compare the values of a property shape's path at its focus node. */
const AT_PROPERTY_FOCUS = new Set(
  [
    'minCount',
    'maxCount',
    'uniqueLang',
    'equals',
    'disjoint',
    'lessThan',
    'lessThanOrEquals',
    'qualifiedMinCount',
    'qualifiedMaxCount',
    'qualifiedValueShapesDisjoint',
  ].map((name) => `${SH}${name}`),
);
/** Targets decided by a node's own triples or the triples that point at it. */
const LOCAL_TARGETS = new Set(
  ['targetClass', 'targetSubjectsOf', 'targetObjectsOf'].map((name) => `${SH}${name}`),
);
const SHAPE_TYPES = new Set([`${SH}NodeShape`, `${SH}PropertyShape`]);

/**
 * Decides whether every shape can be evaluated on a focus node from its *neighbourhood*: the
 * triples with the node as subject or object, and the `rdf:type` triples of the nodes those
 * reach. A shape qualifies when
 * - its targets are `sh:targetClass`, `sh:targetSubjectsOf`, `sh:targetObjectsOf` or an implicit
 *   class target (`sh:targetNode` may name a node the data never mentions);
 * - its paths are a predicate or `sh:inversePath` of a predicate, followed only from the focus
 *   node itself (a property of a value would be two hops away);
 * - `sh:class` is tested on the focus node or on a value one hop away (their types are there);
 * - everything else it uses tests a value by itself (datatype, pattern, ranges, `sh:in`...) or
 *   combines shapes on the same node (`sh:node`, `sh:and`, `sh:or`, `sh:xone`, `sh:not`).
 * Anything else (SPARQL constraints and targets, `sh:closed` below the focus, longer paths, a
 * predicate this list does not know) makes the whole graph the unit of validation.
 */
export function shaclLocality(shapes: readonly Quad[]): ShaclLocality {
  const graph = new ShapesGraph(shapes);
  const incoming = new Set<string>();
  const problem = firstProblem(graph, incoming);
  return problem === undefined
    ? { local: true, incoming: [...incoming].sort() }
    : { local: false, reason: problem };
}

function firstProblem(graph: ShapesGraph, incoming: Set<string>): string | undefined {
  const roots = new Set<string>();
  for (const quad of graph.quads) {
    const predicate = quad.predicate.value;
    if (predicate === `${SH}targetNode`) return 'sh:targetNode may name a node without triples';
    if (predicate === `${SH}target`) return 'sh:target (SPARQL-based targets)';
    if (LOCAL_TARGETS.has(predicate)) roots.add(quad.subject.id);
    if (predicate === `${SH}targetObjectsOf`) incoming.add(quad.object.value);
    if (predicate === RDF_TYPE && quad.object.value === RDFS_CLASS && graph.isShape(quad.subject))
      roots.add(quad.subject.id);
  }
  // Unreached shapes (say, used only via sh:node) are checked where they are reached.
  const checked = new Set<string>();
  const check = (shape: string, depth: number): string | undefined => {
    const key = `${shape} ${depth}`;
    if (checked.has(key)) return undefined;
    checked.add(key);
    const properties = graph.out(shape);
    const path = properties.get(`${SH}path`)?.[0];
    // A property shape's own constraints test the values of its path, one hop further.
    const valueDepth = path === undefined ? depth : depth + 1;
    if (path !== undefined) {
      if (depth > 0) return 'a property path followed from a value of another path';
      const step = simplePath(graph, path);
      if (step === undefined) return 'a property path longer than one predicate';
      if (step.inverse) incoming.add(step.predicate);
    }
    for (const [predicate, objects] of properties) {
      if (predicate === `${SH}path` || predicate === RDF_TYPE || LOCAL_TARGETS.has(predicate))
        continue;
      if (VALUE_ONLY.has(predicate) || ANNOTATIONS.has(predicate)) continue;
      if (AT_PROPERTY_FOCUS.has(predicate)) {
        if (path === undefined) return `sh:${predicate.slice(SH.length)} outside a property shape`;
        continue;
      }
      // Paths start only at the focus node, so a tested node is at most one hop away, where
      // the part holds its types.
      if (predicate === `${SH}class`) continue;
      if (predicate === `${SH}closed` || predicate === `${SH}ignoredProperties`) {
        if (valueDepth > 0) return 'sh:closed on a value of a path';
        continue;
      }
      const nested = nestedShapes(graph, predicate, objects);
      if (nested === undefined)
        return `${predicate.startsWith(SH) ? `sh:${predicate.slice(SH.length)}` : `<${predicate}>`} is not known to stay near its focus node`;
      // sh:property starts again at the node the shape is tested on; the others test values.
      const at = predicate === `${SH}property` ? depth : valueDepth;
      for (const each of nested) {
        const found = check(each, at);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  for (const root of roots) {
    const found = check(root, 0);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The shapes a shape-valued predicate names, or `undefined` for any other predicate. */
function nestedShapes(
  graph: ShapesGraph,
  predicate: string,
  objects: readonly Term[],
): string[] | undefined {
  switch (predicate) {
    case `${SH}property`:
    case `${SH}node`:
    case `${SH}not`:
    case `${SH}qualifiedValueShape`:
      return objects.map((object) => object.id);
    case `${SH}and`:
    case `${SH}or`:
    case `${SH}xone`:
      return objects.flatMap((object) => graph.list(object));
    default:
      return undefined;
  }
}

/** A path of one predicate, followed forwards or backwards; `undefined` for longer paths. */
function simplePath(
  graph: ShapesGraph,
  path: Term,
): { predicate: string; inverse: boolean } | undefined {
  if (path.termType === 'NamedNode') return { predicate: path.value, inverse: false };
  const steps = graph.out(path.id);
  const inverse = steps.get(`${SH}inversePath`);
  const predicate = inverse?.[0];
  return steps.size === 1 && inverse?.length === 1 && predicate?.termType === 'NamedNode'
    ? { predicate: predicate.value, inverse: true }
    : undefined;
}

/** The shapes graph, indexed by subject. */
class ShapesGraph {
  readonly #bySubject = new Map<string, Map<string, Term[]>>();

  constructor(readonly quads: readonly Quad[]) {
    for (const quad of quads) {
      const properties = this.#bySubject.get(quad.subject.id) ?? new Map<string, Term[]>();
      this.#bySubject.set(quad.subject.id, properties);
      const objects = properties.get(quad.predicate.value) ?? [];
      properties.set(quad.predicate.value, objects);
      objects.push(quad.object);
    }
  }

  out(subject: string): ReadonlyMap<string, readonly Term[]> {
    return this.#bySubject.get(subject) ?? new Map();
  }

  isShape(subject: Term): boolean {
    return (this.out(subject.id).get(RDF_TYPE) ?? []).some((type) => SHAPE_TYPES.has(type.value));
  }

  /** The term ids of an RDF list's members. */
  list(head: Term): string[] {
    const members: string[] = [];
    let node = head;
    const seen = new Set<string>();
    while (node.value !== RDF_NIL && !seen.has(node.id)) {
      seen.add(node.id);
      const properties = this.out(node.id);
      const member = properties.get(RDF_FIRST)?.[0];
      if (member !== undefined) members.push(member.id);
      const rest = properties.get(RDF_REST)?.[0];
      if (rest === undefined) break;
      node = rest;
    }
    return members;
  }
}
