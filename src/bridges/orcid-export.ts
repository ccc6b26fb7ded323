import type { JsonObject } from './data-files.js';
import { DataGraph, idOf, textOf, textsOf, urlOf } from './data-graph.js';
import { clean } from './json-resume-export.js';
import { asList, hasType, isNode, readKeptTexts } from './kept.js';
import { DEFAULT_SECTION, WORK_CLASSES } from './orcid-import.js';
import { AFFILIATION_SECTIONS } from './orcid-spec.js';

type Section = keyof typeof AFFILIATION_SECTIONS;

/**
 * The ORCID record (API v3.0 JSON) for `person` in the data: the inverse of `orcidToData` for
 * the fields docs/orcid.md lists. Each affiliation, work, funding and peer review is its own
 * group; the registry's metadata (put-codes, sources, dates, visibility) is not written, since
 * the data does not hold it. Sections the data has nothing for are absent.
 */
export function dataToOrcid(graph: DataGraph, person: JsonObject): JsonObject {
  const identifiers = graph
    .follow(person, 'identifier')
    .filter((node) => hasType(node, 'PropertyValue'));
  const orcid = identifiers.find((node) => textOf(node, 'propertyID') === 'ORCID');
  const orcidUri = urlOf(orcid, 'url');
  const given = textOf(person, 'givenName');
  const family = textOf(person, 'familyName');
  const name = textOf(person, 'name');

  const sections: Record<Section, JsonObject[]> = {
    distinctions: [],
    educations: [],
    employments: [],
    'invited-positions': [],
    memberships: [],
    qualifications: [],
    services: [],
  };
  for (const property of ['worksFor', 'alumniOf', 'memberOf'] as const) {
    for (const node of graph.follow(person, property)) {
      const role = isRole(node) ? node : undefined;
      const organization = role ? graph.first(role, property) : node;
      const kept = role && readKeptTexts(role, 'section')[0];
      const section = (
        kept !== undefined && kept in sections ? kept : DEFAULT_SECTION[property]
      ) as Section;
      sections[section].push(
        clean({
          'department-name': role && readKeptTexts(role, 'department-name')[0],
          'role-title': textOf(role, 'roleName') ?? textOf(role, 'name'),
          'start-date': orcidDate(textOf(role, 'startDate')),
          'end-date': orcidDate(textOf(role, 'endDate')),
          organization: organizationOut(graph, organization),
          url: wrap(urlOf(role, 'url')),
          'external-ids': externalIds(graph, role),
        }),
      );
    }
  }
  for (const award of graph.follow(person, 'subjectOf')) {
    if (!hasType(award, 'Statement') || !textsOf(award, 'genre').includes('award')) continue;
    sections.distinctions.push(
      clean({
        'role-title': textOf(award, 'name'),
        'start-date': orcidDate(textOf(award, 'dateCreated')),
        organization: organizationOut(graph, graph.first(award, 'publisher')),
        url: wrap(urlOf(award, 'url')),
        'external-ids': externalIds(graph, award),
      }),
    );
  }

  const works = graph.worksBy(graph.pageOf(person), idOf(person));
  const affiliations = Object.fromEntries(
    (Object.keys(AFFILIATION_SECTIONS) as Section[]).map((section) => [
      section,
      sections[section].length === 0
        ? undefined
        : {
            'affiliation-group': sections[section].map((summary) => ({
              summaries: [{ [AFFILIATION_SECTIONS[section]]: summary }],
            })),
          },
    ]),
  );

  return clean({
    'orcid-identifier':
      orcid &&
      clean({
        uri: orcidUri,
        path: textOf(orcid, 'value'),
        host: orcidUri === undefined ? undefined : hostOf(orcidUri),
      }),
    person: clean({
      name: clean({
        'given-names': wrap(given),
        'family-name': wrap(family),
        // A credit name equal to "given family" is what ORCID shows without one.
        'credit-name': name === [given, family].filter(Boolean).join(' ') ? undefined : wrap(name),
      }),
      'other-names': listOf(
        'other-name',
        textsOf(person, 'alternateName').map((content) => ({ content })),
      ),
      biography: clean({ content: textOf(person, 'description') }),
      'researcher-urls': listOf(
        'researcher-url',
        identifiers
          .filter((node) => node !== orcid && textOf(node, 'value') === undefined)
          .map((node) =>
            clean({ 'url-name': textOf(node, 'propertyID'), url: wrap(urlOf(node, 'url')) }),
          ),
      ),
      emails: listOf(
        'email',
        textsOf(person, 'email').map((email) => ({ email })),
      ),
      addresses: listOf(
        'address',
        graph
          .follow(person, 'address')
          .flatMap((address) => textOf(address, 'addressCountry') ?? [])
          .map((country) => ({ country: { value: country } })),
      ),
      keywords: listOf(
        'keyword',
        asList(person.knowsAbout)
          .flatMap((value) =>
            typeof value === 'string'
              ? [value]
              : isNode(value)
                ? (textOf(graph.resolve(value), 'name') ?? [])
                : [],
          )
          .map((content) => ({ content })),
      ),
      'external-identifiers': listOf(
        'external-identifier',
        identifiers
          .filter((node) => node !== orcid && textOf(node, 'value') !== undefined)
          .map(externalIdOut),
      ),
    }),
    'activities-summary': clean({
      ...affiliations,
      works: groupsOf(
        'work-summary',
        works
          .filter((work) => !hasType(work, 'Review'))
          .map((work) =>
            clean({
              title: clean({
                title: wrap(textOf(work, 'name')),
                subtitle: wrap(textOf(work, 'alternativeHeadline')),
              }),
              'external-ids': externalIds(graph, work),
              url: wrap(urlOf(work, 'url')),
              type: textOf(work, 'genre') ?? workType(work),
              'publication-date': orcidDate(textOf(work, 'datePublished')),
              'journal-title': wrap(textOf(graph.first(work, 'isPartOf'), 'name')),
            }),
          ),
      ),
      fundings: groupsOf(
        'funding-summary',
        graph.follow(person, 'funding').map((grant) =>
          clean({
            title: clean({ title: wrap(textOf(grant, 'name')) }),
            'external-ids': externalIds(graph, grant),
            url: wrap(urlOf(grant, 'url')),
            type: readKeptTexts(grant, 'type')[0],
            'start-date': orcidDate(readKeptTexts(grant, 'start-date')[0]),
            'end-date': orcidDate(readKeptTexts(grant, 'end-date')[0]),
            organization: organizationOut(graph, graph.first(grant, 'funder')),
          }),
        ),
      ),
      'peer-reviews': emptyToUndefined(
        works
          .filter((work) => hasType(work, 'Review'))
          .map((review) => ({
            'peer-review-group': [
              {
                'peer-review-summary': [
                  clean({
                    'reviewer-role': readKeptTexts(review, 'reviewer-role')[0],
                    'external-ids': externalIds(graph, review),
                    'review-url': wrap(urlOf(review, 'url')),
                    'review-type': textOf(review, 'genre'),
                    'completion-date': orcidDate(textOf(review, 'dateCreated')),
                    'review-group-id': readKeptTexts(review, 'review-group-id')[0],
                    'convening-organization': organizationOut(
                      graph,
                      graph.first(review, 'publisher'),
                    ),
                  }),
                ],
              },
            ],
          })),
      ),
    }),
  });
}

function isRole(node: JsonObject): boolean {
  return ['Role', 'EmployeeRole', 'OrganizationRole'].some((type) => hasType(node, type));
}

/** ORCID's work type for a work without a `genre`: the first type mapped to its class. */
function workType(work: JsonObject): string {
  return Object.entries(WORK_CLASSES).find(([, type]) => hasType(work, type))?.[0] ?? 'other';
}

function organizationOut(
  graph: DataGraph,
  organization: JsonObject | undefined,
): JsonObject | undefined {
  if (organization === undefined) return undefined;
  const address = graph.first(organization, 'address');
  const disambiguated = graph.first(organization, 'identifier');
  const out = clean({
    name: textOf(organization, 'name'),
    address: clean({
      city: textOf(address, 'addressLocality'),
      region: textOf(address, 'addressRegion'),
      country: textOf(address, 'addressCountry'),
    }),
    'disambiguated-organization': clean({
      'disambiguated-organization-identifier': textOf(disambiguated, 'value'),
      'disambiguation-source': textOf(disambiguated, 'propertyID'),
    }),
  });
  return Object.keys(out).length === 0 ? undefined : out;
}

function externalIdOut(node: JsonObject): JsonObject {
  return clean({
    'external-id-type': textOf(node, 'propertyID'),
    'external-id-value': textOf(node, 'value'),
    'external-id-url': wrap(urlOf(node, 'url')),
    'external-id-relationship': textOf(node, 'description'),
  });
}

function externalIds(graph: DataGraph, node: JsonObject | undefined): JsonObject | undefined {
  const ids = graph.follow(node, 'identifier').filter((item) => hasType(item, 'PropertyValue'));
  return ids.length === 0 ? undefined : { 'external-id': ids.map(externalIdOut) };
}

/** ISO 8601 "2020-03-01" as ORCID's `{year, month, day}`. */
function orcidDate(date: string | undefined): JsonObject | undefined {
  if (date === undefined) return undefined;
  const [year, month, day] = date.slice(0, 10).split('-');
  return clean({ year: wrap(year), month: wrap(month), day: wrap(day) });
}

function wrap(value: string | undefined): JsonObject | undefined {
  return value === undefined ? undefined : { value };
}

function listOf(key: string, list: JsonObject[]): JsonObject | undefined {
  return list.length === 0 ? undefined : { [key]: list };
}

function groupsOf(key: string, list: JsonObject[]): JsonObject | undefined {
  return list.length === 0 ? undefined : { group: list.map((summary) => ({ [key]: [summary] })) };
}

function emptyToUndefined(list: JsonObject[]): JsonObject | undefined {
  return list.length === 0 ? undefined : { group: list };
}

function hostOf(uri: string): string | undefined {
  try {
    return new URL(uri).host;
  } catch {
    return undefined;
  }
}
