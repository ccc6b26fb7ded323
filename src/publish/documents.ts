import { compareQuads } from '../rdf/canonical.js';
import { NS, RDF_TYPE, type Quad } from '../rdf/data-factory.js';
import { QuadIndex } from '../rdf/quad-index.js';

/** One dereferenceable document: an IRI without fragment and the triples it serves. */
export interface GraphDocument {
  /** Absolute document IRI (`http://host/people/sheng-zha`, root `http://host/`). */
  iri: string;
  /** URL path (`/people/sheng-zha`, root `/`). */
  path: string;
  /** Subject IRIs whose document this is, main one first (`…#id` before other fragments). */
  subjects: string[];
  /** The document's triples, sorted (see `compareQuads`); worked out on first read. */
  readonly quads: Quad[];
  /** True for a profile page (a schema:ProfilePage lives here). */
  isProfilePage: boolean;
}

const PROFILE_PAGE = `${NS.schema}ProfilePage`;
const MAIN_ENTITY = `${NS.schema}mainEntity`;
const PERSON = `${NS.schema}Person`;
const ROLE_TYPES = new Set(
  ['Role', 'OrganizationRole', 'EmployeeRole', 'PerformanceRole', 'LinkRole'].map(
    (t) => NS.schema + t,
  ),
);

/** The document IRI of a node IRI: the IRI without its fragment (hash IRIs, W3C Cool URIs §4.2). */
export function documentIriOf(iri: string): string {
  const hash = iri.indexOf('#');
  return hash < 0 ? iri : iri.slice(0, hash);
}

/** Key of a subject or object node: its n3 term id, the IRI or `_:label` for a blank node. */
type NodeKey = string;

/** The graph indexed both ways, built once for all documents. */
interface GraphIndex {
  quadsFrom: (node: NodeKey) => readonly Quad[];
  hasSubject: (node: NodeKey) => boolean;
  /** The subjects that point at a node (not through rdf:type). */
  referrers: (node: NodeKey) => NodeKey[];
  inSite: (iri: string) => boolean;
}

/**
 * Splits the dataset into documents. Every IRI subject under `baseUrl` belongs to the document
 * named by its IRI without fragment; a document holds its subjects' triples plus the blank nodes
 * they reach (their concise bounded description, so `[ a schema:InteractionCounter … ]` stays
 * with its work). A profile page's document (one holding a schema:ProfilePage) also holds the
 * description of everything the page is about: the site nodes reachable from the page, and the
 * nodes that point at its main entity (directly or through a schema:Role) with what they reach,
 * so the page's embedded JSON-LD is the whole profile search engines read. Subjects outside
 * `baseUrl` are not served. Documents are sorted by path.
 *
 * Linear in the size of the graph (plus each profile's closure): the graph is indexed once in
 * both directions (pass the {@link QuadIndex} pages read, to share it), so a directory of many
 * profiles costs what its parts cost. A document's triples are gathered when first read: a
 * server that renders on demand never gathers those of documents nobody asks for.
 */
export function splitDocuments(
  quads: readonly Quad[],
  baseUrl: string,
  graph: QuadIndex = new QuadIndex(quads),
): GraphDocument[] {
  const index = indexGraph(graph, baseUrl);
  const subjectsOf = new Map<string, string[]>();
  for (const key of graph.subjectKeys()) {
    if (key.startsWith('_:') || !index.inSite(key)) continue;
    const document = documentIriOf(key);
    const list = subjectsOf.get(document);
    if (list) list.push(key);
    else subjectsOf.set(document, [key]);
  }

  const documents: GraphDocument[] = [];
  for (const [iri, subjects] of subjectsOf) {
    subjects.sort(compareSubjects);
    const isProfilePage = subjects.some((subject) => hasType(subject, PROFILE_PAGE, index));
    let quads: Quad[] | undefined;
    documents.push({
      iri,
      path: new URL(iri).pathname,
      subjects,
      get quads() {
        return (quads ??= documentQuads(subjects, isProfilePage, index));
      },
      isProfilePage,
    });
  }
  return documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function documentQuads(
  subjects: readonly string[],
  isProfilePage: boolean,
  index: GraphIndex,
): Quad[] {
  const included = new Set<Quad>();
  const described = new Set<NodeKey>();
  for (const subject of subjects) describe(subject, index, included, described);
  if (isProfilePage) {
    for (const subject of profileClosure(subjects, index))
      describe(subject, index, included, described);
  }
  return [...included].sort(compareQuads);
}

function indexGraph(graph: QuadIndex, baseUrl: string): GraphIndex {
  return {
    quadsFrom: (node) => graph.quadsFrom(node),
    hasSubject: (node) => graph.quadsFrom(node).length > 0,
    referrers: (node) =>
      graph
        .quadsInto(node)
        .filter((q) => q.predicate.value !== RDF_TYPE)
        .map((q) => q.subject.id),
    inSite: (iri) => iri.startsWith(baseUrl),
  };
}

/** Adds a subject's triples and those of the blank nodes it reaches. */
function describe(subject: NodeKey, index: GraphIndex, into: Set<Quad>, seen: Set<NodeKey>): void {
  const stack = [subject];
  while (stack.length > 0) {
    const current = stack.pop() as NodeKey;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const q of index.quadsFrom(current)) {
      into.add(q);
      if (q.object.termType === 'BlankNode') stack.push(q.object.id);
    }
  }
}

function hasType(subject: NodeKey, type: string, index: GraphIndex): boolean {
  return index
    .quadsFrom(subject)
    .some((q) => q.predicate.value === RDF_TYPE && q.object.value === type);
}

/** `#id` first (the conventional main node), then the rest in code-unit order. */
function compareSubjects(a: string, b: string): number {
  const aMain = a.endsWith('#id') ? 0 : 1;
  const bMain = b.endsWith('#id') ? 0 : 1;
  return aMain - bMain || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Site nodes a profile page is about: everything reachable from the page's subjects by forward
 * links; every site node pointing at a main entity, directly or through a Role node that points
 * at it (schema.org's Role pattern), with what it reaches; and what points at those works in
 * turn (a paper `about` a standard), up to two steps. Reverse steps start only from nodes found
 * by reverse steps, never from shared nodes reached forwards (an organization), which would
 * pull in everyone linked to them.
 */
function profileClosure(pageSubjects: readonly string[], index: GraphIndex): Set<NodeKey> {
  const mainEntities = pageSubjects.flatMap((subject) =>
    index
      .quadsFrom(subject)
      .filter((q) => q.predicate.value === MAIN_ENTITY)
      .map((q) => q.object.id),
  );
  // Other people are linked to (`knows`, co-authors), never described: in a directory, walking
  // through them would pull the whole graph into one page.
  const otherPerson = (node: NodeKey) =>
    !mainEntities.includes(node) && hasType(node, PERSON, index);
  const reached = new Set<NodeKey>();
  const walk = (start: NodeKey) => {
    const stack = [start];
    while (stack.length > 0) {
      const subject = stack.pop() as NodeKey;
      if (reached.has(subject) || otherPerson(subject)) continue;
      reached.add(subject);
      for (const q of index.quadsFrom(subject)) {
        if (q.predicate.value === RDF_TYPE) continue;
        const object = q.object;
        if (object.termType === 'BlankNode') stack.push(object.id);
        else if (
          object.termType === 'NamedNode' &&
          index.inSite(object.value) &&
          index.hasSubject(object.value)
        ) {
          stack.push(object.value);
        }
      }
    }
  };
  for (const subject of pageSubjects) walk(subject);

  const siteReferrers = (node: NodeKey) =>
    index
      .referrers(node)
      .filter((referrer) => !referrer.startsWith('_:') && index.inSite(referrer));
  let frontier = new Set<NodeKey>();
  for (const entity of mainEntities) {
    for (const referrer of index.referrers(entity)) {
      // A Role pointing at the person counts through whoever points at the Role.
      if (isRole(referrer, index))
        for (const holder of siteReferrers(referrer)) frontier.add(holder);
      if (!referrer.startsWith('_:') && index.inSite(referrer)) frontier.add(referrer);
    }
  }
  for (let step = 0; step <= 2 && frontier.size > 0; step++) {
    for (const subject of frontier) walk(subject);
    const next = new Set<NodeKey>();
    for (const node of frontier) {
      for (const referrer of siteReferrers(node)) if (!reached.has(referrer)) next.add(referrer);
    }
    frontier = next;
  }
  return reached;
}

function isRole(subject: NodeKey, index: GraphIndex): boolean {
  return index
    .quadsFrom(subject)
    .some((q) => q.predicate.value === RDF_TYPE && ROLE_TYPES.has(q.object.value));
}
