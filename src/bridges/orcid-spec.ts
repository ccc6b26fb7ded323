import type { FieldSpec, ShapeSpec } from './input-check.js';

/*
 * The fields of an ORCID record as the public API v3.0 writes it in JSON (`GET /v3.0/{id}/record`,
 * ORCID-Source `record_3.0/samples/read_samples/record-3.0.json`). What describes the registry's
 * copy rather than the person (put-codes, sources, created and modified dates, visibility, paths,
 * display order, history, preferences) is accepted and not kept.
 */

/** Registry metadata every ORCID item carries: accepted, not kept. */
const METADATA: ShapeSpec = {
  'created-date': 'any',
  'last-modified-date': 'any',
  source: 'any',
  'put-code': 'any',
  visibility: 'any',
  path: 'any',
  'display-index': 'any',
};

const VALUE: FieldSpec = { object: { value: 'string' } };

const EXTERNAL_IDS: FieldSpec = {
  object: {
    'external-id': {
      array: {
        'external-id-type': 'string',
        'external-id-value': 'string',
        'external-id-normalized': 'any',
        'external-id-normalized-error': 'any',
        'external-id-url': VALUE,
        'external-id-relationship': 'string',
      },
    },
  },
};

const ORGANIZATION: FieldSpec = {
  object: {
    name: 'string',
    address: { object: { city: 'string', region: 'string', country: 'string' } },
    'disambiguated-organization': {
      object: {
        'disambiguated-organization-identifier': 'string',
        'disambiguation-source': 'string',
      },
    },
  },
};

const AFFILIATION: ShapeSpec = {
  ...METADATA,
  'department-name': 'string',
  'role-title': 'string',
  'start-date': 'orcid-date',
  'end-date': 'orcid-date',
  organization: ORGANIZATION,
  url: VALUE,
  'external-ids': EXTERNAL_IDS,
};

/** ORCID's seven affiliation sections and the key of their summaries. */
export const AFFILIATION_SECTIONS = {
  distinctions: 'distinction-summary',
  educations: 'education-summary',
  employments: 'employment-summary',
  'invited-positions': 'invited-position-summary',
  memberships: 'membership-summary',
  qualifications: 'qualification-summary',
  services: 'service-summary',
} as const;

function affiliations(summaryKey: string): FieldSpec {
  return {
    object: {
      'last-modified-date': 'any',
      path: 'any',
      'affiliation-group': {
        array: {
          'last-modified-date': 'any',
          'external-ids': 'any',
          summaries: { array: { [summaryKey]: { object: AFFILIATION } } },
        },
      },
    },
  };
}

const TITLE: FieldSpec = {
  object: { title: VALUE, subtitle: VALUE, 'translated-title': 'any' },
};

const WORK: ShapeSpec = {
  ...METADATA,
  title: TITLE,
  'external-ids': EXTERNAL_IDS,
  url: VALUE,
  type: 'string',
  'publication-date': 'orcid-date',
  'journal-title': VALUE,
};

const FUNDING: ShapeSpec = {
  ...METADATA,
  title: TITLE,
  'external-ids': EXTERNAL_IDS,
  url: VALUE,
  type: 'string',
  'start-date': 'orcid-date',
  'end-date': 'orcid-date',
  organization: ORGANIZATION,
};

const PEER_REVIEW: ShapeSpec = {
  ...METADATA,
  'reviewer-role': 'string',
  'external-ids': EXTERNAL_IDS,
  'review-url': VALUE,
  'review-type': 'string',
  'completion-date': 'orcid-date',
  'review-group-id': 'string',
  'convening-organization': ORGANIZATION,
};

function items(key: string, item: ShapeSpec): FieldSpec {
  return { object: { 'last-modified-date': 'any', path: 'any', [key]: { array: item } } };
}

/** The fields of an ORCID record (API v3.0, JSON). */
export const ORCID_SPEC: ShapeSpec = {
  'orcid-identifier': { object: { uri: 'string', path: 'string', host: 'string' } },
  preferences: 'any',
  history: 'any',
  path: 'any',
  person: {
    object: {
      'last-modified-date': 'any',
      path: 'any',
      name: {
        object: {
          ...METADATA,
          'given-names': VALUE,
          'family-name': VALUE,
          'credit-name': VALUE,
        },
      },
      'other-names': items('other-name', { ...METADATA, content: 'string' }),
      biography: { object: { ...METADATA, content: 'string' } },
      'researcher-urls': items('researcher-url', { ...METADATA, 'url-name': 'string', url: VALUE }),
      emails: items('email', { ...METADATA, email: 'string', primary: 'any', verified: 'any' }),
      addresses: items('address', { ...METADATA, country: VALUE }),
      keywords: items('keyword', { ...METADATA, content: 'string' }),
      'external-identifiers': items('external-identifier', {
        ...METADATA,
        'external-id-type': 'string',
        'external-id-value': 'string',
        'external-id-url': VALUE,
        'external-id-relationship': 'string',
      }),
    },
  },
  'activities-summary': {
    object: {
      'last-modified-date': 'any',
      path: 'any',
      ...Object.fromEntries(
        Object.entries(AFFILIATION_SECTIONS).map(([section, key]) => [section, affiliations(key)]),
      ),
      works: {
        object: {
          'last-modified-date': 'any',
          path: 'any',
          group: {
            array: {
              'last-modified-date': 'any',
              'external-ids': 'any',
              'work-summary': { array: WORK },
            },
          },
        },
      },
      fundings: {
        object: {
          'last-modified-date': 'any',
          path: 'any',
          group: {
            array: {
              'last-modified-date': 'any',
              'external-ids': 'any',
              'funding-summary': { array: FUNDING },
            },
          },
        },
      },
      'peer-reviews': {
        object: {
          'last-modified-date': 'any',
          path: 'any',
          group: {
            array: {
              'last-modified-date': 'any',
              'external-ids': 'any',
              'peer-review-group': {
                array: {
                  'last-modified-date': 'any',
                  'external-ids': 'any',
                  'peer-review-summary': { array: PEER_REVIEW },
                },
              },
            },
          },
        },
      },
      'research-resources': 'any',
    },
  },
};
