import type { JsonValue } from '../load/source-file.js';
import {
  compact,
  DataLayout,
  nodeOrNothing,
  ref,
  slugify,
  type DataFileOut,
  type JsonObject,
} from './data-files.js';
import { entries, object, text } from './input-check.js';
import { keptKeywords, keptText } from './kept.js';

/**
 * The data files for a JSON Resume document (schema v1.0.0, already checked by `checkFields`
 * against `JSON_RESUME_SPEC`), laid out as data/ is: `profile.jsonld` (the ProfilePage),
 * `people/` (the Person), `roles/` (an EmployeeRole per job, an OrganizationRole per
 * volunteering, education and project, with their dates), `organizations/` and `works/`.
 * docs/json-resume.md lists the schema.org term each field becomes. An empty text counts as
 * absent. Pure: writes nothing.
 */
export function jsonResumeToData(resume: JsonObject): DataFileOut[] {
  const layout = new DataLayout();
  const basics = object(resume, 'basics');
  const personBase = layout.allocate('people', slugify(text(basics, 'name'), 'person'));
  const personId = `${personBase}#id`;

  const worksFor = entries(resume, 'work').map((job) => {
    const organization = organizationOf(layout, 'Organization', {
      name: text(job, 'name'),
      url: text(job, 'url'),
      description: text(job, 'description'),
      location: text(job, 'location'),
    });
    return roleFile(layout, organization, job, {
      '@type': 'EmployeeRole',
      roleName: text(job, 'position'),
      startDate: text(job, 'startDate'),
      endDate: text(job, 'endDate'),
      description: text(job, 'summary'),
      worksFor: organization && ref(organization.id),
      subjectOf: texts(job, 'highlights').map((item) => keptText('highlights', item)),
    });
  });

  const volunteering = entries(resume, 'volunteer').map((entry) => {
    const organization = organizationOf(layout, 'Organization', {
      name: text(entry, 'organization'),
      url: text(entry, 'url'),
    });
    return roleFile(layout, organization, entry, {
      '@type': 'OrganizationRole',
      roleName: text(entry, 'position'),
      startDate: text(entry, 'startDate'),
      endDate: text(entry, 'endDate'),
      description: text(entry, 'summary'),
      memberOf: organization && ref(organization.id),
      subjectOf: texts(entry, 'highlights').map((item) => keptText('highlights', item)),
    });
  });

  const credentials: JsonObject[] = [];
  const alumniOf = entries(resume, 'education').map((entry, index) => {
    const organization = organizationOf(layout, 'EducationalOrganization', {
      name: text(entry, 'institution'),
      url: text(entry, 'url'),
    });
    const studyType = text(entry, 'studyType');
    const area = text(entry, 'area');
    const score = text(entry, 'score');
    const courses = texts(entry, 'courses');
    if (studyType !== undefined || area !== undefined || score !== undefined || courses.length) {
      credentials.push(
        compact({
          '@type': 'EducationalOccupationalCredential',
          '@id': `${personBase}#education-${String(index + 1)}`,
          // The name is for readers; the export reads the fields below, not the name.
          name: [studyType, area].filter(Boolean).join(' in ') || text(entry, 'institution'),
          educationalLevel: studyType,
          about: area === undefined ? undefined : { '@type': 'DefinedTerm', name: area },
          recognizedBy: organization && ref(organization.id),
          hasPart: courses.map((course) => ({ '@type': 'Course', name: course })),
          subjectOf: score === undefined ? undefined : [keptText('score', score)],
        }),
      );
    }
    return roleFile(layout, organization, entry, {
      '@type': 'OrganizationRole',
      startDate: text(entry, 'startDate'),
      endDate: text(entry, 'endDate'),
      alumniOf: organization && ref(organization.id),
    });
  });

  entries(resume, 'certificates').forEach((entry, index) => {
    const issuer = text(entry, 'issuer');
    credentials.push(
      compact({
        '@type': 'EducationalOccupationalCredential',
        '@id': `${personBase}#certificate-${String(index + 1)}`,
        name: text(entry, 'name'),
        credentialCategory: 'certificate',
        url: text(entry, 'url'),
        dateCreated: text(entry, 'date'),
        recognizedBy: issuer === undefined ? undefined : { '@type': 'Organization', name: issuer },
      }),
    );
  });

  const projectRoles = entries(resume, 'projects').map((entry) => {
    const entity = text(entry, 'entity');
    const type = text(entry, 'type');
    const project = organizationOf(layout, 'Project', {
      name: text(entry, 'name'),
      description: text(entry, 'description'),
      url: text(entry, 'url'),
      keywords: texts(entry, 'keywords'),
      parentOrganization:
        entity === undefined ? undefined : { '@type': 'Organization', name: entity },
      subjectOf: type === undefined ? undefined : [keptText('type', type)],
    });
    return roleFile(layout, project, entry, {
      '@type': 'OrganizationRole',
      roleName: texts(entry, 'roles'),
      startDate: text(entry, 'startDate'),
      endDate: text(entry, 'endDate'),
      memberOf: project && ref(project.id),
      subjectOf: texts(entry, 'highlights').map((item) => keptText('highlights', item)),
    });
  });

  const works = entries(resume, 'publications').map((entry) => {
    const publisher = text(entry, 'publisher');
    const name = text(entry, 'name');
    return layout.add(
      'works',
      slugify(name, 'publication'),
      compact({
        '@type': 'CreativeWork',
        name,
        author: ref(personId),
        publisher:
          publisher === undefined ? undefined : { '@type': 'Organization', name: publisher },
        datePublished: text(entry, 'releaseDate'),
        url: text(entry, 'url'),
        abstract: text(entry, 'summary'),
      }),
    );
  });

  const awards = entries(resume, 'awards');
  const location = object(basics, 'location');
  const profiles = entries(basics, 'profiles');
  const person = compact({
    '@type': 'Person',
    name: text(basics, 'name'),
    jobTitle: text(basics, 'label'),
    description: text(basics, 'summary'),
    image: text(basics, 'image'),
    email: text(basics, 'email'),
    telephone: text(basics, 'phone'),
    url: text(basics, 'url'),
    address: nodeOrNothing(
      compact({
        '@type': 'PostalAddress',
        streetAddress: text(location, 'address'),
        postalCode: text(location, 'postalCode'),
        addressLocality: text(location, 'city'),
        addressRegion: text(location, 'region'),
        addressCountry: text(location, 'countryCode'),
      }),
    ),
    sameAs: profiles.flatMap((profile) => text(profile, 'url') ?? []),
    identifier: profiles.flatMap(
      (profile) =>
        nodeOrNothing(
          compact({
            '@type': 'PropertyValue',
            propertyID: text(profile, 'network'),
            value: text(profile, 'username'),
            url: text(profile, 'url'),
          }),
        ) ?? [],
    ),
    worksFor: worksFor.map(ref),
    memberOf: [...volunteering, ...projectRoles].map(ref),
    alumniOf: alumniOf.map(ref),
    hasCredential: credentials,
    knowsAbout: entries(resume, 'skills').map((skill) => {
      const level = text(skill, 'level');
      const keywords = texts(skill, 'keywords');
      return compact({
        '@type': 'DefinedTerm',
        name: text(skill, 'name'),
        subjectOf: [
          ...(level === undefined ? [] : [keptText('level', level)]),
          ...(keywords.length ? [keptKeywords('keywords', keywords)] : []),
        ],
      });
    }),
    knowsLanguage: entries(resume, 'languages').map((entry) => {
      const fluency = text(entry, 'fluency');
      return compact({
        '@type': 'Language',
        name: text(entry, 'language'),
        subjectOf: fluency === undefined ? undefined : [keptText('fluency', fluency)],
      });
    }),
    award: awards.flatMap((award) => text(award, 'title') ?? []),
    subjectOf: [
      ...awards.map((award) => {
        const awarder = text(award, 'awarder');
        return compact({
          '@type': 'Statement',
          genre: 'award',
          name: text(award, 'title'),
          dateCreated: text(award, 'date'),
          publisher: awarder === undefined ? undefined : { '@type': 'Organization', name: awarder },
          abstract: text(award, 'summary'),
        });
      }),
      ...entries(resume, 'interests').map((interest) =>
        compact({
          '@type': 'Statement',
          genre: 'interest',
          name: text(interest, 'name'),
          keywords: texts(interest, 'keywords'),
        }),
      ),
      ...entries(resume, 'references').map((reference) => {
        const name = text(reference, 'name');
        return compact({
          '@type': 'Review',
          name: name === undefined ? 'Reference' : `Reference from ${name}`,
          creditText: name,
          reviewBody: text(reference, 'reference'),
        });
      }),
    ],
  });

  const meta = object(resume, 'meta');
  const canonical = text(meta, 'canonical');
  layout.addAt(
    'profile.jsonld',
    '',
    compact({
      '@type': 'ProfilePage',
      name: text(basics, 'name'),
      mainEntity: ref(personId),
      // The page presents the works in the résumé's order; the export reads that order here.
      hasPart: works.map(ref),
      isBasedOn: canonical === undefined ? undefined : ref(canonical),
      version: text(meta, 'version'),
      dateModified: text(meta, 'lastModified'),
    }),
  );
  const files = layout.result();
  return [
    files[files.length - 1] as DataFileOut,
    { path: `${personBase}.jsonld`, json: withPersonHeader(person, personId) },
    ...files.slice(0, -1),
  ];
}

function withPersonHeader(person: JsonObject, id: string): JsonObject {
  const { '@type': type, ...rest } = person;
  return { '@context': 'https://schema.org', '@type': type ?? 'Person', '@id': id, ...rest };
}

/** An organization's file (shared when identical) and its slug, or undefined when empty. */
function organizationOf(
  layout: DataLayout,
  type: string,
  fields: Record<string, JsonValue | undefined>,
): { id: string; slug: string } | undefined {
  const node = nodeOrNothing(compact({ '@type': type, ...fields }));
  if (node === undefined) return undefined;
  const name = typeof fields.name === 'string' ? fields.name : undefined;
  const slug = slugify(name, type === 'Project' ? 'project' : 'organization');
  return { id: layout.addShared('organizations', slug, node), slug };
}

/** A role's file, named after its organization and start year as data/roles/ are. */
function roleFile(
  layout: DataLayout,
  organization: { slug: string } | undefined,
  entry: JsonObject,
  fields: Record<string, JsonValue | undefined>,
): string {
  const year = text(entry, 'startDate')?.slice(0, 4);
  const base = organization?.slug ?? 'role';
  return layout.add('roles', year === undefined ? base : `${base}-${year}`, compact(fields));
}

function texts(parent: JsonObject | undefined, key: string): string[] {
  const value = parent?.[key];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];
}
