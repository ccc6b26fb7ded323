/** The RDF serialisations profile-graph reads and writes. */
export type RdfFormatName = 'turtle' | 'ntriples' | 'nquads' | 'trig' | 'rdfxml' | 'jsonld';

/** One RDF serialisation: how it is named on the command line, in HTTP and on disk. */
export interface RdfFormat {
  name: RdfFormatName;
  /** Canonical media type (IANA registration). */
  mediaType: string;
  /** Other media types clients send for it (RFC 9110 §12.5.1 negotiation aliases). */
  aliases: readonly string[];
  /** File extension without the dot, used for export paths and `--from` inference. */
  extension: string;
  /** Further extensions recognised when reading files. */
  otherExtensions: readonly string[];
  /** Human-readable name. */
  label: string;
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
    datasets: true,
  },
  {
    name: 'turtle',
    mediaType: 'text/turtle',
    aliases: ['text/n3', 'text/rdf+n3', 'application/x-turtle', 'application/turtle'],
    extension: 'ttl',
    otherExtensions: ['n3'],
    label: 'Turtle',
    datasets: false,
  },
  {
    name: 'ntriples',
    mediaType: 'application/n-triples',
    aliases: ['text/plain'],
    extension: 'nt',
    otherExtensions: [],
    label: 'N-Triples',
    datasets: false,
  },
  {
    name: 'nquads',
    mediaType: 'application/n-quads',
    aliases: ['text/x-nquads'],
    extension: 'nq',
    otherExtensions: [],
    label: 'N-Quads',
    datasets: true,
  },
  {
    name: 'trig',
    mediaType: 'application/trig',
    aliases: [],
    extension: 'trig',
    otherExtensions: [],
    label: 'TriG',
    datasets: true,
  },
  {
    name: 'rdfxml',
    mediaType: 'application/rdf+xml',
    aliases: ['application/xml', 'text/xml'],
    extension: 'rdf',
    otherExtensions: ['owl', 'xml'],
    label: 'RDF/XML',
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
