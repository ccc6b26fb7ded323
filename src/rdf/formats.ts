// The one format registry (issue #16): every media type profile-graph reads, writes or serves,
// with its aliases, extension and label. Content negotiation (http/media-types.ts), the SPARQL
// endpoint's result formats, the CLI's --to/--from/--format and the export's host configs all
// read these tables; none keeps its own list.

/** The RDF serialisations profile-graph reads and writes. */
export type RdfFormatName = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'rdfxml' | 'jsonld';

/** What every format entry says: how HTTP, URLs and people name it. */
export interface MediaFormat {
  /** Canonical media type (IANA registration), lower case, sent in Content-Type. */
  mediaType: string;
  /** Other media types clients send for it (RFC 9110 §12.5.1 negotiation aliases). */
  aliases: readonly string[];
  /** File extension without the dot (export paths, extension URLs, `?format=`). */
  extension: string;
  /** Human-readable name. */
  label: string;
  /**
   * The format's unique URI (https://www.w3.org/ns/formats/), where W3C names one: what a
   * SPARQL service description lists as its `sd:resultFormat`s.
   */
  formatIri?: string;
}

/** The HTML page every document also has. */
export const HTML_FORMAT: Readonly<MediaFormat> = Object.freeze({
  mediaType: 'text/html',
  aliases: Object.freeze(['application/xhtml+xml']),
  extension: 'html',
  label: 'HTML',
});

/** One RDF serialisation: how it is named on the command line, in HTTP and on disk. */
export interface RdfFormat extends MediaFormat {
  name: RdfFormatName;
  /** File extension without the dot, used for export paths and `--from` inference. */
  extension: string;
  /** Further extensions recognised when reading files. */
  otherExtensions: readonly string[];
  /** Whether the format can carry named graphs. */
  datasets: boolean;
}

/** Every RDF format, in the server's order of preference among equal client preferences. */
export const RDF_FORMATS: readonly RdfFormat[] = [
  {
    name: 'jsonld',
    mediaType: 'application/ld+json',
    aliases: ['application/json'],
    extension: 'jsonld',
    otherExtensions: ['json'],
    label: 'JSON-LD',
    formatIri: 'http://www.w3.org/ns/formats/JSON-LD',
    datasets: true,
  },
  {
    name: 'turtle',
    mediaType: 'text/turtle',
    aliases: ['text/n3', 'text/rdf+n3', 'application/x-turtle', 'application/turtle'],
    extension: 'ttl',
    otherExtensions: ['n3'],
    label: 'Turtle',
    formatIri: 'http://www.w3.org/ns/formats/Turtle',
    datasets: false,
  },
  {
    name: 'ntriples',
    mediaType: 'application/n-triples',
    aliases: ['text/plain'],
    extension: 'nt',
    otherExtensions: [],
    label: 'N-Triples',
    formatIri: 'http://www.w3.org/ns/formats/N-Triples',
    datasets: false,
  },
  {
    name: 'nquads',
    mediaType: 'application/n-quads',
    aliases: ['text/x-nquads'],
    extension: 'nq',
    otherExtensions: [],
    label: 'N-Quads',
    formatIri: 'http://www.w3.org/ns/formats/N-Quads',
    datasets: true,
  },
  {
    name: 'trig',
    mediaType: 'application/trig',
    aliases: [],
    extension: 'trig',
    otherExtensions: [],
    label: 'TriG',
    formatIri: 'http://www.w3.org/ns/formats/TriG',
    datasets: true,
  },
  {
    name: 'rdfxml',
    mediaType: 'application/rdf+xml',
    aliases: ['application/xml', 'text/xml'],
    extension: 'rdf',
    otherExtensions: ['owl', 'xml'],
    label: 'RDF/XML',
    formatIri: 'http://www.w3.org/ns/formats/RDF_XML',
    datasets: false,
  },
];

/** Looks a format up by its name (`turtle`), extension (`ttl`) or media type. */
export function findRdfFormat(nameOrExtension: string): RdfFormat | undefined {
  const key = nameOrExtension.toLowerCase().replace(/^\./, '');
  return RDF_FORMATS.find(
    (format) =>
      format.name === key ||
      format.extension === key ||
      format.otherExtensions.includes(key) ||
      format.mediaType === key ||
      format.aliases.includes(key),
  );
}

/** The names accepted by `--to` / `--from`, for help texts and error messages. */
export const RDF_FORMAT_NAMES: readonly RdfFormatName[] = RDF_FORMATS.map((format) => format.name);

/** The SELECT/ASK result formats: the four W3C ones, and an HTML table for browsers. */
export type ResultFormatName = 'json' | 'xml' | 'csv' | 'tsv' | 'html';

/** The query forms whose answer is solutions (or a boolean) rather than a graph. */
export type SolutionForm = 'select' | 'ask';

/** One SELECT/ASK result format. */
export interface ResultFormat extends MediaFormat {
  readonly name: ResultFormatName;
  /** Registered file extension (`srj`, `srx`…), also accepted by `?format=`. */
  readonly extension: string;
  /** The query forms it can carry. */
  readonly forms: readonly SolutionForm[];
}

/**
 * Every SELECT/ASK result format, in the server's order among equal client preferences: JSON
 * first (what `*` and a missing Accept header get, and what most clients prefer), then XML, CSV,
 * TSV, and HTML last, so only a client that names `text/html` above the others (a browser)
 * gets the table. CSV and TSV define no boolean form (SPARQL 1.1 CSV/TSV §1), so ASK has only
 * JSON, XML and HTML.
 */
export const RESULT_FORMATS: readonly ResultFormat[] = Object.freeze([
  {
    name: 'json',
    mediaType: 'application/sparql-results+json',
    aliases: ['application/json'],
    extension: 'srj',
    label: 'SPARQL JSON results',
    formatIri: 'http://www.w3.org/ns/formats/SPARQL_Results_JSON',
    forms: ['select', 'ask'],
  },
  {
    name: 'xml',
    mediaType: 'application/sparql-results+xml',
    aliases: ['application/xml', 'text/xml'],
    extension: 'srx',
    label: 'SPARQL XML results',
    formatIri: 'http://www.w3.org/ns/formats/SPARQL_Results_XML',
    forms: ['select', 'ask'],
  },
  {
    name: 'csv',
    mediaType: 'text/csv',
    aliases: [],
    extension: 'csv',
    label: 'CSV',
    formatIri: 'http://www.w3.org/ns/formats/SPARQL_Results_CSV',
    forms: ['select'],
  },
  {
    name: 'tsv',
    mediaType: 'text/tab-separated-values',
    aliases: [],
    extension: 'tsv',
    label: 'TSV',
    formatIri: 'http://www.w3.org/ns/formats/SPARQL_Results_TSV',
    forms: ['select'],
  },
  {
    ...HTML_FORMAT,
    name: 'html',
    label: 'HTML table',
    forms: ['select', 'ask'],
  },
] as const satisfies readonly ResultFormat[]);
