import { describe, expect, it } from 'vitest';
import type { Code } from '../../../src/model/codes.js';
import { capPerFileAndCode, type Diagnostic } from '../../../src/model/diagnostic.js';

function finding(file: string, code: Code, line: number): Diagnostic {
  return { code, severity: 'error', message: `m${String(line)}`, file, line, column: 1 };
}

describe('capPerFileAndCode', () => {
  it('keeps the first findings of one code in one file, then one line saying how many more', () => {
    const diagnostics = [
      ...Array.from({ length: 5 }, (_, i) => finding('a.jsonld', 'vocab/unknown-property', i + 1)),
      finding('a.jsonld', 'vocab/domain', 9),
      ...Array.from({ length: 4 }, (_, i) => finding('b.jsonld', 'vocab/unknown-property', i + 1)),
    ];
    expect(capPerFileAndCode(diagnostics, 3)).toEqual([
      finding('a.jsonld', 'vocab/unknown-property', 1),
      finding('a.jsonld', 'vocab/unknown-property', 2),
      finding('a.jsonld', 'vocab/unknown-property', 3),
      {
        code: 'vocab/unknown-property',
        severity: 'error',
        message: '... and 2 more vocab/unknown-property in this file.',
        file: 'a.jsonld',
      },
      finding('a.jsonld', 'vocab/domain', 9),
      finding('b.jsonld', 'vocab/unknown-property', 1),
      finding('b.jsonld', 'vocab/unknown-property', 2),
      finding('b.jsonld', 'vocab/unknown-property', 3),
      {
        code: 'vocab/unknown-property',
        severity: 'error',
        message: '... and 1 more vocab/unknown-property in this file.',
        file: 'b.jsonld',
      },
    ]);
  });

  it('leaves findings at or under the limit alone', () => {
    const diagnostics = [
      finding('a.jsonld', 'io/not-found', 1),
      finding('a.jsonld', 'io/not-found', 2),
    ];
    expect(capPerFileAndCode(diagnostics, 2)).toEqual(diagnostics);
  });
});
