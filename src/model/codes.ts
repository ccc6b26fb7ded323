/** How serious a finding is. Only `error` makes a command fail (unless `--strict`). */
export type Severity = 'error' | 'warning' | 'info';

/** What a diagnostic code means and how serious it is unless a layer says otherwise. */
export interface CodeInfo {
  severity: Severity;
  /** A few words naming the finding (SARIF `rule.name` and `shortDescription`). */
  title: string;
  /** One or two sentences: what was found and why it matters (SARIF `fullDescription`). */
  description: string;
}

/**
 * Every diagnostic code profile-graph emits, with its default severity and documentation.
 * Codes are stable: tools (CI annotations, SARIF dashboards) key on them. `docs/codes.md` is
 * generated from this table (`npm run gen:codes`), and a test keeps it equal.
 */
export const CODES = {
  'syntax/invalid-json': {
    severity: 'error',
    title: 'Invalid JSON',
    description: 'The file is not well-formed JSON (RFC 8259).',
  },
  'syntax/duplicate-key': {
    severity: 'error',
    title: 'Duplicate key',
    description:
      'An object has the same key twice; JSON-LD processors would silently keep one value.',
  },
  'syntax/invalid-utf8': {
    severity: 'error',
    title: 'Invalid UTF-8',
    description:
      'The file has bytes that are not UTF-8 (RFC 8259 §8.1); they are reported, never replaced by U+FFFD.',
  },
  'syntax/control-character': {
    severity: 'error',
    title: 'Unescaped control character',
    description:
      'A string holds a raw control character U+0000–U+001F, which JSON requires escaped (RFC 8259 §7).',
  },
  'syntax/lone-surrogate': {
    severity: 'error',
    title: 'Lone surrogate escape',
    description:
      'A \\uD800–\\uDFFF escape is not part of a surrogate pair, so it is no character and cannot be published.',
  },
  'syntax/number-out-of-range': {
    severity: 'error',
    title: 'Number out of range',
    description: 'A number is too large for a double (such as 1e999) and would become Infinity.',
  },
  'syntax/too-deep': {
    severity: 'error',
    title: 'Nesting too deep',
    description:
      'Arrays and objects nest deeper than 500 levels (MAX_JSON_DEPTH); reported at the first too-deep bracket.',
  },
  'markup/itemprop-outside-item': {
    severity: 'warning',
    title: 'Item property outside an item',
    description:
      'An HTML element has itemprop but no element around it has itemscope, and no itemref brings it into an item: Microdata parsers and search engines drop it (HTML Living Standard §5.2.2).',
  },
  'markup/invalid-itemtype': {
    severity: 'error',
    title: 'Invalid itemtype',
    description:
      'A Microdata itemtype is not an absolute IRI ("Person" rather than "https://schema.org/Person"), or is on an element without itemscope; the item is left without its type. On an item with no itemtype at all, whose properties name no vocabulary, it is a warning.',
  },
  'markup/unknown-prefix': {
    severity: 'error',
    title: 'Undefined RDFa prefix',
    description:
      'An RDFa property, typeof or rel uses a CURIE whose prefix no prefix attribute defines and the RDFa initial context does not know (RDFa Core 1.1 §7.4), so it is not the term the author meant.',
  },
  'markup/malformed': {
    severity: 'error',
    title: 'Unreadable Microdata or RDFa',
    description:
      "A page's Microdata or RDFa could not be read past this element; what follows it is missing from the page's graph.",
  },
  'rdf/syntax': {
    severity: 'error',
    title: 'RDF syntax error',
    description: 'An RDF document (Turtle, N-Triples, N-Quads, TriG, RDF/XML) does not parse.',
  },
  'rdf/named-graphs': {
    severity: 'error',
    title: 'Named graphs not representable',
    description:
      'The data has named graphs and the requested format (Turtle, N-Triples, RDF/XML) cannot carry them.',
  },
  'rdf/not-representable': {
    severity: 'error',
    title: 'Not representable in the format',
    description:
      'The graph uses something the requested format cannot express (e.g. a predicate IRI with no XML name for RDF/XML).',
  },
  'rdf/canonicalization-too-complex': {
    severity: 'error',
    title: 'Canonicalization too complex',
    description:
      'Blank nodes are so alike (a ring or clique of identical nodes) that RDFC-1.0 canonical labelling would exceed its work bound; give them @id values.',
  },
  'jsonld/remote-context': {
    severity: 'error',
    title: 'Remote context refused',
    description:
      'A remote JSON-LD context or document other than the bundled schema.org context was referenced; nothing is fetched.',
  },
  'jsonld/dropped-term': {
    severity: 'error',
    title: 'Term dropped by JSON-LD',
    description:
      'A property does not expand to an absolute IRI, so JSON-LD would drop it silently.',
  },
  'jsonld/relative-iri': {
    severity: 'error',
    title: 'Relative IRI',
    description:
      'An IRI stays relative after resolution against the base URL and cannot be used in RDF.',
  },
  'jsonld/lossy': {
    severity: 'error',
    title: 'Lossy JSON-LD',
    description:
      'JSON-LD processing would lose data (an empty object, a free-floating value, an invalid language tag...).',
  },
  'jsonld/invalid': {
    severity: 'error',
    title: 'Invalid JSON-LD',
    description: 'The document is not valid JSON-LD 1.1 (for example an @id that is not a string).',
  },
  'schema/required': {
    severity: 'error',
    title: 'Required property missing',
    description: 'A property the authoring schema (shapes/*.schema.json) requires is missing.',
  },
  'schema/type': {
    severity: 'error',
    title: 'Wrong JSON type',
    description: 'A value has the wrong JSON type (string, number, object, array...).',
  },
  'schema/format': {
    severity: 'error',
    title: 'Wrong value format',
    description: 'A value is not in the required format (ISO 8601 date, absolute https URL...).',
  },
  'schema/enum': {
    severity: 'error',
    title: 'Value not allowed',
    description: 'A value is not one of the allowed values (for example an unsupported @type).',
  },
  'schema/pattern': {
    severity: 'error',
    title: 'Pattern mismatch',
    description: 'A string does not match the pattern the schema requires.',
  },
  'schema/additional-property': {
    severity: 'error',
    title: 'Property not allowed',
    description: 'A property the authoring schema does not allow.',
  },
  'schema/invalid': {
    severity: 'error',
    title: 'Schema rule broken',
    description: 'Any other JSON Schema rule (minimum, minItems, const...) is broken.',
  },
  'vocab/unknown-type': {
    severity: 'error',
    title: 'Unknown schema.org type',
    description: 'A @type is not a schema.org class (with a "did you mean" hint).',
  },
  'vocab/unknown-property': {
    severity: 'error',
    title: 'Unknown schema.org property',
    description: 'A property is not a schema.org property (with a "did you mean" hint).',
  },
  'vocab/unknown-prefix': {
    severity: 'error',
    title: 'Unknown prefix',
    description: 'A compact IRI uses a prefix the context does not define.',
  },
  'vocab/domain': {
    severity: 'warning',
    title: 'Property outside its domain',
    description:
      'A property is used on a type outside its schema:domainIncludes (subclasses considered).',
  },
  'vocab/range': {
    severity: 'warning',
    title: 'Value outside the range',
    description: "A value has a type outside the property's schema:rangeIncludes.",
  },
  'vocab/superseded': {
    severity: 'warning',
    title: 'Superseded term',
    description:
      'A term schema.org has superseded (schema:supersededBy); the hint names its replacement.',
  },
  'graph/dangling-reference': {
    severity: 'error',
    title: 'Dangling reference',
    description: 'An @id is referenced but described nowhere in data/ and is not an external IRI.',
  },
  'graph/missing-media': {
    severity: 'error',
    title: 'Missing image file',
    description:
      'An image inside the site (a relative path such as people/photo.jpg) names a file that is not in data/, so the page would show a broken image.',
  },
  'graph/conflicting-value': {
    severity: 'error',
    title: 'Conflicting values',
    description:
      'The same @id is described in two places with different values for a single-valued property.',
  },
  'graph/missing-main-entity': {
    severity: 'error',
    title: 'Missing mainEntity',
    description: 'A ProfilePage has no mainEntity.',
  },
  'graph/conflicting-type': {
    severity: 'error',
    title: 'One @id, two things',
    description:
      "The same @id is given, in two places of one page's graph, types of which neither is a schema.org subclass of the other (a Person in one block, an Organization in another); a search engine merges both descriptions into one thing.",
  },
  'graph/orphan-node': {
    severity: 'error',
    title: 'Orphan node',
    description:
      "A node of an embedded graph is linked to nothing that leads to the page, so consumers read it as a separate, unrelated thing. On a validated page it is a warning: a node at the top level of a block or @graph that no other node of the page links to, and whose type is not one a search engine reads as an item on its own (WebPage, WebSite and the types of Google Search's rich results: Article, BreadcrumbList, Course, Dataset, Event, JobPosting, Organization, Product, Recipe, SoftwareApplication, VideoObject, and their subclasses). Google's guidelines ask that related items be linked with @id, since unlinked ones are taken as unrelated.",
  },
  'embed/invalid-node': {
    severity: 'error',
    title: 'Invalid graph node',
    description:
      'A node given to the embed graph builder is not a JSON object with a @type, has an @id that is not an IRI, or has a @context other than schema.org.',
  },
  'embed/not-json': {
    severity: 'error',
    title: 'Not writable as JSON',
    description:
      'A value to embed holds something JSON cannot (a cycle, a BigInt, a function, a number that is not finite).',
  },
  'shacl/violation': {
    severity: 'error',
    title: 'SHACL violation',
    description: 'A SHACL shape in shapes/*.ttl reports a violation (sh:Violation).',
  },
  'shacl/warning': {
    severity: 'warning',
    title: 'SHACL warning',
    description:
      'A SHACL shape reports a warning (sh:Warning), e.g. a recommended property is missing.',
  },
  'shacl/info': {
    severity: 'info',
    title: 'SHACL information',
    description: 'A SHACL shape reports an informational result (sh:Info).',
  },
  'shacl/invalid-shapes': {
    severity: 'error',
    title: 'Invalid shapes',
    description: 'A shapes file does not parse or is not valid SHACL.',
  },
  'shacl/sparql-unavailable': {
    severity: 'error',
    title: 'SPARQL engine not installed',
    description:
      'The shapes use SPARQL-based constraints or targets (sh:sparql, sh:select), whose engine (Comunica) is an optional peer dependency that is not installed.',
  },
  'config/invalid': {
    severity: 'error',
    title: 'Invalid configuration',
    description: 'The site configuration file does not match its schema.',
  },
  'usage/invalid': {
    severity: 'error',
    title: 'Invalid command-line usage',
    description: 'A command-line argument is missing, unknown or malformed.',
  },
  'cli/unknown-flag': {
    severity: 'error',
    title: 'Unknown option',
    description: 'A command was given an option it does not have (see profile-graph help COMMAND).',
  },
  'cli/missing-value': {
    severity: 'error',
    title: 'Option without a value',
    description:
      'An option that takes a value was given none, or one that looks like another option (write --out=-x for such a value).',
  },
  'cli/unexpected-value': {
    severity: 'error',
    title: 'On/off option with a value',
    description: 'An on/off option was given a value (--strict=yes).',
  },
  'cli/unknown-rule-set': {
    severity: 'error',
    title: 'Unknown rule set',
    description:
      'The --rules option or the configuration\'s "rules" names a rule set that does not exist (the rule sets are schema.org, google and profile); a "did you mean" hint names the closest.',
  },
  'cli/unexpected-argument': {
    severity: 'error',
    title: 'Unexpected argument',
    description: 'A command was given a positional argument it does not take.',
  },
  'io/not-found': {
    severity: 'error',
    title: 'Not found',
    description:
      'A file or directory named on the command line or in the configuration does not exist.',
  },
  'io/no-data': {
    severity: 'error',
    title: 'No data files',
    description:
      'The data folder holds no file that is read as data (*.jsonld, *.json, at any depth), so there is nothing to validate: an empty, mistyped or not yet built folder. The folder searched is named.',
  },
  'io/unreadable': {
    severity: 'error',
    title: 'Unreadable',
    description:
      'A file or folder exists but cannot be read (no permission, not a regular file); a data file is named in the diagnostic.',
  },
  'io/write-failed': {
    severity: 'error',
    title: 'Write failed',
    description:
      'An output could not be written (disk full, a name too long, no permission): the export, whose previous version is then unchanged, or a --timings file.',
  },
  'io/not-an-export': {
    severity: 'error',
    title: 'Output folder is not an export',
    description:
      'The --out folder holds files that no earlier export listed in its manifest (.profile-graph/files.txt), so build will not replace it; the first files in the way are named.',
  },
  'io/out-overlaps-input': {
    severity: 'error',
    title: 'Output overlaps input',
    description:
      'The --out folder is, contains or lies inside the --data or --shapes folder: replacing it would delete the input, or the export would become input.',
  },
  'export/unsafe-path': {
    severity: 'error',
    title: 'Unsafe export path',
    description:
      'A URL path of the site cannot be a file (an empty, "." or ".." segment, a backslash or NUL).',
  },
  'export/path-collision': {
    severity: 'error',
    title: 'Export path collision',
    description:
      'Two URLs of the site (or a URL and a generated configuration file) would be written to the same file.',
  },
  'bridge/unknown-format': {
    severity: 'error',
    title: 'Unknown import format',
    description:
      'The file given to import is neither a JSON Resume document nor an ORCID record (API v3.0 JSON), and --from did not say which.',
  },
  'bridge/invalid-value': {
    severity: 'error',
    title: 'Invalid value in an imported file',
    description:
      'A field of the JSON Resume document or ORCID record has the wrong type (a string where a list belongs...) or a date that is not YYYY, YYYY-MM or YYYY-MM-DD; nothing is written.',
  },
  'bridge/unknown-field': {
    severity: 'warning',
    title: 'Field not imported',
    description:
      'The imported file has a field its format does not define; it is not carried into the data, so an export would not give it back.',
  },
  'bridge/file-exists': {
    severity: 'error',
    title: 'Import would overwrite a file',
    description:
      'A file the import would write already exists in the --out folder; nothing is written unless --force is given.',
  },
  'bridge/no-person': {
    severity: 'error',
    title: 'No person to export',
    description:
      'The data has no schema:Person to export as a JSON Resume or ORCID record: the configuration names no mainEntity and no data file describes a Person.',
  },
  'serve/port-in-use': {
    severity: 'error',
    title: 'Port in use',
    description:
      'The server could not listen because another process holds the port; found before validation, so it fails at once.',
  },
  'serve/cannot-listen': {
    severity: 'error',
    title: 'Cannot listen',
    description:
      'The server could not listen on the host and port given (no permission for a port below 1024, or no such local address).',
  },
  'pipeline/timeout': {
    severity: 'error',
    title: 'Reload over its time budget',
    description:
      'Loading and validating the data ran over its time budget (serve --reload-timeout); the work was stopped and the last valid site keeps serving.',
  },
  'runtime/worker-failed': {
    severity: 'error',
    title: 'Worker failed',
    description:
      'A worker thread could not start or stopped during a task (it crashed, ran out of memory, or trapped in WebAssembly); this is a fault in profile-graph or its environment, not in the data.',
  },
  'runtime/task-failed': {
    severity: 'error',
    title: 'Task failed',
    description: 'A task in a worker thread threw an unexpected error; the worker goes on.',
  },
  'runtime/timeout': {
    severity: 'error',
    title: 'Task timed out',
    description: 'A task in a worker thread ran over its time limit; its worker was ended.',
  },
  'runtime/aborted': {
    severity: 'error',
    title: 'Task aborted',
    description: 'A task in a worker thread was no longer needed and was stopped.',
  },
  'runtime/busy': {
    severity: 'error',
    title: 'Workers busy',
    description: 'Every worker thread was busy and the queue of waiting tasks was full.',
  },
  'runtime/closed': {
    severity: 'error',
    title: 'Pool closed',
    description: 'A task was asked of, or was running in, a worker pool that was closing.',
  },
  'sparql/empty-query': {
    severity: 'error',
    title: 'Empty query',
    description: 'The request has no query text.',
  },
  'sparql/syntax': {
    severity: 'error',
    title: 'SPARQL syntax error',
    description: 'The query does not parse (SPARQL 1.1 Query grammar); the parser says where.',
  },
  'sparql/query-too-long': {
    severity: 'error',
    title: 'Query too long',
    description: 'The query text is longer than the query-length limit.',
  },
  'sparql/too-complex': {
    severity: 'error',
    title: 'Query too complex',
    description:
      'The query nests deeper or has more terms than the limits allow, or it made the query engine fail (a crash in the engine, which is then replaced).',
  },
  'sparql/bad-graph-iri': {
    severity: 'error',
    title: 'Bad graph IRI',
    description:
      'A default-graph-uri or named-graph-uri parameter is not an absolute IRI (SPARQL 1.1 Protocol §2.1.4).',
  },
  'sparql/update-refused': {
    severity: 'error',
    title: 'Update refused',
    description: 'The request is a SPARQL Update; the endpoint is read-only.',
  },
  'sparql/service-refused': {
    severity: 'error',
    title: 'SERVICE refused',
    description:
      'The query uses SERVICE (federated query); the endpoint never makes outbound requests.',
  },
  'sparql/evaluation': {
    severity: 'error',
    title: 'Evaluation error',
    description: 'The query parses but cannot be evaluated (an unsupported function or feature).',
  },
  'sparql/timeout': {
    severity: 'error',
    title: 'Query timed out',
    description: 'The query ran longer than the time limit and was stopped.',
  },
  'sparql/too-many-results': {
    severity: 'error',
    title: 'Too many results',
    description: 'The query has more results than the result-size limit allows.',
  },
  'sparql/result-too-large': {
    severity: 'error',
    title: 'Result too large',
    description: 'The query result has more bytes than the result-size limit allows.',
  },
  'sparql/busy': {
    severity: 'error',
    title: 'Query workers busy',
    description: 'Every query worker stayed busy for longer than the time limit.',
  },
  'sparql/unsupported-result': {
    severity: 'error',
    title: 'Result format unsupported',
    description:
      'The result cannot be written in the requested format (e.g. RDF 1.2 triple terms).',
  },
  'sparql/engine-failure': {
    severity: 'error',
    title: 'Query engine failure',
    description: 'The query engine failed (a worker crashed or could not start).',
  },
  'sparql/remote': {
    severity: 'error',
    title: 'Remote endpoint error',
    description:
      'A remote SPARQL endpoint (query --endpoint) answered with an error or not at all.',
  },
  'sparql/store-unreachable': {
    severity: 'error',
    title: 'Query store unreachable',
    description:
      'Behind serve --sparql-endpoint, the store could not be reached (refused or reset connection, unknown host); answered 502.',
  },
  'sparql/store-timeout': {
    severity: 'error',
    title: 'Query store timed out',
    description:
      'Behind serve --sparql-endpoint, the store did not answer within the query time limit; answered 504.',
  },
  'sparql/store-bad-answer': {
    severity: 'error',
    title: 'Unreadable query store answer',
    description:
      'Behind serve --sparql-endpoint, the store answered with a body that is not the SPARQL JSON results or RDF asked for; answered 502.',
  },
  'sparql/store-refused': {
    severity: 'error',
    title: 'Query refused by the store',
    description:
      'Behind serve --sparql-endpoint, the store answered 400 to a query that passed the checks here (its parser or evaluator differs); answered 400, quoting the store.',
  },
  'sparql/store-busy': {
    severity: 'error',
    title: 'Query store busy',
    description: 'Behind serve --sparql-endpoint, the store answered 503 or 429; answered 503.',
  },
  'sparql/store-failed': {
    severity: 'error',
    title: 'Query store failed',
    description:
      "Behind serve --sparql-endpoint, the store answered another error status (a 5xx, or 401/403 for this server's credentials); answered 502.",
  },
  'store/unreachable': {
    severity: 'error',
    title: 'Store unreachable',
    description:
      'The SPARQL store (push --store, its query or update endpoint) could not be reached or did not answer in time.',
  },
  'store/unauthorized': {
    severity: 'error',
    title: 'Store refused the credentials',
    description:
      'The store answered 401 or 403: no credentials were found (netrc or PROFILE_GRAPH_STORE_* variables) or it refused them.',
  },
  'store/rejected': {
    severity: 'error',
    title: 'Store rejected a request',
    description:
      'The store answered a Graph Store, query or update request with an error status; the message quotes its answer.',
  },
  'store/bad-answer': {
    severity: 'error',
    title: 'Unreadable store answer',
    description:
      'The store answered a query with a body that is not the SPARQL JSON results or RDF asked for, or fewer rows than it counted.',
  },
  'store/credentials': {
    severity: 'error',
    title: 'Credentials unreadable',
    description:
      'The netrc file (NETRC or ~/.netrc) exists but cannot be read, or the credential variables are incomplete.',
  },
  'store/outcome-unknown': {
    severity: 'error',
    title: 'Push outcome unknown',
    description:
      'The request that replaces the graph (the MOVE from the staging graph, or a whole-graph PUT) timed out or was interrupted after it was sent: the store may still apply it, so its graph holds either the previous or the published triples. Push again to find out.',
  },
  'store/previous-graph-kept': {
    severity: 'info',
    title: 'Previous graph kept',
    description:
      'A push failed or was interrupted before the swap: the store still holds the graph it had before, and the staging graph was dropped.',
  },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code known to profile-graph. */
export type Code = keyof typeof CODES;
