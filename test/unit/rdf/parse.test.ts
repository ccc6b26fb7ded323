import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../../src/rdf/parse.js';

const options = { baseIri: 'http://example.org/', file: 'in.ttl' };

describe('parseRdf', () => {
  it('parses Turtle with relative IRIs against the base', async () => {
    const result = await parseRdf('<a> <b> "c" .', 'turtle', options);
    expect(result.diagnostics).toEqual([]);
    expect(result.quads[0]?.subject.value).toBe('http://example.org/a');
  });

  it.each([
    [
      'turtle',
      '@prefix s: <http://s/> .\n<a> s:b "c" ;\n  s:d e .\n',
      3,
      7,
      'Syntax error: Unexpected "e".',
    ],
    [
      'ntriples',
      '<http://a> <http://b> "c" .\n<http://a> <http://b> <c> .\n',
      2,
      23,
      'Syntax error: Invalid IRI.',
    ],
    ['nquads', '<http://a> <http://b> "c" <http://g> <http://h> .\n', 1, undefined, undefined],
    ['trig', '<http://g> { <http://a> <http://b> "c" \n', 2, undefined, undefined],
  ] as const)('locates a %s syntax error', async (format, text, line, column, message) => {
    const result = await parseRdf(text, format, { ...options, file: `in.${format}` });
    expect(result.quads).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'rdf/syntax',
      severity: 'error',
      file: `in.${format}`,
      line,
    });
    if (column !== undefined) expect(result.diagnostics[0]?.column).toBe(column);
    if (message !== undefined) expect(result.diagnostics[0]?.message).toBe(message);
  });

  it('locates an RDF/XML syntax error with line and column', async () => {
    const text =
      '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://s/">\n' +
      '<rdf:Description rdf:about="a"><s:b>c</s:b>\n</rdf:Descriptio>\n</rdf:RDF>';
    const result = await parseRdf(text, 'rdfxml', { ...options, file: 'in.rdf' });
    expect(result.diagnostics).toEqual([
      {
        code: 'rdf/syntax',
        severity: 'error',
        message: 'Syntax error: unexpected close tag.',
        file: 'in.rdf',
        line: 4,
        column: 17,
      },
    ]);
  });
});
