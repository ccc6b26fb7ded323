import {
  compact,
  DataLayout,
  nodeOrNothing,
  ref,
  slugify,
  type DataFileOut,
  type JsonObject,
} from './data-files.js';
import { entries, object, orcidDate, text } from './input-check.js';
import { keptText } from './kept.js';
import { AFFILIATION_SECTIONS } from './orcid-spec.js';

/** The affiliation sections, in the order the record lists them, and where each goes. */
const AFFILIATIONS: readonly {
  section: keyof typeof AFFILIATION_SECTIONS;
  property: 'worksFor' | 'alumniOf' | 'memberOf';
}[] = [
  { section: 'employments', property: 'worksFor' },
  { section: 'invited-positions', property: 'worksFor' },
  { section: 'educations', property: 'alumniOf' },
  { section: 'qualifications', property: 'alumniOf' },
  { section: 'memberships', property: 'memberOf' },
  { section: 'services', property: 'memberOf' },
];

/** The section each property holds when a role names none (`kept` `section` otherwise). */
export const DEFAULT_SECTION = {
  worksFor: 'employments',
  alumniOf: 'educations',
  memberOf: 'memberships',
} as const;

/**
 * Work types (ORCID's vocabulary) with a closer schema.org class than CreativeWork. A data set
 * stays a CreativeWork: as a schema:Dataset Google requires a description ORCID does not have.
 */
export const WORK_CLASSES: Readonly<Record<string, string>> = {
  'journal-article': 'ScholarlyArticle',
  'conference-paper': 'ScholarlyArticle',
  book: 'Book',
  'book-chapter': 'Chapter',
  'dissertation-thesis': 'Thesis',
  report: 'Report',
  software: 'SoftwareSourceCode',
  preprint: 'ScholarlyArticle',
};

/**
 * The data files for an ORCID record (API v3.0 JSON, already checked by `checkFields` against
 * `ORCID_SPEC`), laid out as data/ is; docs/orcid.md lists the term each field becomes. The
 * Person's `jobTitle`, which this project requires and ORCID does not have, is the role title
 * of the current employment (the first without an end date, else the first). Pure.
 */
export function orcidToData(record: JsonObject): DataFileOut[] {
  const layout = new DataLayout();
  const person = object(record, 'person');
  const name = object(person, 'name');
  const given = value(name, 'given-names');
  const family = value(name, 'family-name');
  const fullName =
    value(name, 'credit-name') ?? ([given, family].filter(Boolean).join(' ') || undefined);
  const personBase = layout.allocate('people', slugify(fullName, 'person'));
  const personId = `${personBase}#id`;
  const activities = object(record, 'activities-summary');

  const links: Record<'worksFor' | 'alumniOf' | 'memberOf', JsonObject[]> = {
    worksFor: [],
    alumniOf: [],
    memberOf: [],
  };
  for (const { section, property } of AFFILIATIONS) {
    for (const summary of affiliationSummaries(activities, section)) {
      const organization = organizationFile(layout, object(summary, 'organization'));
      const start = orcidDate(summary['start-date']);
      const roleTitle = text(summary, 'role-title');
      const department = text(summary, 'department-name');
      const role = compact({
        '@type': property === 'worksFor' ? 'EmployeeRole' : 'OrganizationRole',
        roleName: roleTitle,
        startDate: start,
        endDate: orcidDate(summary['end-date']),
        url: value(summary, 'url'),
        identifier: externalIds(summary),
        [property]: organization && ref(organization.id),
        subjectOf: [
          ...(section === DEFAULT_SECTION[property] ? [] : [keptText('section', section)]),
          ...(department === undefined ? [] : [keptText('department-name', department)]),
        ],
      });
      const base = organization?.slug ?? 'role';
      const slug = start === undefined ? base : `${base}-${start.slice(0, 4)}`;
      links[property].push(ref(layout.add('roles', slug, role)));
    }
  }
  const jobTitle = currentTitle(activities);

  const distinctions = affiliationSummaries(activities, 'distinctions').map((summary) => {
    const organization = organizationFile(layout, object(summary, 'organization'));
    return compact({
      '@type': 'Statement',
      genre: 'award',
      name: text(summary, 'role-title'),
      dateCreated: orcidDate(summary['start-date']),
      publisher: organization && ref(organization.id),
      url: value(summary, 'url'),
      identifier: externalIds(summary),
    });
  });

  const works = groups(activities, 'works', 'work-summary').map((summary) => {
    const title = object(summary, 'title');
    const type = text(summary, 'type');
    const journal = value(summary, 'journal-title');
    const name = value(title, 'title');
    return layout.add(
      'works',
      slugify(name, 'work'),
      compact({
        '@type': (type && WORK_CLASSES[type]) ?? 'CreativeWork',
        name,
        alternativeHeadline: value(title, 'subtitle'),
        genre: type,
        author: ref(personId),
        datePublished: orcidDate(summary['publication-date']),
        url: value(summary, 'url'),
        identifier: externalIds(summary),
        isPartOf: journal === undefined ? undefined : { '@type': 'Periodical', name: journal },
      }),
    );
  });

  const reviews = peerReviews(activities).map((summary) => {
    const convening = organizationFile(layout, object(summary, 'convening-organization'));
    const role = text(summary, 'reviewer-role');
    const group = text(summary, 'review-group-id');
    const conveningName = text(object(summary, 'convening-organization'), 'name');
    return layout.add(
      'works',
      slugify(`review ${conveningName ?? ''}`, 'review'),
      compact({
        '@type': 'Review',
        // A CreativeWork needs a name; the export does not read it back.
        name: conveningName === undefined ? 'Peer review' : `Peer review for ${conveningName}`,
        genre: text(summary, 'review-type'),
        author: ref(personId),
        dateCreated: orcidDate(summary['completion-date']),
        url: value(summary, 'review-url'),
        identifier: externalIds(summary),
        publisher: convening && ref(convening.id),
        subjectOf: [
          ...(role === undefined ? [] : [keptText('reviewer-role', role)]),
          ...(group === undefined ? [] : [keptText('review-group-id', group)]),
        ],
      }),
    );
  });

  const fundings = groups(activities, 'fundings', 'funding-summary').map((summary) => {
    const organization = organizationFile(layout, object(summary, 'organization'));
    const start = orcidDate(summary['start-date']);
    const end = orcidDate(summary['end-date']);
    const type = text(summary, 'type');
    return compact({
      '@type': 'Grant',
      name: value(object(summary, 'title'), 'title'),
      funder: organization && ref(organization.id),
      url: value(summary, 'url'),
      identifier: externalIds(summary),
      // schema:Grant has no dates or kind: they are kept on it.
      subjectOf: [
        ...(type === undefined ? [] : [keptText('type', type)]),
        ...(start === undefined ? [] : [keptText('start-date', start)]),
        ...(end === undefined ? [] : [keptText('end-date', end)]),
      ],
    });
  });

  const orcid = object(record, 'orcid-identifier');
  const orcidUri = text(orcid, 'uri');
  const researcherUrls = items(person, 'researcher-urls', 'researcher-url');
  const identifiers = [
    ...(orcid === undefined
      ? []
      : [
          compact({
            '@type': 'PropertyValue',
            propertyID: 'ORCID',
            value: text(orcid, 'path'),
            url: orcidUri,
          }),
        ]),
    ...researcherUrls.flatMap(
      (item) =>
        nodeOrNothing(
          compact({
            '@type': 'PropertyValue',
            propertyID: text(item, 'url-name'),
            url: value(item, 'url'),
          }),
        ) ?? [],
    ),
    ...items(person, 'external-identifiers', 'external-identifier').map((item) => externalId(item)),
  ];

  const personNode = compact({
    '@context': 'https://schema.org',
    '@type': 'Person',
    '@id': personId,
    name: fullName,
    givenName: given,
    familyName: family,
    alternateName: items(person, 'other-names', 'other-name').flatMap(
      (item) => text(item, 'content') ?? [],
    ),
    jobTitle,
    description: text(object(person, 'biography'), 'content'),
    email: items(person, 'emails', 'email').flatMap((item) => text(item, 'email') ?? []),
    address: items(person, 'addresses', 'address').flatMap((item) => {
      const country = value(item, 'country');
      return country === undefined ? [] : [{ '@type': 'PostalAddress', addressCountry: country }];
    }),
    sameAs: [
      ...(orcidUri === undefined ? [] : [orcidUri]),
      ...researcherUrls.flatMap((item) => value(item, 'url') ?? []),
    ],
    identifier: identifiers,
    knowsAbout: items(person, 'keywords', 'keyword').flatMap((item) => text(item, 'content') ?? []),
    worksFor: links.worksFor,
    alumniOf: links.alumniOf,
    memberOf: links.memberOf,
    award: distinctions.flatMap((statement) =>
      typeof statement.name === 'string' ? [statement.name] : [],
    ),
    subjectOf: distinctions,
    funding: fundings,
  });

  layout.addAt(
    'profile.jsonld',
    '',
    compact({
      '@type': 'ProfilePage',
      name: fullName,
      mainEntity: ref(personId),
      // The page presents the works and reviews in the record's order; the export reads it here.
      hasPart: [...works, ...reviews].map(ref),
    }),
  );
  const files = layout.result();
  return [
    files[files.length - 1] as DataFileOut,
    { path: `${personBase}.jsonld`, json: personNode },
    ...files.slice(0, -1),
  ];
}

/** The role title of the current employment: the first without an end date, else the first. */
function currentTitle(activities: JsonObject | undefined): string | undefined {
  const employments = affiliationSummaries(activities, 'employments').filter(
    (summary) => text(summary, 'role-title') !== undefined,
  );
  const current = employments.find((summary) => orcidDate(summary['end-date']) === undefined);
  return text(current ?? employments[0], 'role-title');
}

/** An organization's file (shared when identical), or undefined when the record names none. */
function organizationFile(
  layout: DataLayout,
  organization: JsonObject | undefined,
): { id: string; slug: string } | undefined {
  if (organization === undefined) return undefined;
  const address = object(organization, 'address');
  const disambiguated = object(organization, 'disambiguated-organization');
  const name = text(organization, 'name');
  const node = nodeOrNothing(
    compact({
      '@type': 'Organization',
      name,
      address: nodeOrNothing(
        compact({
          '@type': 'PostalAddress',
          addressLocality: text(address, 'city'),
          addressRegion: text(address, 'region'),
          addressCountry: text(address, 'country'),
        }),
      ),
      identifier: nodeOrNothing(
        compact({
          '@type': 'PropertyValue',
          propertyID: text(disambiguated, 'disambiguation-source'),
          value: text(disambiguated, 'disambiguated-organization-identifier'),
        }),
      ),
    }),
  );
  if (node === undefined) return undefined;
  const slug = slugify(name, 'organization');
  return { id: layout.addShared('organizations', slug, node), slug };
}

/** An ORCID external identifier as a PropertyValue (relationship kept as its description). */
function externalId(item: JsonObject): JsonObject {
  return compact({
    '@type': 'PropertyValue',
    propertyID: text(item, 'external-id-type'),
    value: text(item, 'external-id-value'),
    url: value(item, 'external-id-url'),
    description: text(item, 'external-id-relationship'),
  });
}

function externalIds(summary: JsonObject): JsonObject[] {
  return entries(object(summary, 'external-ids'), 'external-id').map(externalId);
}

function affiliationSummaries(
  activities: JsonObject | undefined,
  section: keyof typeof AFFILIATION_SECTIONS,
): JsonObject[] {
  const key = AFFILIATION_SECTIONS[section];
  return entries(object(activities, section), 'affiliation-group').flatMap((group) =>
    entries(group, 'summaries').flatMap((holder): JsonObject[] => {
      const summary = object(holder, key);
      return summary === undefined ? [] : [summary];
    }),
  );
}

function groups(activities: JsonObject | undefined, section: string, key: string): JsonObject[] {
  return entries(object(activities, section), 'group').flatMap((group) => entries(group, key));
}

function peerReviews(activities: JsonObject | undefined): JsonObject[] {
  return entries(object(activities, 'peer-reviews'), 'group').flatMap((group) =>
    entries(group, 'peer-review-group').flatMap((inner) => entries(inner, 'peer-review-summary')),
  );
}

function items(parent: JsonObject | undefined, section: string, key: string): JsonObject[] {
  return entries(object(parent, section), key);
}

/** ORCID's `{"value": "..."}` wrapper. */
function value(parent: JsonObject | undefined, key: string): string | undefined {
  return text(object(parent, key), 'value');
}
