/** An example query shown on the query page (and run by the tests and the benchmark). */
export interface ExampleQuery {
  /** Stable id (`stars`), used in the page and in tests. */
  id: string;
  /** What the query asks, as a question. */
  title: string;
  query: string;
}

const PREFIX = 'PREFIX schema: <http://schema.org/>\n';

/**
 * Questions about the profile, written against the data model the README describes (Role
 * pattern, InteractionCounter for stars) and reaching the person through the profile page's
 * `mainEntity`, so they hold for any profile and any base URL.
 */
export const EXAMPLE_QUERIES: readonly ExampleQuery[] = Object.freeze([
  {
    id: 'stars',
    title: 'Which projects have more than 10,000 GitHub stars?',
    query: `${PREFIX}
SELECT ?project ?name ?stars WHERE {
  ?project a schema:SoftwareSourceCode ;
    schema:name ?name ;
    schema:interactionStatistic [
      schema:interactionType schema:LikeAction ;
      schema:userInteractionCount ?stars
    ] .
  FILTER (?stars > 10000)
}
ORDER BY DESC(?stars)
`,
  },
  {
    id: 'roles',
    title: 'Which organizations did the person hold a role in, and when?',
    query: `${PREFIX}
SELECT ?organization ?name ?role ?start ?end WHERE {
  ?page a schema:ProfilePage ; schema:mainEntity ?person .
  ?person schema:worksFor|schema:memberOf ?membership .
  ?membership schema:worksFor|schema:memberOf ?organization .
  ?organization schema:name ?name .
  OPTIONAL { ?membership schema:roleName ?role }
  OPTIONAL { ?membership schema:startDate ?start }
  OPTIONAL { ?membership schema:endDate ?end }
}
ORDER BY DESC(BOUND(?start)) STR(?start) ?name
`,
  },
  {
    id: 'alumni',
    title: 'Is the person an alumnus of a university?',
    query: `${PREFIX}
ASK {
  ?page a schema:ProfilePage ; schema:mainEntity ?person .
  ?person schema:alumniOf ?school .
  ?school a schema:CollegeOrUniversity .
}
`,
  },
  {
    id: 'types',
    title: 'What kinds of things does the profile describe?',
    query: `SELECT ?type (COUNT(?thing) AS ?count) WHERE {
  ?thing a ?type .
}
GROUP BY ?type
ORDER BY DESC(?count) ?type
`,
  },
  {
    id: 'person',
    title: 'Everything said about the person (as RDF)',
    query: `${PREFIX}
DESCRIBE ?person WHERE {
  ?page a schema:ProfilePage ; schema:mainEntity ?person .
}
`,
  },
]);
