import { escapeRegex, queryNamePattern, type NegotiationTables } from '../negotiation-rules.js';
import type { ReferenceBehaviour, RepresentationTemplate } from '../reference.js';
import {
  extensionsOf,
  headerVariable,
  preflightOnly,
  queryFormats,
  statusVariable,
  uniqueByExtension,
} from './offers.js';
import { kinds } from '../offer-kinds.js';
import { HEADER, literal, map, quote, regexKey, ruleMap, template } from './syntax.js';

/**
 * `nginx/maps.conf`: the negotiation tables and lookups as `map`s, one group per concern in the
 * order the server's routing asks them.
 */
export function renderMaps(reference: ReferenceBehaviour, tables: NegotiationTables): string {
  return [
    `${HEADER}# Include inside http { }, before the server that includes server.conf. Every variable is
# prefixed pg_; the maps are evaluated lazily, only for requests that need them.
`,
    ...pathMaps(reference),
    ...hygieneMaps(),
    ...formatQueryMaps(reference),
    ...negotiationMaps(tables),
    ...representationMaps(reference),
    ...statusHeaderMaps(reference),
  ].join('\n');
}

/** What the request path names, as serve looks it up: `Site.resources`, then `Site.byLocation`. */
function pathMaps(reference: ReferenceBehaviour): string[] {
  const out: string[] = [];
  const extensions = extensionsOf(reference);
  const extensionGroup = `(?:${extensions.map(escapeRegex).join('|')})`;
  const notFoundBase = reference.notFoundBase;
  out.push(
    map(
      '$uri',
      'pg_doc_file',
      [
        [regexKey('^/\\.profile-graph(?:/|$)', false), '""'],
        [regexKey(`^${escapeRegex(notFoundBase)}$`, false), '""'],
        ...reference.indexDocumentPaths.map(
          (path) => [regexKey(`^${escapeRegex(path)}$`, false), quote('${uri}.html')] as const,
        ),
        [regexKey('(?:^|/)index$', false), '""'],
        [regexKey('^(?<pg_d>.*/)$', false), quote('${pg_d}index.html')],
        ['default', quote('${uri}.html')],
      ],
      'The HTML file of a document at this canonical path (documents are the paths that have one).',
    ),
    map(
      '$uri',
      'pg_doc_base',
      [
        [regexKey('^(?<pg_d>.*/)$', false), quote('${pg_d}index')],
        ['default', '$uri'],
      ],
      'The location base of a canonical path: its format URLs are <base>.<extension>.',
    ),
    map(
      '$uri',
      'pg_resource_offers',
      [
        ...reference.rdfPaths.map(
          (path) => [regexKey(`^${escapeRegex(path)}$`, false), 'rdf'] as const,
        ),
        ...reference.plain.map(
          (plain) => [regexKey(`^${escapeRegex(plain.path)}$`, false), 'plain'] as const,
        ),
        ['default', '""'],
      ],
      'Resources that are not documents: RDF only (no HTML), or one plain file.',
    ),
    map(
      '$uri',
      'pg_fixed_file',
      [
        [regexKey('^/\\.profile-graph(?:/|$)', false), '""'],
        [regexKey(`^${escapeRegex(notFoundBase)}\\.[^/]*$`, false), '""'],
        [regexKey(`/[^/]+\\.${extensionGroup}$`, false), '$uri'],
        ['default', '""'],
      ],
      'A format URL (/people/x.ttl): served when its file exists.',
    ),
    map(
      '$uri',
      'pg_ext_base',
      [
        [regexKey(`^(?<pg_b>.*/[^/]+)\\.${extensionGroup}$`, false), '$pg_b'],
        ['default', '""'],
      ],
      'The location base of a format URL.',
    ),
    map(
      '$uri',
      'pg_ext_format',
      [
        ...uniqueByExtension(reference).map(
          (r) => [regexKey(`/[^/]+\\.${escapeRegex(r.extension)}$`, false), r.format] as const,
        ),
        ['default', '""'],
      ],
      'The format of a format URL.',
    ),
    map(
      '$pg_ext_base',
      'pg_fixed_offers',
      [
        // A resource with a page of its own (the query page) has a document's formats.
        ...reference.ownPolicies.map(
          ({ page }) =>
            [
              regexKey(`^${escapeRegex(page.slice(0, page.lastIndexOf('.')))}$`, false),
              'doc',
            ] as const,
        ),
        ...reference.rdfPaths.map(
          (path) => [regexKey(`^${escapeRegex(path)}$`, false), 'rdf'] as const,
        ),
        ['default', 'doc'],
      ],
      'Which resource a format URL belongs to.',
    ),
  );
  return out;
}

/** Request hygiene, as respond's `decodePath`: nginx's own 400 and 414, and unsafe paths. */
function hygieneMaps(): string[] {
  const out: string[] = [];
  out.push(
    map(
      '"$uri|$request_uri"',
      'pg_refused',
      [
        [
          regexKey(
            '^/\\.profile-graph/bad-request\\|(?!/\\.profile-graph/bad-request(?:\\?|$))',
            false,
          ),
          '400',
        ],
        [
          regexKey(
            '^/\\.profile-graph/uri-too-long\\|(?!/\\.profile-graph/uri-too-long(?:\\?|$))',
            false,
          ),
          '414',
        ],
        ['default', '""'],
      ],
      "nginx's own 400 and 414, redirected here by error_page (the URI changed, the request did not).",
    ),
    map(
      '$request_uri',
      'pg_bad_path',
      [
        [regexKey('^[^?]*(?:/|%2f)(?:\\.|%2e){1,2}(?:/|%2f|\\?|$)'), '1'],
        [regexKey('^[^?]*(?:\\\\|%5c|%00)'), '1'],
        ['default', '""'],
      ],
      'A dot segment, backslash or NUL, raw or percent-encoded (serve: 400).',
    ),
  );
  return out;
}

/** `?format=` as URLSearchParams reads it: the first "format", "+" is a space, then trimmed, any case. */
function formatQueryMaps(reference: ReferenceBehaviour): string[] {
  const out: string[] = [];
  out.push(
    map('$args', 'pg_has_format', [
      [regexKey('(?:^|&)format(?:=|&|$)', false), '1'],
      ['default', '""'],
    ]),
    map('$args', 'pg_format_text', [
      [regexKey('(?:^|&)format=(?<pg_f>[^&]*)', false), '$pg_f'],
      ['default', '""'],
    ]),
    map(
      '$pg_format_text',
      'pg_query_format',
      [
        ...queryFormats(reference).map(
          ([names, format]) =>
            [
              regexKey(
                `^(?:%20|%09|\\+)*(?:${names.map(queryNamePattern).join('|')})(?:%20|%09|\\+)*$`,
              ),
              format,
            ] as const,
        ),
        ['default', '""'],
      ],
      'The format a ?format= value names (id, extension, media type or alias).',
    ),
    map(
      '"$pg_offers:$pg_query_format"',
      'pg_query_choice',
      [
        ...kinds(reference).map(
          ([kind, template]) =>
            [
              regexKey(
                `^${kind}:(?<pg_q>${template.representations
                  .filter((r) => !r.format.startsWith('jsonld-'))
                  .map((r) => escapeRegex(r.format))
                  .join('|')})$`,
                false,
              ),
              '$pg_q',
            ] as const,
        ),
        ['default', '406q'],
      ],
      'A ?format= the resource has, else 406.',
    ),
  );
  return out;
}

/** Accept negotiation: the tables of negotiation-rules.ts as maps. */
function negotiationMaps(tables: NegotiationTables): string[] {
  const out: string[] = [];
  out.push(
    "# Content negotiation: first the exact headers of common clients (answers computed by serve),\n# then, for any other header, every offer is probed for the range that decides its quality\n# and that range's weight band; the decision takes the highest band, ties in server order.\n",
  );
  for (const set of ['doc', 'rdf'] as const) {
    out.push(
      map('$http_accept', `pg_known_${set}`, [
        ...tables.known[set].map(
          ([accept, outcome]) => [regexKey(`^${escapeRegex(accept)}$`, false), outcome] as const,
        ),
        ['default', '""'],
      ]),
      map(`$pg_known_${set}`, `pg_neg_${set}`, [
        ['""', `$pg_decide_${set}`],
        ['default', `$pg_known_${set}`],
      ]),
    );
  }
  out.push(ruleMap('$http_accept', tables.state));
  for (const probe of tables.probes) {
    out.push(
      ruleMap('$http_accept', probe.range),
      ruleMap(`$pg_${probe.range.name}`, probe.weight),
    );
  }
  const decisionKey = `"$pg_${tables.state.name}:${tables.probes.map((probe) => `$pg_${probe.weight.name}`).join(',')}"`;
  for (const set of ['doc', 'rdf'] as const) out.push(ruleMap(decisionKey, tables.decide[set]));
  out.push(
    map('$pg_negotiate', 'pg_negotiated', [
      ['doc', '$pg_neg_doc'],
      ['notfound', '$pg_neg_doc'],
      ['rdf', '$pg_neg_rdf'],
      ['default', '""'],
    ]),
  );
  return out;
}

/** The chosen representation: its file, headers and 406 texts. */
function representationMaps(reference: ReferenceBehaviour): string[] {
  const out: string[] = [];
  const byKey = (pick: (r: RepresentationTemplate) => string) =>
    kinds(reference).flatMap(([kind, template]) =>
      template.representations.map(
        (r) => [quote(`${kind}:${r.format}`), template_(pick(r))] as const,
      ),
    );
  const template_ = (text: string) => (text === '' ? '""' : template(text));
  // Matched as a regex, not a hash key: a plain file's path (the query page's hashed assets,
  // `plain:/sparql/assets/query-page-<hash>.js`) outgrows nginx's default
  // map_hash_bucket_size (64 on x86-64), and `nginx -t` then refuses the whole configuration.
  const plainKey = (path: string) => regexKey(`^plain:${escapeRegex(path)}$`, false);
  out.push(
    map('"$pg_offers:$pg_format"', 'pg_file', [
      ...byKey((r) => r.file),
      ...reference.plain.map((plain) => [plainKey(plain.path), literal(plain.path)] as const),
      ['default', '""'],
    ]),
    map('"$pg_offers:$pg_format"', 'pg_content_type', [
      ...byKey((r) => r.contentType),
      ...reference.plain.map(
        (plain) => [plainKey(plain.path), literal(plain.contentType)] as const,
      ),
      ['default', '""'],
    ]),
    map('"$pg_offers:$pg_format"', 'pg_content_location', [
      ...byKey((r) => r.contentLocation),
      ...reference.plain.map((plain) => [plainKey(plain.path), literal(plain.path)] as const),
      ['default', '""'],
    ]),
    map('"$pg_offers:$pg_format"', 'pg_link', [...byKey((r) => r.link), ['default', '""']]),
    map('"$pg_format:$pg_offers:$uri"', 'pg_406_body', [
      ...kinds(reference).flatMap(([kind, template]) => [
        [regexKey(`^406:${kind}:`, false), template_(template.notAcceptable)] as const,
        [regexKey(`^406q:${kind}:`, false), template_(template.unknownFormat)] as const,
      ]),
      ...reference.plain.map(
        (plain) =>
          [
            regexKey(`^406q:plain:${escapeRegex(plain.path)}$`, false),
            template_(plain.unknownFormat),
          ] as const,
      ),
      ['default', '""'],
    ]),
  );
  return out;
}

/** Headers that depend on the final status (add_header runs after the status is known). */
function statusHeaderMaps(reference: ReferenceBehaviour): string[] {
  const out: string[] = [];
  out.push(
    map('$status', 'pg_ok_status', [
      ['200', '1'],
      ['304', '1'],
      ['default', '""'],
    ]),
    map('"$pg_ok_status:$pg_link"', 'pg_link_header', [
      [regexKey('^1:(?<pg_h>.+)$', false), '$pg_h'],
      ['default', '""'],
    ]),
    map('"$pg_ok_status:$pg_content_location"', 'pg_content_location_header', [
      [regexKey('^1:(?<pg_h>.+)$', false), '$pg_h'],
      ['default', '""'],
    ]),
    map(
      '"$status:$pg_content_type"',
      'pg_not_modified_type',
      [
        [regexKey('^304:(?<pg_h>.+)$', false), '$pg_h'],
        ['default', '""'],
      ],
      "nginx's 304 drops Content-Type; serve keeps it.",
    ),
    map('$status', 'pg_cache_control', [
      ['200', literal(reference.cacheControl.ok)],
      ['304', literal(reference.cacheControl.ok)],
      ['204', '""'],
      ['default', literal(reference.cacheControl.other)],
    ]),
  );
  for (const [name, value] of Object.entries(reference.common)) {
    if (reference.preflight[name] === value) continue;
    out.push(
      map('$status', statusVariable(name), [
        ['204', '""'],
        ['default', literal(value)],
      ]),
    );
  }
  for (const [name, value] of Object.entries(reference.html)) {
    // A page with a policy of its own (the query page) is told by its location base, which the
    // routing has set by the time headers are added.
    const own =
      name === 'Content-Security-Policy'
        ? reference.ownPolicies.map(
            ({ page, policy }) =>
              [
                regexKey(`^html:${escapeRegex(page.slice(0, page.lastIndexOf('.')))}$`, false),
                literal(policy),
              ] as const,
          )
        : [];
    out.push(
      own.length === 0
        ? map('$pg_format', headerVariable(name), [
            ['html', literal(value)],
            ['default', '""'],
          ])
        : map('"$pg_format:$pg_base"', headerVariable(name), [
            ...own,
            [regexKey('^html:', false), literal(value)],
            ['default', '""'],
          ]),
    );
  }
  for (const [name, value] of Object.entries(preflightOnly(reference))) {
    out.push(
      map('$pg_preflight', headerVariable(name), [
        ['1', literal(value)],
        ['default', '""'],
      ]),
    );
  }
  return out;
}
