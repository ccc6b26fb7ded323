import sparqljs from 'sparqljs';

/** A syntax error with a usable location: what was found where, and what could come instead. */
export interface LocatedSyntaxError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in characters. */
  column: number;
}

/** How many of the expected tokens a message lists before "…". */
const MAX_EXPECTED = 8;

/** Readable names for sparqljs's token classes (its jison grammar's terminals). */
const TOKEN_NAMES: Readonly<Record<string, string>> = {
  EOF: 'end of query',
  IRIREF: '<iri>',
  PNAME_NS: 'prefix:',
  PNAME_LN: 'prefix:name',
  VAR: '?variable',
  NIL: '()',
  ANON: '[]',
  INTEGER: 'number',
  DECIMAL: 'number',
  DOUBLE: 'number',
  INTEGER_POSITIVE: 'number',
  DECIMAL_POSITIVE: 'number',
  DOUBLE_POSITIVE: 'number',
  INTEGER_NEGATIVE: 'number',
  DECIMAL_NEGATIVE: 'number',
  DOUBLE_NEGATIVE: 'number',
  BOOLEAN: 'true/false',
  STRING_LITERAL1: 'string',
  STRING_LITERAL2: 'string',
  STRING_LITERAL_LONG1: 'string',
  STRING_LITERAL_LONG2: 'string',
  BLANK_NODE_LABEL: '_:label',
  INSERTDATA: 'INSERT DATA',
  DELETEDATA: 'DELETE DATA',
  DELETEWHERE: 'DELETE WHERE',
};

interface JisonErrorHash {
  loc?: { first_line?: number; last_line?: number; last_column?: number };
  expected?: unknown;
}

/**
 * Locates a syntax error oxigraph found. Oxigraph's parser (rust-peg) reports the furthest point
 * it tried, which is usually the end of the query, and lists grammar rules rather than tokens;
 * sparqljs (an LALR parser of the SPARQL 1.1 grammar) stops at the first token that cannot
 * continue the query, so its location is where the mistake is. Runs only on the error path.
 *
 * Returns `undefined` when sparqljs accepts the text (a SPARQL 1.2 form oxigraph rejects, or a
 * disagreement), or fails without a location (an undeclared prefix); the caller then keeps
 * oxigraph's message. Never throws.
 */
export function locateSyntaxError(query: string): LocatedSyntaxError | undefined {
  try {
    new sparqljs.Parser({ sparqlStar: true }).parse(query);
    return undefined;
  } catch (error) {
    const hash = (error as { hash?: JisonErrorHash }).hash;
    const loc = hash?.loc;
    if (loc?.last_line === undefined || loc.last_column === undefined) return undefined;
    // jison's location is the last token it accepted; the offending one is the next token.
    const offset = skipSpace(query, offsetOf(query, loc.last_line, loc.last_column));
    const { line, column } = positionOf(query, offset);
    const expected = Array.isArray(hash?.expected)
      ? [
          ...new Set(
            (hash.expected as unknown[])
              .filter((each): each is string => typeof each === 'string')
              .map((token) => {
                const bare = token.replaceAll("'", '');
                return TOKEN_NAMES[bare] ?? bare;
              }),
          ),
        ]
      : [];
    const listed = expected.slice(0, MAX_EXPECTED).join(', ');
    const more = expected.length > MAX_EXPECTED ? ', …' : '';
    const found = tokenAt(query, offset);
    return {
      message: `${found === undefined ? 'unexpected end of query' : `unexpected '${found}'`}${
        listed === '' ? '' : `; expected ${listed}${more}`
      }`,
      line,
      column,
    };
  }
}

/** The offset of a jison location (1-based line, 0-based column). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column);
}

/** Skips white space and `#` comments (SPARQL 1.1 §19.6). */
function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '#') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (/\s/.test(char)) i++;
    else break;
  }
  return i;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The token-like text at an offset, for the message (at most 30 characters). */
function tokenAt(text: string, offset: number): string | undefined {
  if (offset >= text.length) return undefined;
  const rest = text.slice(offset);
  const token = /^[^\s{}()[\].,;]+/.exec(rest)?.[0] ?? rest.charAt(0);
  return token.length > 30 ? `${token.slice(0, 30)}…` : token;
}
