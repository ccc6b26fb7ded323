import type { ShapeSpec } from './input-check.js';

const LOCATION: ShapeSpec = {
  address: 'string',
  postalCode: 'string',
  city: 'string',
  countryCode: 'string',
  region: 'string',
};

const PROFILE: ShapeSpec = { network: 'string', username: 'string', url: 'string' };

/**
 * The fields of a JSON Resume document, schema v1.0.0
 * (https://github.com/jsonresume/resume-schema, schema.json): every section, every field, with
 * the `iso8601` dates it defines. `$schema` names the schema the document follows.
 */
export const JSON_RESUME_SPEC: ShapeSpec = {
  $schema: 'string',
  basics: {
    object: {
      name: 'string',
      label: 'string',
      image: 'string',
      email: 'string',
      phone: 'string',
      url: 'string',
      summary: 'string',
      location: { object: LOCATION },
      profiles: { array: PROFILE },
    },
  },
  work: {
    array: {
      name: 'string',
      location: 'string',
      description: 'string',
      position: 'string',
      url: 'string',
      startDate: 'date',
      endDate: 'date',
      summary: 'string',
      highlights: 'strings',
    },
  },
  volunteer: {
    array: {
      organization: 'string',
      position: 'string',
      url: 'string',
      startDate: 'date',
      endDate: 'date',
      summary: 'string',
      highlights: 'strings',
    },
  },
  education: {
    array: {
      institution: 'string',
      url: 'string',
      area: 'string',
      studyType: 'string',
      startDate: 'date',
      endDate: 'date',
      score: 'string',
      courses: 'strings',
    },
  },
  awards: { array: { title: 'string', date: 'date', awarder: 'string', summary: 'string' } },
  certificates: { array: { name: 'string', date: 'date', url: 'string', issuer: 'string' } },
  publications: {
    array: {
      name: 'string',
      publisher: 'string',
      releaseDate: 'date',
      url: 'string',
      summary: 'string',
    },
  },
  skills: { array: { name: 'string', level: 'string', keywords: 'strings' } },
  languages: { array: { language: 'string', fluency: 'string' } },
  interests: { array: { name: 'string', keywords: 'strings' } },
  references: { array: { name: 'string', reference: 'string' } },
  projects: {
    array: {
      name: 'string',
      description: 'string',
      highlights: 'strings',
      keywords: 'strings',
      startDate: 'date',
      endDate: 'date',
      url: 'string',
      roles: 'strings',
      entity: 'string',
      type: 'string',
    },
  },
  meta: { object: { canonical: 'string', version: 'string', lastModified: 'date-time' } },
};
