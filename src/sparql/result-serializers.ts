import type { ResultFormatName } from '../rdf/formats.js';
import {
  NUMERIC_DATATYPES,
  type Binding,
  type QueryResult,
  type ResultTerm,
} from './query-result.js';

/**
 * The text formats SELECT and ASK results can be written in: the registry's result formats
 * (HTML is result-html.ts) and the command line's text table.
 */
export type SolutionFormatName = 'table' | Exclude<ResultFormatName, 'html'>;

/**
 * Writes SELECT or ASK results in a format. Returns `undefined` for ASK in CSV or TSV, which
 * define no boolean form (SPARQL 1.1 Query Results CSV and TSV Formats §1).
 */
export function writeSolutions(
  result: SolutionResult,
  format: SolutionFormatName,
): string | undefined {
  switch (format) {
    case 'table':
      return resultsToTable(result);
    case 'json':
      return resultsToJson(result);
    case 'xml':
      return resultsToXml(result);
    case 'csv':
      return result.kind === 'bindings' ? resultsToCsv(result) : undefined;
    case 'tsv':
      return result.kind === 'bindings' ? resultsToTsv(result) : undefined;
  }
}

/** SELECT and ASK results: what {@link resultsToJson} and its siblings accept. */
export type SolutionResult = Exclude<QueryResult, { kind: 'graph' }>;

/** SELECT results only (CSV and TSV define no form for ASK). */
export type BindingsResult = Extract<QueryResult, { kind: 'bindings' }>;

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/**
 * SPARQL 1.1 Query Results JSON Format (W3C Recommendation, §3): `head.vars` lists every
 * projected variable in order, bound or not; each solution object holds only the bound ones.
 * One solution per line, so large results stay diffable and streamable by line-based tools.
 */
export function resultsToJson(result: SolutionResult): string {
  if (result.kind === 'boolean') return `{"head":{},"boolean":${String(result.value)}}\n`;
  const rows = result.bindings.map((binding) =>
    JSON.stringify(bindingObject(binding, result.vars)),
  );
  return `{"head":{"vars":${JSON.stringify(result.vars)}},"results":{"bindings":[${
    rows.length === 0 ? '' : `\n${rows.join(',\n')}\n`
  }]}}\n`;
}

/** The binding with its variables in projection order (JSON.stringify keeps insertion order). */
function bindingObject(binding: Binding, vars: readonly string[]): Record<string, ResultTerm> {
  const out: Record<string, ResultTerm> = {};
  for (const name of vars) {
    const term = binding[name];
    if (term !== undefined) out[name] = term;
  }
  return out;
}

/**
 * SPARQL Query Results XML Format (Second Edition, W3C Recommendation): `<head>` with one
 * `<variable>` per projected variable, then `<results>` or `<boolean>`. Characters XML 1.0
 * cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF; lone surrogates) are
 * written as U+FFFD, since no escape exists for them (XML 1.0 §2.2).
 */
export function resultsToXml(result: SolutionResult): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
  ];
  if (result.kind === 'boolean') {
    lines.push('  <head/>', `  <boolean>${String(result.value)}</boolean>`);
  } else {
    lines.push('  <head>');
    for (const name of result.vars) lines.push(`    <variable name="${xmlText(name)}"/>`);
    lines.push('  </head>', '  <results>');
    for (const binding of result.bindings) {
      lines.push('    <result>');
      for (const name of result.vars) {
        const term = binding[name];
        if (term !== undefined)
          lines.push(`      <binding name="${xmlText(name)}">${xmlTerm(term)}</binding>`);
      }
      lines.push('    </result>');
    }
    lines.push('  </results>');
  }
  lines.push('</sparql>', '');
  return lines.join('\n');
}

function xmlTerm(term: ResultTerm): string {
  switch (term.type) {
    case 'uri':
      return `<uri>${xmlText(term.value)}</uri>`;
    case 'bnode':
      return `<bnode>${xmlText(term.value)}</bnode>`;
    case 'literal': {
      const language = term['xml:lang'];
      const direction = term['its:dir'];
      const attributes =
        language !== undefined
          ? ` xml:lang="${xmlText(language)}"${
              direction === undefined
                ? ''
                : ` xmlns:its="http://www.w3.org/2005/11/its" its:dir="${xmlText(direction)}"`
            }`
          : term.datatype !== undefined && term.datatype !== XSD_STRING
            ? ` datatype="${xmlText(term.datatype)}"`
            : '';
      return `<literal${attributes}>${xmlText(term.value)}</literal>`;
    }
    case 'triple': {
      // SPARQL 1.2 Query Results XML Format §2.3.1.
      const { subject, predicate, object } = term.value;
      return `<triple><subject>${xmlTerm(subject)}</subject><predicate>${xmlTerm(predicate)}</predicate><object>${xmlTerm(object)}</object></triple>`;
    }
  }
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
};

/** Escapes text for XML content and double-quoted attributes (`\r` kept by reference, §2.11). */
function xmlText(text: string): string {
  return text
    .replace(/[&<>"\r]/g, (character) => XML_ESCAPES[character] ?? character)
    .replace(
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 §2.2 excludes
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    );
}

/**
 * SPARQL 1.1 Query Results CSV Format (W3C Recommendation, §2): a header of variable names,
 * then one line per solution with IRIs and literal values as plain strings (language tags and
 * datatypes dropped, as the format defines: it is lossy by design), blank nodes as `_:label`,
 * unbound variables as empty fields. Fields are quoted per RFC 4180 when they contain `"`, `,`,
 * CR or LF; lines end in CRLF.
 */
export function resultsToCsv(result: BindingsResult): string {
  const lines = [result.vars.map(csvField).join(',')];
  for (const binding of result.bindings) {
    lines.push(
      result.vars
        .map((name) => {
          const term = binding[name];
          return term === undefined ? '' : csvField(plainText(term));
        })
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A term as CSV writes it (and as tables show it): no brackets, quotes, tags or datatypes. */
function plainText(term: ResultTerm): string {
  switch (term.type) {
    case 'uri':
    case 'literal':
      return term.value;
    case 'bnode':
      return `_:${term.value}`;
    case 'triple':
      return tsvTerm(term);
  }
}

/**
 * SPARQL 1.1 Query Results TSV Format (W3C Recommendation, §3): a header of `?`-prefixed
 * variable names, then one line per solution with every term in Turtle syntax (`<iri>`,
 * `"text"@en`, `"2016"^^<…#gYear>`, `_:b0`), so no information is lost. Integers, decimals,
 * doubles and booleans whose lexical form is Turtle's own are written abbreviated (`20800`), as
 * §3.2 allows. Tabs, line breaks, quotes and backslashes inside literals are escaped.
 */
export function resultsToTsv(result: BindingsResult): string {
  const lines = [result.vars.map((name) => `?${name}`).join('\t')];
  for (const binding of result.bindings) {
    lines.push(
      result.vars
        .map((name) => {
          const term = binding[name];
          return term === undefined ? '' : tsvTerm(term);
        })
        .join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

const TURTLE_ABBREVIATIONS: Readonly<Record<string, RegExp>> = {
  [`${XSD}integer`]: /^[+-]?[0-9]+$/,
  [`${XSD}decimal`]: /^[+-]?[0-9]*\.[0-9]+$/,
  [`${XSD}double`]: /^[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+$/,
  [`${XSD}boolean`]: /^(?:true|false)$/,
};

/** A term in Turtle / N-Triples syntax (TSV's cells; also used for triple terms). */
export function tsvTerm(term: ResultTerm): string {
  switch (term.type) {
    case 'uri':
      // eslint-disable-next-line no-control-regex -- what IRIREF cannot hold (Turtle §6.4)
      return `<${term.value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, uriEscape)}>`;
    case 'bnode':
      return `_:${term.value}`;
    case 'literal': {
      const datatype = term.datatype;
      if (datatype !== undefined && TURTLE_ABBREVIATIONS[datatype]?.test(term.value)) {
        return term.value;
      }
      const quoted = `"${escapeString(term.value)}"`;
      const language = term['xml:lang'];
      if (language !== undefined) {
        const direction = term['its:dir'];
        return `${quoted}@${language}${direction === undefined ? '' : `--${direction}`}`;
      }
      return datatype === undefined || datatype === XSD_STRING || datatype === RDF_LANG_STRING
        ? quoted
        : `${quoted}^^<${datatype}>`;
    }
    case 'triple': {
      const { subject, predicate, object } = term.value;
      return `<<( ${tsvTerm(subject)} ${tsvTerm(predicate)} ${tsvTerm(object)} )>>`;
    }
  }
}

function uriEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const STRING_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Turtle STRING_LITERAL_QUOTE escapes (ECHAR, Turtle §6.4) for the characters TSV must avoid. */
function escapeString(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (character) => STRING_ESCAPES[character] ?? character);
}

/**
 * A readable plain-text table for terminals (psql's layout): one column per variable, IRIs and
 * literal values without quotes or datatypes, language tags as `@en`, numbers right-aligned,
 * unbound cells empty, line breaks and tabs inside values shown as `\n` and `\t` so each
 * solution stays on one line; then the row count. ASK prints `true` or `false`.
 */
export function resultsToTable(result: SolutionResult): string {
  if (result.kind === 'boolean') return `${String(result.value)}\n`;
  const { vars, bindings } = result;
  if (vars.length === 0) return `(${countRows(bindings.length)})\n`;
  const cells = bindings.map((binding) => vars.map((name) => tableCell(binding[name])));
  const widths = vars.map((name, column) =>
    Math.max(textWidth(name), ...cells.map((row) => textWidth(row[column]?.text ?? ''))),
  );
  const numeric = vars.map(
    (_, column) => cells.length > 0 && cells.every((row) => row[column]?.numeric !== false),
  );
  const pad = (text: string, column: number) => {
    const width = widths[column] ?? 0;
    const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
    return numeric[column] ? fill + text : text + fill;
  };
  const header = vars.map((name, column) => ` ${pad(name, column)} `).join('|');
  const rule = widths.map((width) => '-'.repeat(width + 2)).join('+');
  const lines = [header.trimEnd(), rule];
  for (const row of cells) {
    lines.push(
      row
        .map((cell, column) => ` ${pad(cell.text, column)} `)
        .join('|')
        .trimEnd(),
    );
  }
  lines.push(`(${countRows(bindings.length)})`);
  return `${lines.join('\n')}\n`;
}

function countRows(count: number): string {
  return `${count} ${count === 1 ? 'row' : 'rows'}`;
}

/** A table cell: its text, and whether it is a number (undefined: empty, fits any column). */
function tableCell(term: ResultTerm | undefined): { text: string; numeric: boolean | undefined } {
  if (term === undefined) return { text: '', numeric: undefined };
  let text = plainText(term);
  if (term.type === 'literal' && term['xml:lang'] !== undefined) text += `@${term['xml:lang']}`;
  const numeric =
    term.type === 'literal' && term.datatype !== undefined && NUMERIC_DATATYPES.has(term.datatype);
  return {
    text: text.replace(/[\n\r\t]/g, (character) => STRING_ESCAPES[character] ?? ''),
    numeric,
  };
}

/** Width in code points (close enough for a terminal; wide CJK glyphs count as one). */
function textWidth(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}
