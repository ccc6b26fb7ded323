// The SPARQL queries bench/scale.ts times on the endpoint at each size: the query page's
// examples (src/sparql/examples.ts) adapted to the synthetic people directory
// (bench/generate.ts), which has many people rather than one profile, so every query that
// would list the whole directory is bounded (LIMIT or GROUP BY) and stays under the endpoint's
// 10,000-row limit at every size. Not runnable on its own.
import { SYNTHETIC_BASE_URL } from './generate.js';

/** A query the scale benchmark times. */
export interface ScaleQuery {
  id: string;
  /** What the query asks, for the table's legend. */
  title: string;
  /** The query text, given the sample person's path (see {@link samplePerson}). */
  query: (person: string) => string;
}

const PREFIX = 'PREFIX schema: <http://schema.org/>\n';

/**
 * The person `roles-one` asks about and the hot path fetches: `p000123`, or the last person
 * when there are fewer than 124, as a path under the base URL (`people/p000123`).
 */
export function samplePerson(people: number): string {
  return `people/p${String(Math.min(123, people - 1)).padStart(6, '0')}`;
}

/** The queries, in the order they run and print. */
export const SCALE_QUERIES: readonly ScaleQuery[] = Object.freeze([
  {
    id: 'people',
    title: 'the first 10 people by name (sorts every Person)',
    query: () => `${PREFIX}
SELECT ?person ?name WHERE {
  ?person a schema:Person ;
    schema:name ?name .
}
ORDER BY ?name
LIMIT 10
`,
  },
  {
    id: 'stars',
    title: 'the 10 most-starred software projects (the "stars" example, top 10)',
    query: () => `${PREFIX}
SELECT ?project ?name ?stars WHERE {
  ?project a schema:SoftwareSourceCode ;
    schema:name ?name ;
    schema:interactionStatistic/schema:userInteractionCount ?stars .
}
ORDER BY DESC(?stars)
LIMIT 10
`,
  },
  {
    id: 'types',
    title: 'how many things of each type (the "types" example: GROUP BY over rdf:type)',
    query: () => `SELECT ?type (COUNT(?thing) AS ?count) WHERE {
  ?thing a ?type .
}
GROUP BY ?type
ORDER BY DESC(?count) ?type
`,
  },
  {
    id: 'roles',
    title: 'people per role name and organization type (Role pattern, GROUP BY)',
    query: () => `${PREFIX}
SELECT ?roleName ?organizationType (COUNT(?person) AS ?people) WHERE {
  ?person a schema:Person ;
    schema:worksFor ?role .
  ?role schema:roleName ?roleName ;
    schema:worksFor ?organization .
  ?organization a ?organizationType .
}
GROUP BY ?roleName ?organizationType
ORDER BY DESC(?people) ?roleName
`,
  },
  {
    id: 'roles-one',
    title: `one person's roles, organizations and dates (the "roles" example, for p000123)`,
    query: (person: string) => `${PREFIX}
SELECT ?organization ?name ?role ?start ?end WHERE {
  <${SYNTHETIC_BASE_URL}${person}#id> schema:worksFor|schema:memberOf ?membership .
  ?membership schema:worksFor|schema:memberOf ?organization .
  ?organization schema:name ?name .
  OPTIONAL { ?membership schema:roleName ?role }
  OPTIONAL { ?membership schema:startDate ?start }
  OPTIONAL { ?membership schema:endDate ?end }
}
ORDER BY ?name
`,
  },
]);
