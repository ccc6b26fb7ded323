import { describe, expect, it } from 'vitest';
import { locate, parseSourceBytes, parseSourceFile } from '../../../src/load/source-file.js';
import { MAX_JSON_DEPTH } from '../../../src/load/strict-json.js';
import { MAX_FINDINGS_PER_CODE } from '../../../src/model/diagnostic.js';

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

  it.each([
    ['a raw NUL', '{\n  "name": "Ada\u0000L"\n}', 'syntax/control-character', 2, 15],
    ['a raw tab', '{"name": "A\tB"}', 'syntax/control-character', 1, 12],
    ['a raw newline', '{"name": "A\nB", "x": 1e999}', 'syntax/control-character', 1, 12],
    ['a lone high surrogate', '{\n  "name": "x\\ud800"\n}', 'syntax/lone-surrogate', 2, 13],
    ['a lone low surrogate', '{"name": "\\uDC00\\uD800"}', 'syntax/lone-surrogate', 1, 11],
    ['a number beyond a double', '{\n  "height": 1e999\n}', 'syntax/number-out-of-range', 2, 13],
    ['a negative one', '[1, -2.5E+400]', 'syntax/number-out-of-range', 1, 5],
  ])(
    'rejects %s, which a JSON parser would accept and alter, at its position',
    (_name, text, code, line, column) => {
      const result = parseSourceFile('data/a.jsonld', text);
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({
        code,
        severity: 'error',
        file: 'data/a.jsonld',
        line,
        column,
      });
    },
  );

  it('reports the raw newline and the number after it on their own lines', () => {
    const result = parseSourceFile('a.json', '{"name": "A\nB", "x": 1e999}');
    expect(result.diagnostics.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: 'syntax/control-character', line: 1, column: 12 },
      { code: 'syntax/number-out-of-range', line: 2, column: 10 },
    ]);
  });

  it.each([
    ['a surrogate pair', '{"a": "\\ud83d\\ude00"}'],
    ['escaped control characters', '{"a": "\\u0000\\t\\n\\"\\\\"}'],
    ['large finite numbers', '[1.7976931348623157e308, -1e-999, 0]'],
    ['brackets and digits inside strings', '{"a": "[[[[ 1e999 \\ud800"}'.replace('\\ud800', 'x')],
    [
      `${String(MAX_JSON_DEPTH)} levels of nesting`,
      '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH),
    ],
  ])('accepts %s', (_name, text) => {
    const result = parseSourceFile('a.json', text);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('rejects 100,000 levels of nesting at the first too-deep bracket, without overflowing the stack', () => {
    const text = `{"a":\n${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const result = parseSourceFile('deep.json', text);
    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'syntax/too-deep',
          severity: 'error',
          message: `Arrays and objects nest deeper than ${String(MAX_JSON_DEPTH)} levels here.`,
          file: 'deep.json',
          line: 2,
          column: MAX_JSON_DEPTH,
        },
      ],
    });
  });

  it('reports the first findings of one code, then how many more', () => {
    const text = JSON.stringify({ a: 'x' }).replace(
      'x',
      '\u0001'.repeat(MAX_FINDINGS_PER_CODE + 15),
    );
    const result = parseSourceFile('n.json', text);
    expect(result.diagnostics).toHaveLength(MAX_FINDINGS_PER_CODE + 1);
    expect(result.diagnostics.at(-1)).toEqual({
      code: 'syntax/control-character',
      severity: 'error',
      message: '... and 15 more syntax/control-character in this file.',
      file: 'n.json',
    });
  });
});

describe('parseSourceBytes', () => {
  it('decodes UTF-8, keeping every character', () => {
    const result = parseSourceBytes('a.json', Buffer.from('{"name": "Zoë 😀"}'));
    if (!result.ok) throw new Error('expected to parse');
    expect(result.source.json).toEqual({ name: 'Zoë 😀' });
  });

  it.each([
    [
      'a Latin-1 byte',
      Buffer.from([...Buffer.from('{\n  "n": "Zoë L'), 0xe9, ...Buffer.from('"}')]),
      'E9',
      2,
      14,
    ],
    ['a truncated sequence', Buffer.from([0x5b, 0x22, 0xe2, 0x82, 0x22, 0x5d]), 'E2', 1, 3],
    ['an encoded surrogate', Buffer.from([0x5b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x5d]), 'ED', 1, 3],
    ['an overlong form', Buffer.from([0x5b, 0x22, 0xc0, 0xaf, 0x22, 0x5d]), 'C0', 1, 3],
  ])(
    'rejects %s at its line and column instead of replacing it by U+FFFD',
    (_name, bytes, hex, line, column) => {
      const result = parseSourceBytes('data/l.jsonld', bytes);
      expect(result.ok).toBe(false);
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: 'syntax/invalid-utf8',
          file: 'data/l.jsonld',
          line,
          column,
        }),
      ]);
      expect(result.diagnostics[0]?.message).toContain(`0x${hex}`);
    },
  );
});
