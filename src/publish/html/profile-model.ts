import type { QuadSource } from '../../rdf/quad-index.js';
import { blankNode, namedNode, RDF_TYPE, type Quad } from '../../rdf/data-factory.js';
import { compareText, humanize, splitParagraphs } from './format.js';
import { literalIn } from './pick-language.js';
import {
  compareTerms,
  hasType,
  isRoleNode,
  literalOf,
  objectsOf,
  schema,
  sortByLabel,
  subjectsWith,
  type GraphNode,
} from './graph.js';
import { displayUrl, hrefFor, linkTo, type Link } from './links.js';

/** A start and end date as written in the data (`2024`, `2018-05`); absent end = ongoing. */
export interface Period {
  start?: string;
  end?: string;
}

/** One position held (a worksFor role, or an employer given directly). */
export interface ExperienceEntry extends Period {
  key: string;
  organizations: Link[];
  roleName?: string;
  name?: string;
  description?: string;
}

/** A work the person made or looks after, or one made by a body they belong to. */
export interface ProjectEntry extends Period {
  key: string;
  work: Link;
  /** How the person is credited: a Role's roleName, else `Maintainer`, `Author`, … */
  credits: string[];
  description?: string;
  repository?: Link;
  stars?: number;
  partOf: Link[];
  organizations: Link[];
}

/** One memberOf role (or organisation given directly); same shape as a position held. */
export interface MembershipEntry extends ExperienceEntry {
  /**
   * Works the member body makes (its schema:sourceOrganization or creator) that also credit the
   * person: they belong to this membership, so they are listed here and not again in Projects.
   */
  works: Link[];
}

/** A credential (with who recognises it) or an alma mater without one. */
export interface EducationEntry extends Period {
  key: string;
  credential?: Link;
  institutions: Link[];
}

/** A scholarly article by the person or about one of their works. */
export interface PublicationEntry {
  key: string;
  article: Link;
  venue?: string;
  date?: string;
  description?: string;
  about: Link[];
}

/** Everything the CV layout shows, read from the graph; lists are already in display order. */
export interface Profile {
  name: string;
  givenName?: string;
  familyName?: string;
  jobTitle?: string;
  /** The person's own record (their page in the site). */
  person: Link;
  currentEmployers: Link[];
  /** One-line summary for the header and meta description. */
  summary?: string;
  /** The About section: ProfilePage text in paragraphs, else the person's description. */
  about: string[];
  contacts: Link[];
  /** The person's schema:image, when it is an IRI a browser can open. */
  photo?: string;
  /** Where the person is: homeLocation, else address, as one line of text. */
  location?: string;
  experience: ExperienceEntry[];
  projects: ProjectEntry[];
  memberships: MembershipEntry[];
  education: EducationEntry[];
  publications: PublicationEntry[];
  expertise: Link[];
}

const CREDIT_PROPERTIES = ['author', 'creator', 'maintainer', 'contributor'] as const;

/**
 * Reads the CV of the ProfilePage `page`: its schema:mainEntity must be a schema:Person,
 * otherwise returns `undefined` (the caller renders a generic page instead).
 */
export function readProfile(
  graph: QuadSource,
  page: GraphNode,
  baseUrl: string,
  language = 'en',
): Profile | undefined {
  const person = objectsOf(graph, page, schema('mainEntity')).find(
    (node) => node.termType !== 'Literal' && hasType(graph, node, 'Person'),
  );
  if (person === undefined) return undefined;
  const link = (node: GraphNode) => linkTo(graph, node, baseUrl);
  const text = (node: GraphNode, property: string) =>
    literalIn(graph, node, schema(property), language);

  const pageText = text(page, 'text');
  const personDescription = text(person, 'description');
  const about =
    pageText !== undefined
      ? splitParagraphs(pageText)
      : personDescription !== undefined
        ? splitParagraphs(personDescription)
        : [];
  const summaryCandidate = personDescription ?? text(page, 'description');
  const summary = pageText !== undefined ? summaryCandidate : undefined;

  const jobTitle = text(person, 'jobTitle');
  const experience = readPositions(graph, person, 'worksFor', baseUrl, language).map((entry) =>
    // The person's jobTitle is what they are now: it names a current position without a
    // roleName, never a past one.
    entry.roleName === undefined && entry.end === undefined && jobTitle !== undefined
      ? { ...entry, roleName: jobTitle }
      : entry,
  );
  const positions = readPositions(graph, person, 'memberOf', baseUrl, language);
  const currentEmployers = experience
    .filter((entry) => entry.end === undefined)
    .flatMap((entry) => entry.organizations);

  const found = readProjects(graph, person, baseUrl);
  const { memberships, projects } = attachWorks(graph, positions, found.projects, baseUrl);
  const profile: Profile = {
    name: text(person, 'name') ?? text(page, 'name') ?? person.value,
    person: link(person),
    currentEmployers: dedupeLinks(currentEmployers),
    about,
    contacts: readContacts(graph, person, baseUrl),
    experience,
    projects,
    memberships,
    education: readEducation(graph, person, baseUrl),
    publications: readPublications(graph, found.projects, found.authored, baseUrl),
    expertise: sortLinks(objectsOf(graph, person, schema('knowsAbout')).map(link)),
  };
  assignDefined(profile, {
    givenName: text(person, 'givenName'),
    familyName: text(person, 'familyName'),
    jobTitle,
    summary,
    photo: photoOf(graph, person, baseUrl),
    location: locationOf(graph, person, language),
  });
  return profile;
}

/**
 * Splits the works crediting the person between Projects and the memberships: a work made by a
 * body the person is a member of (its sourceOrganization or creator) is that membership's, so
 * ONNX or a standard the consortium writes appears once, under the membership.
 */
function attachWorks(
  graph: QuadSource,
  positions: readonly ExperienceEntry[],
  works: readonly ProjectEntry[],
  baseUrl: string,
): { memberships: MembershipEntry[]; projects: ProjectEntry[] } {
  const attached = new Set<string>();
  const memberships = positions.map((position): MembershipEntry => {
    const bodies = new Set(position.organizations.map((organization) => organization.href));
    const own = works.filter((work) => {
      if (attached.has(work.key)) return false;
      const makers = [
        ...objectsOf(graph, workNode(work), schema('sourceOrganization')),
        ...objectsOf(graph, workNode(work), schema('creator')),
      ].map((node) => linkTo(graph, node, baseUrl).href);
      return makers.some((href) => href !== undefined && bodies.has(href));
    });
    for (const work of own) attached.add(work.key);
    return { ...position, works: own.map((work) => work.work) };
  });
  return { memberships, projects: works.filter((work) => !attached.has(work.key)) };
}

/** The node a project entry was read from (its key is `termType:value`). */
function workNode(entry: ProjectEntry): GraphNode {
  const cut = entry.key.indexOf(':');
  const termType = entry.key.slice(0, cut);
  const value = entry.key.slice(cut + 1);
  return termType === 'BlankNode' ? blankNode(value) : namedNode(value);
}

/** schema:image as an IRI, or an ImageObject's contentUrl / url; only what a browser can open. */
function photoOf(graph: QuadSource, person: GraphNode, baseUrl: string): string | undefined {
  for (const image of objectsOf(graph, person, schema('image'))) {
    const candidates =
      image.termType === 'NamedNode'
        ? [image.value, ...urlsOf(graph, image)]
        : image.termType === 'BlankNode'
          ? urlsOf(graph, image)
          : [image.value];
    for (const candidate of candidates) {
      if (
        image.termType === 'NamedNode' &&
        candidate === image.value &&
        isImageObject(graph, image)
      )
        continue;
      const href = hrefFor(candidate, baseUrl);
      if (href !== undefined) return href;
    }
  }
  return undefined;
}

function isImageObject(graph: QuadSource, node: GraphNode): boolean {
  return urlsOf(graph, node).length > 0;
}

function urlsOf(graph: QuadSource, node: GraphNode): string[] {
  return [
    ...objectsOf(graph, node, schema('contentUrl')),
    ...objectsOf(graph, node, schema('url')),
  ].map((term) => term.value);
}

/**
 * homeLocation (a Place's name or address), else address: a PostalAddress read as locality,
 * region, country, or a text address as written.
 */
function locationOf(graph: QuadSource, person: GraphNode, language: string): string | undefined {
  const text = (node: GraphNode, property: string) =>
    literalIn(graph, node, schema(property), language);
  const addressText = (address: GraphNode): string | undefined => {
    if (address.termType === 'Literal') return address.value;
    const parts = ['addressLocality', 'addressRegion', 'addressCountry'].flatMap((property) => {
      const value = text(address, property);
      if (value !== undefined) return [value];
      const country = objectsOf(graph, address, schema(property)).find(
        (node) => node.termType !== 'Literal',
      );
      const name = country === undefined ? undefined : text(country, 'name');
      return name === undefined ? [] : [name];
    });
    return parts.length === 0 ? text(address, 'name') : parts.join(', ');
  };
  for (const place of objectsOf(graph, person, schema('homeLocation'))) {
    if (place.termType === 'Literal') return place.value;
    const name = text(place, 'name');
    if (name !== undefined) return name;
    for (const address of objectsOf(graph, place, schema('address'))) {
      const line = addressText(address);
      if (line !== undefined) return line;
    }
  }
  for (const address of objectsOf(graph, person, schema('address'))) {
    const line = addressText(address);
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Copies only the defined values (`exactOptionalPropertyTypes`-friendly optional fields). */
function assignDefined<T extends object>(target: T, values: Partial<T>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

function termKey(node: GraphNode): string {
  return `${node.termType}:${node.value}`;
}

function periodOf(graph: QuadSource, node: GraphNode): Period {
  const period: Period = {};
  assignDefined(period, {
    start: literalOf(graph, node, schema('startDate')),
    end: literalOf(graph, node, schema('endDate')),
  });
  return period;
}

/**
 * Whether `node` is a schema.org Role standing between a subject and the real value of
 * `property` (schema.org "Role" pattern: the role repeats the property it qualifies).
 */
function isRoleFor(graph: QuadSource, node: GraphNode, property: string): boolean {
  if (node.termType === 'Literal') return false;
  return isRoleNode(graph, node) || objectsOf(graph, node, schema(property)).length > 0;
}

/** Newest first by start date (ongoing before ended on ties), then by label. */
function byPeriodDescending(a: Period & { sortLabel: string }, b: Period & { sortLabel: string }) {
  const startA = a.start ?? '';
  const startB = b.start ?? '';
  if (startA !== startB) return startA < startB ? 1 : -1;
  const endA = a.end ?? '\uffff';
  const endB = b.end ?? '\uffff';
  if (endA !== endB) return endA < endB ? 1 : -1;
  return compareText(a.sortLabel, b.sortLabel);
}

/** worksFor / memberOf, through Role nodes or direct, newest first. */
function readPositions(
  graph: QuadSource,
  person: GraphNode,
  property: 'worksFor' | 'memberOf',
  baseUrl: string,
  language: string,
): ExperienceEntry[] {
  const entries = objectsOf(graph, person, schema(property)).map((target): ExperienceEntry => {
    if (!isRoleFor(graph, target, property)) {
      return { key: termKey(target), organizations: [linkTo(graph, target, baseUrl)] };
    }
    const entry: ExperienceEntry = {
      key: termKey(target),
      organizations: sortByLabel(graph, objectsOf(graph, target, schema(property))).map((node) =>
        linkTo(graph, node, baseUrl),
      ),
      ...periodOf(graph, target),
    };
    assignDefined(entry, {
      roleName: literalIn(graph, target, schema('roleName'), language),
      name: literalIn(graph, target, schema('name'), language),
      description: literalIn(graph, target, schema('description'), language),
    });
    return entry;
  });
  const label = (entry: ExperienceEntry) =>
    entry.roleName ?? entry.name ?? entry.organizations[0]?.label ?? '';
  return entries.sort((a, b) =>
    byPeriodDescending({ ...a, sortLabel: label(a) }, { ...b, sortLabel: label(b) }),
  );
}

interface ProjectDraft {
  node: GraphNode;
  credits: Set<string>;
  periods: Period[];
}

/**
 * Works crediting the person (author/creator/maintainer/contributor, directly or through a
 * Role carrying the dates), most starred first. Scholarly articles go to Publications instead
 * and are returned as `authored`.
 */
function readProjects(
  graph: QuadSource,
  person: GraphNode,
  baseUrl: string,
): { projects: ProjectEntry[]; authored: Set<string> } {
  const drafts = new Map<string, ProjectDraft>();
  const authored = new Set<string>();
  const credit = (work: GraphNode, label: string, period: Period) => {
    if (work.termType === 'Literal' || work.equals(person)) return;
    if (hasType(graph, work, 'ScholarlyArticle')) {
      authored.add(termKey(work));
      return;
    }
    const key = termKey(work);
    const draft = drafts.get(key) ?? { node: work, credits: new Set<string>(), periods: [] };
    draft.credits.add(label);
    if (period.start !== undefined || period.end !== undefined) draft.periods.push(period);
    drafts.set(key, draft);
  };
  for (const property of CREDIT_PROPERTIES) {
    for (const subject of subjectsWith(graph, schema(property), person)) {
      const works = subjectsWith(graph, schema(property), subject);
      if (isRoleNode(graph, subject) || works.length > 0) {
        const roleName = literalOf(graph, subject, schema('roleName'));
        for (const work of works) {
          credit(work, roleName ?? humanize(property), periodOf(graph, subject));
        }
      } else {
        credit(subject, humanize(property), {});
      }
    }
  }

  const projects = [...drafts.values()].map((draft) => toProjectEntry(graph, draft, baseUrl));
  projects.sort(
    (a, b) =>
      (b.stars ?? -1) - (a.stars ?? -1) ||
      compareText(a.work.label, b.work.label) ||
      compareText(a.key, b.key),
  );
  return { projects, authored };
}

function toProjectEntry(graph: QuadSource, draft: ProjectDraft, baseUrl: string): ProjectEntry {
  const { node } = draft;
  const starts = draft.periods.flatMap((period) => (period.start ? [period.start] : [])).sort();
  const ends = draft.periods.flatMap((period) => (period.end ? [period.end] : [])).sort();
  const ongoing = draft.periods.some((period) => period.start !== undefined && !period.end);
  const entry: ProjectEntry = {
    key: termKey(node),
    work: linkTo(graph, node, baseUrl),
    credits: [...draft.credits].sort(compareText),
    partOf: sortLinks(
      objectsOf(graph, node, schema('isPartOf')).map((part) => linkTo(graph, part, baseUrl)),
    ),
    organizations: sortLinks(
      objectsOf(graph, node, schema('sourceOrganization')).map((organization) =>
        linkTo(graph, organization, baseUrl),
      ),
    ),
  };
  const repository = objectsOf(graph, node, schema('codeRepository'))[0];
  const repositoryHref = repository ? hrefFor(repository.value, baseUrl) : undefined;
  assignDefined(entry, {
    start: starts[0],
    end: ongoing ? undefined : ends[ends.length - 1],
    description: literalOf(graph, node, schema('description')),
    repository:
      repository === undefined
        ? undefined
        : repositoryHref === undefined
          ? { label: displayUrl(repository.value) }
          : { label: displayUrl(repository.value), href: repositoryHref },
    stars: starsOf(graph, node),
  });
  return entry;
}

/**
 * The GitHub-style star count of a work: the userInteractionCount of an InteractionCounter whose
 * interactionType is schema:LikeAction or whose name mentions stars.
 */
function starsOf(graph: QuadSource, work: GraphNode): number | undefined {
  for (const counter of objectsOf(graph, work, schema('interactionStatistic'))) {
    if (counter.termType === 'Literal') continue;
    const likes = graph.countQuads(
      counter,
      namedNode(schema('interactionType')),
      namedNode(schema('LikeAction')),
      null,
    );
    const name = literalOf(graph, counter, schema('name')) ?? '';
    if (likes === 0 && !/\bstar/i.test(name)) continue;
    const count = Number(literalOf(graph, counter, schema('userInteractionCount')));
    if (Number.isFinite(count)) return count;
  }
  return undefined;
}

/**
 * Credentials with who recognises them, then alma maters without one; newest first. Years come
 * from an alumniOf Role's startDate/endDate (schema.org Role pattern) for that school, else the
 * credential's validFrom. Without years, a higher degree is taken as the newer (a master's after
 * a bachelor's), read from the credential's name.
 */
function readEducation(graph: QuadSource, person: GraphNode, baseUrl: string): EducationEntry[] {
  const link = (node: GraphNode) => linkTo(graph, node, baseUrl);
  const periods = new Map<string, Period>();
  const alumni = objectsOf(graph, person, schema('alumniOf')).flatMap((target) => {
    if (!isRoleFor(graph, target, 'alumniOf')) return [target];
    const schools = objectsOf(graph, target, schema('alumniOf'));
    for (const school of schools) periods.set(termKey(school), periodOf(graph, target));
    return schools;
  });
  const covered = new Set<string>();
  const credentials = objectsOf(graph, person, schema('hasCredential'))
    .filter((node) => node.termType !== 'Literal')
    .map((credential): EducationEntry => {
      const institutions = sortByLabel(graph, objectsOf(graph, credential, schema('recognizedBy')));
      for (const institution of institutions) covered.add(termKey(institution));
      const period = institutions
        .map((institution) => periods.get(termKey(institution)))
        .find((found) => found !== undefined);
      const validFrom = literalOf(graph, credential, schema('validFrom'));
      return {
        key: termKey(credential),
        credential: link(credential),
        institutions: institutions.map(link),
        ...(period ?? (validFrom === undefined ? {} : { end: validFrom })),
      };
    });
  const schools = alumni
    .filter((school) => !covered.has(termKey(school)))
    .map((school): EducationEntry => ({
      key: termKey(school),
      institutions: [link(school)],
      ...periods.get(termKey(school)),
    }));
  const year = (entry: EducationEntry) => entry.end ?? entry.start ?? '';
  const label = (entry: EducationEntry) =>
    entry.credential?.label ?? entry.institutions[0]?.label ?? '';
  return [...credentials, ...schools].sort(
    (a, b) =>
      (year(a) === year(b) ? 0 : year(a) < year(b) ? 1 : -1) ||
      Number(b.credential !== undefined) - Number(a.credential !== undefined) ||
      degreeLevel(label(b)) - degreeLevel(label(a)) ||
      compareText(label(a), label(b)),
  );
}

/**
 * The level of a degree named in a credential (ISCED 2011 levels 6–8: bachelor, master,
 * doctorate), 0 when the name says none.
 */
export function degreeLevel(name: string): number {
  if (/\b(ph\.?\s?d|d\.?phil|doctor(ate)?|doctorat)\b/i.test(name)) return 8;
  if (/\b(m\.?s\.?c?|m\.?a|m\.?eng|mba|master'?s?|mast[eè]re?)\b/i.test(name)) return 7;
  if (/\b(b\.?s\.?c?|b\.?a|b\.?eng|bachelor'?s?|licence)\b/i.test(name)) return 6;
  return 0;
}

/**
 * Scholarly articles authored by the person, or linked with one of their projects by
 * schema:about (article → work) or schema:subjectOf (work → article); newest first.
 */
function readPublications(
  graph: QuadSource,
  projects: readonly ProjectEntry[],
  authored: ReadonlySet<string>,
  baseUrl: string,
): PublicationEntry[] {
  const projectKeys = new Set(projects.map((project) => project.key));
  const articles = graph
    .getQuads(null, namedNode(RDF_TYPE), namedNode(schema('ScholarlyArticle')), null)
    .map((q) => q.subject)
    .sort(compareTerms);
  const linked = (article: Quad['subject']) =>
    authored.has(termKey(article)) ||
    objectsOf(graph, article, schema('about')).some((work) => projectKeys.has(termKey(work))) ||
    subjectsWith(graph, schema('subjectOf'), article).some((work) =>
      projectKeys.has(termKey(work)),
    );
  const entries = articles.filter(linked).map((article): PublicationEntry => {
    const venues = [
      ...objectsOf(graph, article, schema('publication')),
      ...objectsOf(graph, article, schema('isPartOf')),
      ...objectsOf(graph, article, schema('publisher')),
    ];
    const venue = venues
      .map((node) =>
        node.termType === 'Literal' ? node.value : literalOf(graph, node, schema('name')),
      )
      .find((name) => name !== undefined);
    const entry: PublicationEntry = {
      key: termKey(article),
      article: linkTo(graph, article, baseUrl),
      about: sortLinks(
        [
          ...objectsOf(graph, article, schema('about')),
          ...subjectsWith(graph, schema('subjectOf'), article),
        ]
          .filter((work) => projectKeys.has(termKey(work)))
          .map((work) => linkTo(graph, work, baseUrl)),
      ),
    };
    assignDefined(entry, {
      venue,
      date: literalOf(graph, article, schema('datePublished')),
      description: literalOf(graph, article, schema('description')),
    });
    return entry;
  });
  return entries.sort((a, b) =>
    (a.date ?? '') < (b.date ?? '')
      ? 1
      : (a.date ?? '') > (b.date ?? '')
        ? -1
        : compareText(a.article.label, b.article.label),
  );
}

/** url, sameAs and email of the person, as links (the site's own pages left out). */
function readContacts(graph: QuadSource, person: GraphNode, baseUrl: string): Link[] {
  const links: Link[] = [];
  for (const property of ['url', 'sameAs']) {
    for (const target of objectsOf(graph, person, schema(property))) {
      const href = hrefFor(target.value, baseUrl);
      if (href === undefined || href.startsWith('/')) continue;
      links.push({ label: displayUrl(target.value), href });
    }
  }
  for (const email of objectsOf(graph, person, schema('email'))) {
    const address = email.value.replace(/^mailto:/i, '');
    links.push({ label: address, href: `mailto:${address}` });
  }
  return dedupeLinks(links);
}

function sortLinks(links: readonly Link[]): Link[] {
  return dedupeLinks(
    [...links].sort(
      (a, b) => compareText(a.label, b.label) || compareText(a.href ?? '', b.href ?? ''),
    ),
  );
}

function dedupeLinks(links: readonly Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = `${link.href ?? ''}\u0000${link.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
