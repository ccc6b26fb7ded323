import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../../src/model/codes.js';
import {
  codeHelpMarkdown,
  codeRuleName,
  renderCodesMarkdown,
} from '../../../src/model/codes-doc.js';

const ALL = Object.keys(CODES) as Code[];

describe('CODES', () => {
  it.each(ALL)('%s is area/kebab-case with a title and a sentence of description', (code) => {
    expect(code).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
    const { title, description } = CODES[code];
    // A title is a name for dashboards: short, no sentence punctuation.
    expect(title.length).toBeGreaterThan(3);
    expect(title.length).toBeLessThanOrEqual(40);
    expect(title).not.toMatch(/\.$/);
    expect(description).toMatch(/^[A-Z].*\.$/s);
  });

  it('gives every code its own title and rule name', () => {
    expect(new Set(ALL.map((code) => CODES[code].title)).size).toBe(ALL.length);
    expect(new Set(ALL.map(codeRuleName)).size).toBe(ALL.length);
  });

  it('holds the SPARQL codes too (one registry)', () => {
    expect(CODES['sparql/timeout']).toMatchObject({ severity: 'error', title: 'Query timed out' });
  });
});

describe('codeRuleName', () => {
  it('makes an identifier of the title', () => {
    expect(codeRuleName('vocab/unknown-property')).toBe('UnknownSchemaOrgProperty');
    expect(codeRuleName('syntax/invalid-utf8')).toBe('InvalidUTF8');
  });
});

describe('codeHelpMarkdown', () => {
  it('escapes what Markdown would read as emphasis', () => {
    expect(codeHelpMarkdown('shacl/violation')).toBe(
      '**SHACL violation** · `shacl/violation` · error by default\n\n' +
        'A SHACL shape in shapes/\\*.ttl reports a violation (sh:Violation).',
    );
  });
});

describe('docs/codes.md', () => {
  it('is the text generated from the registry (npm run gen:codes rewrites it)', async () => {
    const text = renderCodesMarkdown();
    for (const code of ALL) expect(text).toContain(`### ${code}\n`);
    await expect(text).toMatchFileSnapshot('../../../docs/codes.md');
  });
});
