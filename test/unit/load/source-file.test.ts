import { describe, expect, it } from 'vitest';
import { locate, parseSourceFile } from '../../../src/load/source-file.js';

describe('parseSourceFile', () => {
  it('records the line and column of every pointer (keys for members, values for elements)', () => {
    const text = '{\n  "name": "A",\n  "worksFor": [\n    { "@id": "x" },\n    "y"\n  ]\n}\n';
    const result = parseSourceFile('data/a.jsonld', text);
    if (!result.ok) throw new Error('expected to parse');
    expect(result.source.json).toEqual({ name: 'A', worksFor: [{ '@id': 'x' }, 'y'] });
    expect(locate(result.source, '')).toEqual({ line: 1, column: 1 });
    expect(locate(result.source, '/name')).toEqual({ line: 2, column: 3 });
    expect(locate(result.source, '/worksFor/0')).toEqual({ line: 4, column: 5 });
    expect(locate(result.source, '/worksFor/0/@id')).toEqual({ line: 4, column: 7 });
    expect(locate(result.source, '/worksFor/1')).toEqual({ line: 5, column: 5 });
  });

  it('falls back to the closest enclosing value for a pointer that does not exist', () => {
    const result = parseSourceFile('a.json', '{\n  "a": {\n    "b": 1\n  }\n}');
    if (!result.ok) throw new Error('expected to parse');
    expect(locate(result.source, '/a/missing')).toEqual({ line: 2, column: 3 });
  });

  it('escapes "/" and "~" in keys as RFC 6901 requires', () => {
    const result = parseSourceFile('a.json', '{"a/b": {"c~d": 1}}');
    if (!result.ok) throw new Error('expected to parse');
    expect(result.source.positions.has('/a~1b/c~0d')).toBe(true);
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'Invalid JSON: Unexpected token RBrace found.'],
    ['{\n  "a": [1,, 2]\n}', 2, 11, 'Invalid JSON: Unexpected token Comma found.'],
    ['', 1, 1, 'Invalid JSON: Unexpected end of input found.'],
    ['{"a": 1} x', 1, 10, "Invalid JSON: Unexpected character 'x' found."],
  ])('reports %j as one located syntax error', (text, line, column, message) => {
    const result = parseSourceFile('data/bad.jsonld', text);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        code: 'syntax/invalid-json',
        severity: 'error',
        message,
        file: 'data/bad.jsonld',
        line,
        column,
      },
    ]);
  });

  it('reports a duplicate key, which JSON-LD processors would silently collapse', () => {
    const result = parseSourceFile('d.json', '{\n  "name": "A",\n  "name": "B"\n}');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'syntax/duplicate-key',
        file: 'd.json',
        pointer: '/name',
        line: 3,
        column: 3,
      }),
    ]);
  });

  it('ignores a UTF-8 byte-order mark', () => {
    const result = parseSourceFile('bom.json', '\uFEFF{"a": 1}');
    expect(result.ok).toBe(true);
  });
});
