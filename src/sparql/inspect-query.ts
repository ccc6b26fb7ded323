/** The four SPARQL 1.1 query forms (SPARQL 1.1 Query §16). */
export type QueryForm = 'select' | 'construct' | 'describe' | 'ask';

/** A place in the query text: 1-based line and column (in characters). */
export interface TextPosition {
  line: number;
  column: number;
}

/** What {@link inspectQuery} found in a query text, before any parsing. */
export interface QueryInspection {
  /**
   * The query form; `update` when the text is a SPARQL 1.1 Update request (INSERT, DELETE,
   * LOAD…); `undefined` when it starts like neither (the parser then says why).
   */
  form: QueryForm | 'update' | undefined;
  /** Where the first `SERVICE` keyword is, if any (SPARQL 1.1 Federated Query). */
  service: TextPosition | undefined;
  /** Whether the query names its own dataset (`FROM` / `FROM NAMED`, SPARQL 1.1 Query §13.2). */
  hasDatasetClause: boolean;
  /** Prefixes used in prefixed names without a `PREFIX` declaration, with their first use. */
  undeclaredPrefixes: readonly { prefix: string; position: TextPosition }[];
  /**
   * How deeply brackets (`{`, `(`, `[`) nest at most, and where that depth is first reached:
   * the parser and the engine recurse once per level.
   */
  nesting: { depth: number; position: TextPosition | undefined };
  /**
   * How many terms and operators the text has (IRIs, literals, variables, names, keywords,
   * numbers, `!`, `+`, `|`…; brackets and the separators `,` `;` `.` are not counted): what IN
   * lists, UNION chains and operator chains grow, each costing the engine a level of recursion.
   */
  terms: number;
  /** How many distinct variables the query names (a cross product's size grows with them). */
  variables: number;
  /**
   * Whether a property path has a closure (`*` or `+` after an IRI, a prefixed name, `a` or a
   * bracketed path; SPARQL 1.1 Query §9.1): transitive walks can visit the whole graph.
   */
  closure: boolean;
}

const QUERY_FORMS: Readonly<Record<string, QueryForm>> = {
  SELECT: 'select',
  CONSTRUCT: 'construct',
  DESCRIBE: 'describe',
  ASK: 'ask',
};

/** The keywords an Update operation starts with (SPARQL 1.1 Update §3, grammar rule [30]). */
const UPDATE_KEYWORDS = new Set([
  'INSERT',
  'DELETE',
  'LOAD',
  'CLEAR',
  'CREATE',
  'DROP',
  'COPY',
  'MOVE',
  'ADD',
  'WITH',
]);

/** Keywords of the prologue (BASE, PREFIX, and SPARQL 1.2's VERSION), before the form. */
const PROLOGUE_KEYWORDS = new Set(['BASE', 'PREFIX', 'VERSION']);

// Terminals of the SPARQL 1.1 grammar (§19.8), as sticky regular expressions. Only what is
// needed to step over IRIs, strings, comments, variables and prefixed names correctly, so a
// keyword is recognised only where it is a keyword.
// PN_CHARS' combining marks (#x0300-#x036F) are matched as \p{M}, a superset that is harmless
// for stepping over names.
// eslint-disable-next-line no-control-regex -- IRIREF excludes exactly #x00-#x20 (§19.8 [139])
const IRIREF = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;
const VARIABLE = /[?$][\p{L}\p{N}\p{M}_\u00B7\u203F\u2040]+/uy;
const LANGTAG = /@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?/y;
const BLANK_NODE_LABEL = /_:[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_\-.\u00B7\u203F\u2040])*/uy;
const WORD = /[\p{L}][\p{L}\p{N}\p{M}_\-.\u00B7\u203F\u2040]*/uy;
const PN_LOCAL =
  /(?:[\p{L}\p{N}\p{M}_\-.:\u00B7\u203F\u2040]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])*/uy;
const NUMBER = /[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/y;

/**
 * Scans a SPARQL query or update text for what the endpoint must know before running it: the
 * form (to choose result formats and to refuse updates), `SERVICE` (refused: the server never
 * makes outbound requests), `FROM` (whether the query names its own dataset), and prefixes used
 * but never declared (for a helpful hint next to the parser's message).
 *
 * This is a tokenizer, not a parser: it steps over IRIs, string literals (all four quoting
 * styles, with escapes), comments, variables, language tags and prefixed names, so `?service`,
 * `"SERVICE"`, `<http://example.org/service>`, `schema:Service` and `# SERVICE` are not taken
 * for the keyword. Never throws; malformed text is left to the parser.
 */
export function inspectQuery(text: string): QueryInspection {
  let form: QueryInspection['form'];
  let formSeen = false;
  let service: TextPosition | undefined;
  let hasDatasetClause = false;
  const declared = new Set<string>();
  const undeclared = new Map<string, TextPosition>();
  let expectPrefixDeclaration = false;
  let depth = 0;
  const nesting: QueryInspection['nesting'] = { depth: 0, position: undefined };
  let terms = 0;
  const variables = new Set<string>();
  let closure = false;
  // Whether the last token can take a path modifier (an IRI, a prefixed name, `a`, `)`).
  let pathable = false;

  let line = 1;
  let lineStart = 0;
  let i = 0;
  const position = (offset: number): TextPosition => ({
    line,
    column: offset - lineStart + 1,
  });
  /** Advances over `text[i, end)`, counting line breaks. */
  const advanceTo = (end: number) => {
    for (; i < end; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
  };
  const matchAt = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = i;
    return pattern.exec(text)?.[0];
  };

  while (i < text.length) {
    const char = text[i] as string;
    if (char === '#') {
      const end = text.indexOf('\n', i);
      advanceTo(end < 0 ? text.length : end);
      continue;
    }
    if (char === '{' || char === '(' || char === '[') {
      pathable = false;
      depth++;
      if (depth > nesting.depth) {
        nesting.depth = depth;
        nesting.position = position(i);
      }
      advanceTo(i + 1);
      continue;
    }
    if (char === '}' || char === ')' || char === ']') {
      pathable = char === ')';
      depth = Math.max(0, depth - 1);
      advanceTo(i + 1);
      continue;
    }
    if (char === '@') {
      // A language tag is part of the literal before it.
      advanceTo(i + (matchAt(LANGTAG)?.length ?? 1));
      continue;
    }
    if (char === ',' || char === ';' || char === '.' || char <= ' ') {
      advanceTo(i + 1);
      continue;
    }
    // Everything else is a term or an operator.
    terms++;
    if ((char === '*' || char === '+') && pathable) closure = true;
    pathable = false;
    if (char === '<') {
      const iri = matchAt(IRIREF);
      pathable = iri !== undefined;
      advanceTo(i + (iri?.length ?? 1));
      continue;
    }
    if (char === '"' || char === "'") {
      advanceTo(endOfString(text, i));
      continue;
    }
    if (char === '?' || char === '$') {
      const variable = matchAt(VARIABLE);
      if (variable !== undefined) variables.add(variable.slice(1));
      advanceTo(i + (variable?.length ?? 1));
      continue;
    }
    if (char === '_' && text[i + 1] === ':') {
      advanceTo(i + (matchAt(BLANK_NODE_LABEL)?.length ?? 2));
      continue;
    }
    if (char === ':') {
      // A prefixed name with the empty prefix (`:name`).
      const start = i;
      i++;
      const local = matchAt(PN_LOCAL) ?? '';
      if (expectPrefixDeclaration) {
        declared.add('');
        expectPrefixDeclaration = false;
      } else if (!declared.has('') && !undeclared.has('')) undeclared.set('', position(start));
      pathable = true;
      advanceTo(i + local.length);
      continue;
    }
    if (char >= '0' && char <= '9') {
      advanceTo(i + (matchAt(NUMBER)?.length ?? 1));
      continue;
    }
    const word = matchAt(WORD);
    if (word === undefined) {
      advanceTo(i + 1);
      continue;
    }
    const start = i;
    if (text[i + word.length] === ':') {
      // A prefixed name (`schema:name`) or a declaration's prefix (`PREFIX schema:`).
      i += word.length + 1;
      const local = matchAt(PN_LOCAL) ?? '';
      if (expectPrefixDeclaration) {
        declared.add(word);
        expectPrefixDeclaration = false;
      } else if (!declared.has(word) && !undeclared.has(word)) {
        undeclared.set(word, { line, column: start - lineStart + 1 });
      }
      pathable = true;
      advanceTo(i + local.length);
      continue;
    }
    // A keyword, function name or `a`; a trailing dot ends a triple, it is not part of the word.
    // (A loop, not `/\.+$/`: that pattern retries the dot run from every dot, quadratic time.)
    let bareLength = word.length;
    while (bareLength > 0 && word.charCodeAt(bareLength - 1) === 46) bareLength--;
    const bare = word.slice(0, bareLength);
    const keyword = bare.toUpperCase();
    expectPrefixDeclaration = keyword === 'PREFIX';
    if (!formSeen && !PROLOGUE_KEYWORDS.has(keyword)) {
      // The first keyword after the prologue decides (grammar rules [2] Query and [29] Update).
      formSeen = true;
      form = QUERY_FORMS[keyword] ?? (UPDATE_KEYWORDS.has(keyword) ? 'update' : undefined);
    }
    if (keyword === 'SERVICE' && service === undefined) service = position(start);
    if (keyword === 'FROM') hasDatasetClause = true;
    pathable = keyword === 'A';
    advanceTo(i + bare.length);
  }
  return {
    form,
    service,
    hasDatasetClause,
    undeclaredPrefixes: [...undeclared].map(([prefix, at]) => ({ prefix, position: at })),
    nesting,
    terms,
    variables: variables.size,
    closure,
  };
}

/** The offset just after the string literal starting at `start` (or the end of the text). */
function endOfString(text: string, start: number): number {
  const quote = text[start] as string;
  const long = text.startsWith(quote.repeat(3), start);
  let i = start + (long ? 3 : 1);
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (long) {
      if (text.startsWith(quote.repeat(3), i)) return i + 3;
    } else if (char === quote || char === '\n') {
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Whether a query form returns solutions (SELECT, ASK) rather than a graph. */
export function returnsSolutions(form: QueryForm): form is 'select' | 'ask' {
  return form === 'select' || form === 'ask';
}
