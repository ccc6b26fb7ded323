import { NS, RDF_TYPE, type Quad, type Term } from '../rdf/data-factory.js';

const SH = NS.sh;
const RDFS_SUB_CLASS_OF = `${NS.rdfs}subClassOf`;

/** Which nodes a shape targets, as far as the data graph tells (SHACL §2.1.3). */
export interface ShapeTargets {
  shape: Term;
  /** `sh:targetClass`, the shape itself when it is a node shape (implicit class target), and every subclass of those. */
  classes: ReadonlySet<string>;
  subjectsOf: ReadonlySet<string>;
  objectsOf: ReadonlySet<string>;
}

/**
 * The targets of every shape shacl-engine registers, read the way it reads them: class targets
 * (explicit and implicit) include their subclasses in the shapes graph. `sh:targetNode` and
 * SPARQL targets are not read: graphs are split only for shapes without them (see
 * shacl-locality.ts).
 */
export function readShapeTargets(shapesGraph: readonly Quad[]): ShapeTargets[] {
  const subClasses = new Map<string, string[]>();
  const byShape = new Map<
    string,
    { shape: Term; classes: Set<string>; subjectsOf: Set<string>; objectsOf: Set<string> }
  >();
  const entry = (shape: Term) => {
    let found = byShape.get(shape.id);
    if (found === undefined) {
      found = { shape, classes: new Set(), subjectsOf: new Set(), objectsOf: new Set() };
      byShape.set(shape.id, found);
    }
    return found;
  };
  for (const quad of shapesGraph) {
    const object = quad.object.value;
    switch (quad.predicate.value) {
      case RDFS_SUB_CLASS_OF:
        subClasses.set(object, [...(subClasses.get(object) ?? []), quad.subject.value]);
        break;
      case `${SH}targetClass`:
        entry(quad.subject).classes.add(object);
        break;
      case `${SH}targetSubjectsOf`:
        entry(quad.subject).subjectsOf.add(object);
        break;
      case `${SH}targetObjectsOf`:
        entry(quad.subject).objectsOf.add(object);
        break;
      case RDF_TYPE:
        if (object === `${SH}NodeShape`) entry(quad.subject).classes.add(quad.subject.value);
        break;
    }
  }
  return [...byShape.values()].map((targets) => ({
    ...targets,
    classes: withSubclasses(targets.classes, subClasses),
  }));
}

/** The classes and all their subclasses, transitively. */
function withSubclasses(
  classes: ReadonlySet<string>,
  subClasses: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const all = new Set(classes);
  const pending = [...classes];
  for (let next = pending.pop(); next !== undefined; next = pending.pop())
    for (const sub of subClasses.get(next) ?? [])
      if (!all.has(sub)) {
        all.add(sub);
        pending.push(sub);
      }
  return all;
}

/**
 * The focus nodes of each shape among the `owned` nodes (n3 term ids) of a part of the data
 * graph: a part validates exactly the nodes it owns, never the neighbours it holds only so that
 * its own nodes can be checked.
 */
export function ownedFocusNodes(
  targets: readonly ShapeTargets[],
  quads: readonly Quad[],
  owned: ReadonlySet<string>,
): { shape: Term; nodes: Term[] }[] {
  const found = targets.map(() => new Map<string, Term>());
  for (const quad of quads) {
    const { subject, predicate, object } = quad;
    const subjectOwned = owned.has(subject.id);
    const objectOwned = object.termType !== 'Literal' && owned.has(object.id);
    if (!subjectOwned && !objectOwned) continue;
    targets.forEach((target, index) => {
      const nodes = found[index] as Map<string, Term>;
      if (subjectOwned) {
        if (predicate.value === RDF_TYPE && target.classes.has(object.value))
          nodes.set(subject.id, subject);
        if (target.subjectsOf.has(predicate.value)) nodes.set(subject.id, subject);
      }
      if (objectOwned && target.objectsOf.has(predicate.value)) nodes.set(object.id, object);
    });
  }
  return targets
    .map((target, index) => ({
      shape: target.shape,
      nodes: [...(found[index] as Map<string, Term>).values()],
    }))
    .filter((each) => each.nodes.length > 0);
}
