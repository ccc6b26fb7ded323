import { Parser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { Diagnostic } from '../model/diagnostic.js';
import { toN3Quad, type Quad } from './data-factory.js';
import type { RdfFormatName } from './formats.js';

/** Options for {@link parseRdf}. */
export interface ParseRdfOptions {
  /** Base IRI for relative IRIs in the document. */
  baseIri: string;
  /** Path reported in diagnostics. */
  file: string;
}

/** Quads parsed from an RDF document, or the located syntax error that stopped the parser. */
export interface ParseRdfResult {
  quads: Quad[];
  diagnostics: Diagnostic[];
}

const N3_FORMATS = {
  turtle: 'Turtle',
  ntriples: 'N-Triples',
  nquads: 'N-Quads',
  trig: 'TriG',
} as const;

/**
 * Parses Turtle, N-Triples, N-Quads, TriG (n3) or RDF/XML (rdfxml-streaming-parser) into quads.
 * Never throws for bad input: the first syntax error becomes an `rdf/syntax` diagnostic with
 * the file, line and (where the parser tells) column. JSON-LD is read by `jsonLdToQuads`.
 */
export async function parseRdf(
  text: string,
  format: Exclude<RdfFormatName, 'jsonld'>,
  options: ParseRdfOptions,
): Promise<ParseRdfResult> {
  if (format === 'rdfxml') return parseRdfXml(text, options);
  try {
    const parser = new Parser({ format: N3_FORMATS[format], baseIRI: options.baseIri });
    return { quads: parser.parse(text).map(toN3Quad), diagnostics: [] };
  } catch (error) {
    return { quads: [], diagnostics: [n3Diagnostic(error, text, options.file)] };
  }
}

interface N3Token {
  line: number;
  start?: number;
  end?: number;
}

function n3Diagnostic(error: unknown, text: string, file: string): Diagnostic {
  const { message, context } = error as {
    message: string;
    context?: { line?: number; token?: N3Token; previousToken?: N3Token };
  };
  const line = context?.line;
  const column = columnOf(message, text, context);
  return {
    code: 'rdf/syntax',
    severity: 'error',
    // n3 says "on line N."; the diagnostic carries the line itself.
    message: `Syntax error: ${message.replace(/ on line \d+\.?$/, '').replace(/\.$/, '')}.`,
    file,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  };
}

/** n3 reports a 0-based start offset within the line for the failing token when it has one. */
function columnOf(
  message: string,
  text: string,
  context?: { line?: number; token?: N3Token; previousToken?: N3Token },
): number | undefined {
  if (context?.token?.start !== undefined) return context.token.start + 1;
  const unexpected = /^Unexpected "(.*)"/.exec(message)?.[1];
  if (context?.line === undefined || unexpected === undefined) return undefined;
  const lineText = text.split(/\r?\n/)[context.line - 1] ?? '';
  const from = context.previousToken?.line === context.line ? (context.previousToken.end ?? 0) : 0;
  const index = lineText.indexOf(unexpected, from);
  return index < 0 ? undefined : index + 1;
}

function parseRdfXml(text: string, options: ParseRdfOptions): Promise<ParseRdfResult> {
  return new Promise((resolve) => {
    const quads: Quad[] = [];
    let settled = false;
    const parser = new RdfXmlParser({ baseIRI: options.baseIri });
    parser.on('data', (q: Parameters<typeof toN3Quad>[0]) => quads.push(toN3Quad(q)));
    parser.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      // saxes prefixes its messages with "line:column: ".
      const match = /^(\d+):(\d+): (.*)$/s.exec(error.message);
      resolve({
        quads: [],
        diagnostics: [
          {
            code: 'rdf/syntax',
            severity: 'error',
            message: `Syntax error: ${(match?.[3] ?? error.message).replace(/\.$/, '')}.`,
            file: options.file,
            ...(match ? { line: Number(match[1]), column: Number(match[2]) } : {}),
          },
        ],
      });
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ quads, diagnostics: [] });
    });
    parser.write(text);
    parser.end();
  });
}
