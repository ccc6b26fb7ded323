import type { QueryForm } from './inspect-query.js';

/** The SELECT/ASK result formats: the four W3C ones, and an HTML table for browsers. */
export type ResultFormatName = 'json' | 'xml' | 'csv' | 'tsv' | 'html';

/** One SELECT/ASK result format: how HTTP and the command line name it. */
export interface ResultFormat {
  readonly name: ResultFormatName;
  /** Canonical media type, sent in Content-Type. */
  readonly mediaType: string;
  /** Other media types that select it. */
  readonly aliases: readonly string[];
  /** Registered file extension (`srj`, `srx`…), also accepted by `?format=`. */
  readonly extension: string;
  readonly label: string;
  /** The query forms it can carry. */
  readonly forms: readonly QueryForm[];
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
    forms: ['select', 'ask'],
  },
  {
    name: 'xml',
    mediaType: 'application/sparql-results+xml',
    aliases: ['application/xml', 'text/xml'],
    extension: 'srx',
    label: 'SPARQL XML results',
    forms: ['select', 'ask'],
  },
  {
    name: 'csv',
    mediaType: 'text/csv',
    aliases: [],
    extension: 'csv',
    label: 'CSV',
    forms: ['select'],
  },
  {
    name: 'tsv',
    mediaType: 'text/tab-separated-values',
    aliases: [],
    extension: 'tsv',
    label: 'TSV',
    forms: ['select'],
  },
  {
    name: 'html',
    mediaType: 'text/html',
    aliases: ['application/xhtml+xml'],
    extension: 'html',
    label: 'HTML table',
    forms: ['select', 'ask'],
  },
] as const satisfies readonly ResultFormat[]);

/** Whether a query form returns solutions (SELECT, ASK) rather than a graph. */
export function returnsSolutions(form: QueryForm): form is 'select' | 'ask' {
  return form === 'select' || form === 'ask';
}
