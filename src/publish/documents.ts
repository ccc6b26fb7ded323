import { NS, RDF_TYPE, type Quad } from '../rdf/data-factory.js';

/** One dereferenceable document: an IRI without fragment and the triples it serves. */
export interface GraphDocument {
  /** Absolute document IRI (`http://host/people/sheng-zha`, root `http://host/`). */
  iri: string;
  /** URL path (`/people/sheng-zha`, root `/`). */
  path: string;
  /** Subject IRIs whose document this is, main one first (`…#id` before other fragments). */
  subjects: string[];
  /** The document's triples, sorted (see `compareQuads`). */
  quads: Quad[];
  /** True for the site's profile page (a schema:ProfilePage lives here). */
  isProfilePage: boolean;
}

const PROFILE_PAGE = `${NS.schema}ProfilePage`;
const MAIN_ENTITY = `${NS.schema}mainEntity`;

/** The document IRI of a node IRI: the IRI without its fragment (hash IRIs, W3C Cool URIs §4.2). */
export function documentIriOf(iri: string): string {
  const hash = iri.indexOf('#');
  return hash < 0 ? iri : iri.slice(0, hash);
}

/**
 * Splits the dataset into documents. Every IRI subject under `baseUrl` belongs to the document
 * named by its IRI without fragment; a document holds its subjects' triples plus the blank nodes
 * they reach (their concise bounded description, so `[ a schema:InteractionCounter … ]` stays
 * with its work). The profile page's document (the one holding a schema:ProfilePage) also holds
 * the description of everything the page is about: all site nodes reachable from the page, and
 * the nodes that point at its main entity (directly or through a schema:Role) with what they
 * reach, so the page's embedded JSON-LD is the whole profile search engines read. Subjects
 * outside `baseUrl` are not served. Documents are sorted by path.
 */
export function splitDocuments(quads: readonly Quad[], baseUrl: string): GraphDocument[] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value;
    const list = bySubject.get(key) ?? [];
    list.push(q);
    bySubject.set(key, list);
  }
  const inSite = (iri: string) => iri.startsWith(baseUrl);
  const subjectsOf = new Map<string, string[]>();
  for (const key of bySubject.keys()) {
    if (key.startsWith('_:') || !inSite(key)) continue;
    const document = documentIriOf(key);
    const list = subjectsOf.get(document) ?? [];
    list.push(key);
    subjectsOf.set(document, list);
  }

  /** A subject's triples plus those of the blank nodes it reaches. */
  const describe = (subject: string, into: Set<Quad>, seen = new Set<string>()) => {
    if (seen.has(subject)) return;
    seen.add(subject);
    for (const q of bySubject.get(subject) ?? []) {
      into.add(q);
      if (q.object.termType === 'BlankNode') describe(`_:${q.object.value}`, into, seen);
    }
  };

  const documents: GraphDocument[] = [];
  for (const [iri, subjects] of subjectsOf) {
    subjects.sort(compareSubjects);
    const included = new Set<Quad>();
    for (const subject of subjects) describe(subject, included);
    const isProfilePage = subjects.some((subject) =>
      (bySubject.get(subject) ?? []).some(
        (q) => q.predicate.value === RDF_TYPE && q.object.value === PROFILE_PAGE,
      ),
    );
    if (isProfilePage) {
      for (const subject of profileClosure(subjects, bySubject, inSite))
        describe(subject, included);
    }
    documents.push({
      iri,
      path: new URL(iri).pathname,
      subjects,
      quads: quads.filter((q) => included.has(q)),
      isProfilePage,
    });
  }
  return documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `#id` first (the conventional main node), then the rest in code-unit order. */
function compareSubjects(a: string, b: string): number {
  const aMain = a.endsWith('#id') ? 0 : 1;
  const bMain = b.endsWith('#id') ? 0 : 1;
  return aMain - bMain || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Site nodes the profile page is about: everything reachable from the page's subjects by forward
 * links, and every node pointing at a main entity (directly, or via a Role node that points at
 * it) together with what that node reaches.
 */
function profileClosure(
  pageSubjects: readonly string[],
  bySubject: ReadonlyMap<string, Quad[]>,
  inSite: (iri: string) => boolean,
): Set<string> {
  const reached = new Set<string>();
  const walk = (start: string) => {
    const stack = [start];
    while (stack.length > 0) {
      const subject = stack.pop() as string;
      if (reached.has(subject)) continue;
      reached.add(subject);
      for (const q of bySubject.get(subject) ?? []) {
        const object = q.object;
        if (q.predicate.value === RDF_TYPE) continue;
        if (object.termType === 'NamedNode' && inSite(object.value) && bySubject.has(object.value))
          stack.push(object.value);
        if (object.termType === 'BlankNode') stack.push(`_:${object.value}`);
      }
    }
  };
  for (const subject of pageSubjects) walk(subject);
  const mainEntities = new Set(
    pageSubjects.flatMap((subject) =>
      (bySubject.get(subject) ?? [])
        .filter((q) => q.predicate.value === MAIN_ENTITY)
        .map((q) => q.object.value),
    ),
  );
  // Pointers at the main entity: a node with a triple whose object is the entity, or whose
  // object is a blank/IRI Role node that has such a triple (schema.org's Role pattern).
  const pointsAtMain = (subject: string, depth: number): boolean =>
    (bySubject.get(subject) ?? []).some(
      (q) =>
        mainEntities.has(q.object.value) ||
        (depth > 0 &&
          q.predicate.value !== RDF_TYPE &&
          (q.object.termType === 'BlankNode' || q.object.termType === 'NamedNode') &&
          pointsAtMain(
            q.object.termType === 'BlankNode' ? `_:${q.object.value}` : q.object.value,
            depth - 1,
          ) &&
          isRole(
            q.object.termType === 'BlankNode' ? `_:${q.object.value}` : q.object.value,
            bySubject,
          )),
    );
  // Then what points at those works (a paper `about` a standard), up to two steps further; only
  // from works found this way, never from shared nodes such as an organization, which would pull
  // in everyone linked to it.
  let frontier = new Set(
    [...bySubject.keys()].filter(
      (subject) => !subject.startsWith('_:') && inSite(subject) && pointsAtMain(subject, 1),
    ),
  );
  for (let step = 0; step <= 2 && frontier.size > 0; step++) {
    for (const subject of frontier) walk(subject);
    const next = new Set<string>();
    for (const [subject, list] of bySubject) {
      if (subject.startsWith('_:') || !inSite(subject) || reached.has(subject)) continue;
      if (list.some((q) => q.predicate.value !== RDF_TYPE && frontier.has(q.object.value))) {
        next.add(subject);
      }
    }
    frontier = next;
  }
  return reached;
}

const ROLE_TYPES = new Set(
  ['Role', 'OrganizationRole', 'EmployeeRole', 'PerformanceRole', 'LinkRole'].map(
    (t) => NS.schema + t,
  ),
);

function isRole(subject: string, bySubject: ReadonlyMap<string, Quad[]>): boolean {
  return (bySubject.get(subject) ?? []).some(
    (q) => q.predicate.value === RDF_TYPE && ROLE_TYPES.has(q.object.value),
  );
}
