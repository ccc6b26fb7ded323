// sparqljs 3 ships no types; this covers what profile-graph uses: parsing, and the location a
// jison parse error carries (sparql.js, lib/SparqlParser.js).
declare module 'sparqljs' {
  interface ParserOptions {
    prefixes?: Record<string, string>;
    baseIRI?: string;
    sparqlStar?: boolean;
  }
  export class Parser {
    constructor(options?: ParserOptions);
    parse(query: string): unknown;
  }
  const sparqljs: { Parser: typeof Parser };
  export default sparqljs;
}
