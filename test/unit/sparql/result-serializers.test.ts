import { describe, expect, it } from 'vitest';
import { jsonToResults, type QueryResult } from '../../../src/sparql/query-result.js';
import {
  resultsToCsv,
  resultsToJson,
  resultsToTable,
  resultsToTsv,
  resultsToXml,
  writeSolutions,
  type BindingsResult,
} from '../../../src/sparql/result-serializers.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** Every kind of term, an unbound variable, and values CSV and TSV must quote or escape. */
const RESULT: BindingsResult = {
  kind: 'bindings',
  vars: ['s', 'label', 'count', 'missing'],
  bindings: [
    {
      s: { type: 'uri', value: 'http://example.org/a' },
      label: { type: 'literal', value: 'Hello', 'xml:lang': 'en' },
      count: { type: 'literal', value: '20800', datatype: `${XSD}integer` },
    },
    {
      s: { type: 'bnode', value: 'b0' },
      label: { type: 'literal', value: 'a "quoted", comma\nand tab\there' },
      count: { type: 'literal', value: '2016', datatype: 'http://schema.org/Date' },
    },
    {
      label: { type: 'literal', value: '<&>' },
    },
  ],
};

const ASK: QueryResult = { kind: 'boolean', value: true };

describe('SPARQL result serialisers', () => {
  it('JSON (SPARQL 1.1 Query Results JSON Format): all variables in head, bound ones per row', () => {
    expect(resultsToJson(RESULT)).toBe(
      `{"head":{"vars":["s","label","count","missing"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://example.org/a"},"label":{"type":"literal","value":"Hello","xml:lang":"en"},"count":{"type":"literal","value":"20800","datatype":"http://www.w3.org/2001/XMLSchema#integer"}},
{"s":{"type":"bnode","value":"b0"},"label":{"type":"literal","value":"a \\"quoted\\", comma\\nand tab\\there"},"count":{"type":"literal","value":"2016","datatype":"http://schema.org/Date"}},
{"label":{"type":"literal","value":"<&>"}}
]}}
`,
    );
    expect(resultsToJson(ASK as never)).toBe('{"head":{},"boolean":true}\n');
    expect(resultsToJson({ kind: 'bindings', vars: ['x'], bindings: [] })).toBe(
      '{"head":{"vars":["x"]},"results":{"bindings":[]}}\n',
    );
  });

  it('reads back what it writes (jsonToResults)', () => {
    expect(jsonToResults(resultsToJson(RESULT))).toEqual(RESULT);
    expect(jsonToResults(resultsToJson(ASK as never))).toEqual(ASK);
    expect(jsonToResults('not json')).toBeUndefined();
    expect(jsonToResults('{"head":{"vars":["x"]}}')).toBeUndefined();
    expect(
      jsonToResults(
        '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"odd","value":"1"}}]}}',
      ),
    ).toBeUndefined();
    // SPARQL 1.0's typed-literal, still written by some servers.
    expect(
      jsonToResults(
        '{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"typed-literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}',
      ),
    ).toEqual({
      kind: 'bindings',
      vars: ['x'],
      bindings: [{ x: { type: 'literal', value: '1', datatype: `${XSD}integer` } }],
    });
  });

  it('XML (SPARQL Query Results XML Format): escaped text, language and datatype attributes', () => {
    expect(resultsToXml(RESULT)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head>
    <variable name="s"/>
    <variable name="label"/>
    <variable name="count"/>
    <variable name="missing"/>
  </head>
  <results>
    <result>
      <binding name="s"><uri>http://example.org/a</uri></binding>
      <binding name="label"><literal xml:lang="en">Hello</literal></binding>
      <binding name="count"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">20800</literal></binding>
    </result>
    <result>
      <binding name="s"><bnode>b0</bnode></binding>
      <binding name="label"><literal>a &quot;quoted&quot;, comma
and tab\there</literal></binding>
      <binding name="count"><literal datatype="http://schema.org/Date">2016</literal></binding>
    </result>
    <result>
      <binding name="label"><literal>&lt;&amp;&gt;</literal></binding>
    </result>
  </results>
</sparql>
`);
    expect(resultsToXml(ASK as never)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#">
  <head/>
  <boolean>true</boolean>
</sparql>
`);
  });

  it('XML replaces characters XML 1.0 cannot carry', () => {
    const xml = resultsToXml({
      kind: 'bindings',
      vars: ['x'],
      bindings: [{ x: { type: 'literal', value: 'bell\u0007 cr\r' } }],
    });
    expect(xml).toContain('<literal>bell\uFFFD cr&#13;</literal>');
  });

  it('CSV (SPARQL 1.1 CSV): plain values, RFC 4180 quoting, CRLF', () => {
    expect(resultsToCsv(RESULT)).toBe(
      's,label,count,missing\r\n' +
        'http://example.org/a,Hello,20800,\r\n' +
        '_:b0,"a ""quoted"", comma\nand tab\there",2016,\r\n' +
        ',<&>,,\r\n',
    );
  });

  it('TSV (SPARQL 1.1 TSV): Turtle terms, abbreviated numbers, escaped tabs and line breaks', () => {
    expect(resultsToTsv(RESULT)).toBe(
      '?s\t?label\t?count\t?missing\n' +
        '<http://example.org/a>\t"Hello"@en\t20800\t\n' +
        '_:b0\t"a \\"quoted\\", comma\\nand tab\\there"\t"2016"^^<http://schema.org/Date>\t\n' +
        '\t"<&>"\t\t\n',
    );
  });

  it('TSV writes a non-canonical number in full, so it reads back the same', () => {
    expect(
      resultsToTsv({
        kind: 'bindings',
        vars: ['n'],
        bindings: [{ n: { type: 'literal', value: ' 12', datatype: `${XSD}integer` } }],
      }),
    ).toBe('?n\n" 12"^^<http://www.w3.org/2001/XMLSchema#integer>\n');
  });

  it('a readable table: numbers right-aligned, tags shown, breaks escaped, row count', () => {
    expect(resultsToTable(RESULT)).toBe(
      [
        ' s                    | label                            | count | missing',
        '----------------------+----------------------------------+-------+---------',
        ' http://example.org/a | Hello@en                         | 20800 |',
        ' _:b0                 | a "quoted", comma\\nand tab\\there | 2016  |',
        '                      | <&>                              |       |',
        '(3 rows)',
        '',
      ].join('\n'),
    );
    expect(
      resultsToTable({
        kind: 'bindings',
        vars: ['n'],
        bindings: [
          { n: { type: 'literal', value: '5', datatype: `${XSD}integer` } },
          { n: { type: 'literal', value: '120', datatype: `${XSD}decimal` } },
          {},
        ],
      }),
    ).toBe('   n\n-----\n   5\n 120\n\n(3 rows)\n');
    expect(resultsToTable(ASK as never)).toBe('true\n');
    expect(resultsToTable({ kind: 'bindings', vars: ['x'], bindings: [] })).toBe(
      ' x\n---\n(0 rows)\n',
    );
  });

  it('CSV and TSV have no ASK form', () => {
    expect(writeSolutions(ASK as never, 'csv')).toBeUndefined();
    expect(writeSolutions(ASK as never, 'tsv')).toBeUndefined();
    expect(writeSolutions(ASK as never, 'json')).toBe('{"head":{},"boolean":true}\n');
  });
});
