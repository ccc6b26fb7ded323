import type { JsonValue } from '../load/source-file.js';
import type { JsonObject } from './data-files.js';
import { DataGraph, idOf, textOf, textsOf, urlOf } from './data-graph.js';
import { asList, hasType, isNode, readKeptKeywords, readKeptTexts } from './kept.js';

/**
 * The JSON Resume document (schema v1.0.0) for `person` in the data: the inverse of
 * `jsonResumeToData`, so an imported résumé comes back field for field (docs/json-resume.md).
 * Data written by hand maps as far as it uses the same terms: a `worksFor` or `alumniOf` that
 * links an Organization directly gives an entry without dates, a `knowsAbout` text a skill with
 * only a name. Fields the data lacks are absent, never empty.
 */
export function dataToJsonResume(graph: DataGraph, person: JsonObject): JsonObject {
  const personId = idOf(person);
  const page = graph
    .ofType('ProfilePage')
    .find((candidate) => graph.follow(candidate, 'mainEntity').some((node) => node === person));
  const address = graph.first(person, 'address');
  const statements = graph.follow(person, 'subjectOf');
  const credentials = graph.follow(person, 'hasCredential');
  const certificates = credentials.filter(isCertificate);
  const degrees = pairDegrees(
    graph,
    person,
    credentials.filter((credential) => !isCertificate(credential)),
  );

  const awards = statements.filter((node) => isStatement(node, 'award'));
  const awardTitles = new Set(awards.map((node) => textOf(node, 'name')));
  const memberships = graph
    .follow(person, 'memberOf')
    .map((node) => roleAndTarget(graph, node, 'memberOf'));

  return clean({
    basics: clean({
      name: textOf(person, 'name'),
      label: textOf(person, 'jobTitle'),
      image: urlOf(person, 'image'),
      email: textOf(person, 'email'),
      phone: textOf(person, 'telephone'),
      url: urlOf(person, 'url'),
      summary: textOf(person, 'description'),
      location: clean({
        address: textOf(address, 'streetAddress'),
        postalCode: textOf(address, 'postalCode'),
        city: textOf(address, 'addressLocality'),
        countryCode: textOf(address, 'addressCountry'),
        region: textOf(address, 'addressRegion'),
      }),
      profiles: profilesOf(graph, person),
    }),
    work: graph.follow(person, 'worksFor').map((node) => {
      const { role, target } = roleAndTarget(graph, node, 'worksFor');
      return clean({
        name: textOf(target, 'name'),
        location: textOf(target, 'location'),
        description: textOf(target, 'description'),
        position: positionOf(role),
        url: urlOf(target, 'url'),
        startDate: textOf(role, 'startDate'),
        endDate: textOf(role, 'endDate'),
        summary: textOf(role, 'description'),
        highlights: role && readKeptTexts(role, 'highlights'),
      });
    }),
    volunteer: memberships
      .filter(({ target }) => !(target && hasType(target, 'Project')))
      .map(({ role, target }) =>
        clean({
          organization: textOf(target, 'name'),
          position: positionOf(role),
          url: urlOf(target, 'url'),
          startDate: textOf(role, 'startDate'),
          endDate: textOf(role, 'endDate'),
          summary: textOf(role, 'description'),
          highlights: role && readKeptTexts(role, 'highlights'),
        }),
      ),
    education: degrees.map(({ role, organization, credential }) => {
      const bare =
        credential !== undefined &&
        ['educationalLevel', 'about', 'hasPart', 'subjectOf'].every((key) => !(key in credential));
      return clean({
        institution: textOf(organization, 'name'),
        url: urlOf(organization, 'url'),
        area: textOf(graph.first(credential, 'about'), 'name'),
        // Hand-written data names a degree ("MS in Computer Science") without its parts.
        studyType: bare ? textOf(credential, 'name') : textOf(credential, 'educationalLevel'),
        startDate: textOf(role, 'startDate'),
        endDate: textOf(role, 'endDate'),
        score: credential && readKeptTexts(credential, 'score')[0],
        courses: graph
          .follow(credential, 'hasPart')
          .filter((node) => hasType(node, 'Course'))
          .flatMap((node) => textOf(node, 'name') ?? []),
      });
    }),
    awards: [
      ...awards.map((node) =>
        clean({
          title: textOf(node, 'name'),
          date: textOf(node, 'dateCreated'),
          awarder: textOf(graph.first(node, 'publisher'), 'name'),
          summary: textOf(node, 'abstract'),
        }),
      ),
      ...textsOf(person, 'award')
        .filter((title) => !awardTitles.has(title))
        .map((title) => ({ title })),
    ],
    certificates: certificates.map((node) =>
      clean({
        name: textOf(node, 'name'),
        date: textOf(node, 'dateCreated'),
        url: urlOf(node, 'url'),
        issuer: textOf(graph.first(node, 'recognizedBy'), 'name'),
      }),
    ),
    publications: graph
      .worksBy(page, personId)
      .filter((work) => !hasType(work, 'Review'))
      .map((work) =>
        clean({
          name: textOf(work, 'name'),
          publisher: textOf(graph.first(work, 'publisher'), 'name'),
          releaseDate: textOf(work, 'datePublished'),
          url: urlOf(work, 'url'),
          summary: textOf(work, 'abstract'),
        }),
      ),
    skills: asList(person.knowsAbout).flatMap((value) => {
      if (typeof value === 'string') return [{ name: value }];
      if (!isNode(value)) return [];
      const term = graph.resolve(value);
      return [
        clean({
          name: textOf(term, 'name'),
          level: readKeptTexts(term, 'level')[0],
          keywords: readKeptKeywords(term, 'keywords'),
        }),
      ];
    }),
    languages: asList(person.knowsLanguage).flatMap((value) => {
      if (typeof value === 'string') return [{ language: value }];
      if (!isNode(value)) return [];
      const language = graph.resolve(value);
      return [
        clean({
          language: textOf(language, 'name'),
          fluency: readKeptTexts(language, 'fluency')[0],
        }),
      ];
    }),
    interests: statements
      .filter((node) => isStatement(node, 'interest'))
      .map((node) => clean({ name: textOf(node, 'name'), keywords: textsOf(node, 'keywords') })),
    references: statements
      .filter((node) => hasType(node, 'Review'))
      .map((node) =>
        clean({ name: textOf(node, 'creditText'), reference: textOf(node, 'reviewBody') }),
      ),
    projects: memberships
      .filter(({ target }) => target && hasType(target, 'Project'))
      .map(({ role, target }) =>
        clean({
          name: textOf(target, 'name'),
          description: textOf(target, 'description'),
          highlights: role && readKeptTexts(role, 'highlights'),
          keywords: textsOf(target, 'keywords'),
          startDate: textOf(role, 'startDate'),
          endDate: textOf(role, 'endDate'),
          url: urlOf(target, 'url'),
          roles: textsOf(role, 'roleName'),
          entity: textOf(graph.first(target, 'parentOrganization'), 'name'),
          type: target && readKeptTexts(target, 'type')[0],
        }),
      ),
    meta: clean({
      canonical: urlOf(page, 'isBasedOn'),
      version: textOf(page, 'version'),
      lastModified: textOf(page, 'dateModified'),
    }),
  });
}

/**
 * A link's Role and the node behind it: Person worksFor EmployeeRole worksFor Organization
 * (schema.org's Role pattern), or the Organization itself when the link is direct.
 */
function roleAndTarget(
  graph: DataGraph,
  node: JsonObject,
  property: string,
): { role: JsonObject | undefined; target: JsonObject | undefined } {
  if (!isRole(node)) return { role: undefined, target: node };
  return { role: node, target: graph.first(node, property) };
}

function isRole(node: JsonObject): boolean {
  return ['Role', 'EmployeeRole', 'OrganizationRole'].some((type) => hasType(node, type));
}

/** A role's position: its roleName, else the name data/ gives a role (a team's name). */
function positionOf(role: JsonObject | undefined): string | undefined {
  return textOf(role, 'roleName') ?? textOf(role, 'name');
}

function isCertificate(credential: JsonObject): boolean {
  return textsOf(credential, 'credentialCategory').includes('certificate');
}

function isStatement(node: JsonObject, genre: string): boolean {
  return hasType(node, 'Statement') && textsOf(node, 'genre').includes(genre);
}

interface Degree {
  role: JsonObject | undefined;
  organization: JsonObject | undefined;
  credential: JsonObject | undefined;
}

/**
 * Each `alumniOf` link with the credential recognized by the same organization (the first one
 * not yet taken, so two degrees from one school stay in order), then any credential left over.
 */
function pairDegrees(graph: DataGraph, person: JsonObject, credentials: JsonObject[]): Degree[] {
  const unused = [...credentials];
  const take = (organizationId: string | undefined): JsonObject | undefined => {
    const index = unused.findIndex((credential) => recognizerId(credential) === organizationId);
    return index < 0 ? undefined : unused.splice(index, 1)[0];
  };
  const degrees = asList(person.alumniOf)
    .filter(isNode)
    .map((link): Degree => {
      const node = graph.resolve(link);
      if (!isRole(node))
        return { role: undefined, organization: node, credential: take(idOf(link)) };
      const organizationLink = asList(node.alumniOf).find(isNode);
      return {
        role: node,
        organization: graph.first(node, 'alumniOf'),
        credential: take(organizationLink && idOf(organizationLink)),
      };
    });
  return [
    ...degrees,
    ...unused.map((credential) => ({
      role: undefined,
      organization: graph.first(credential, 'recognizedBy'),
      credential,
    })),
  ];
}

function recognizerId(credential: JsonObject): string | undefined {
  const link = asList(credential.recognizedBy).find(isNode);
  return link && idOf(link);
}

/** The profiles: each `identifier` PropertyValue, then `sameAs` URLs none of them gave. */
function profilesOf(graph: DataGraph, person: JsonObject): JsonObject[] {
  const profiles = graph
    .follow(person, 'identifier')
    .filter((node) => hasType(node, 'PropertyValue'))
    .map((node) =>
      clean({
        network: textOf(node, 'propertyID'),
        username: textOf(node, 'value'),
        url: urlOf(node, 'url'),
      }),
    );
  const known = new Set(profiles.map((profile) => profile.url));
  const others = textsOf(person, 'sameAs')
    .filter((url) => !known.has(url))
    .map((url) => ({ url }));
  return [...profiles, ...others];
}

/** An object without undefined members, empty lists and empty objects; undefined if empty. */
export function clean(object: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (isNode(value) && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out;
}
