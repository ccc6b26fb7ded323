import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../../src/cli/report/github.js';
import { renderSarif } from '../../../src/cli/report/sarif.js';
import { renderText } from '../../../src/cli/report/text.js';
import { CODES } from '../../../src/model/codes.js';
import { codeHelpMarkdown, codeHelpText } from '../../../src/model/codes-doc.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';

const DIAGNOSTICS: Diagnostic[] = [
  {
    code: 'vocab/unknown-property',
    severity: 'error',
    message: 'Unknown schema.org property "almuniOf".',
    hint: 'did you mean "alumniOf"?',
    file: 'data/people/ada.jsonld',
    pointer: '/almuniOf',
    line: 8,
    column: 3,
  },
  {
    code: 'shacl/warning',
    severity: 'warning',
    message: 'Google recommends an image, for the profile: 50%, really',
    file: 'data/profile.jsonld',
    pointer: '',
    line: 1,
    column: 1,
    focusNode: 'http://localhost:8080/',
  },
];

describe('renderText', () => {
  it('groups by file and ends with a summary line', () => {
    expect(renderText(DIAGNOSTICS, { files: 3, triples: 20 })).toBe(
      'data/people/ada.jsonld:8:3 error vocab/unknown-property Unknown schema.org property "almuniOf". (did you mean "alumniOf"?)\n' +
        '\n' +
        'data/profile.jsonld:1:1 warning shacl/warning Google recommends an image, for the profile: 50%, really\n' +
        '\n' +
        '✖ 3 files, 20 triples: 1 error, 1 warning in 2 files\n',
    );
  });

  it('says so when everything is clean', () => {
    expect(renderText([], { files: 1, triples: 1 })).toBe(
      '✔ 1 file, 1 triple: 0 errors, 0 warnings\n',
    );
  });

  it('colours severities only when asked (a TTY)', () => {
    expect(renderText(DIAGNOSTICS, { files: 1, triples: 1 }, true)).toContain(
      '\u001b[31merror\u001b[0m',
    );
  });
});

describe('renderGithub', () => {
  it('writes one workflow command per finding, escaping as the runner requires', () => {
    expect(renderGithub(DIAGNOSTICS)).toBe(
      '::error file=data/people/ada.jsonld,line=8,col=3,title=vocab/unknown-property::Unknown schema.org property "almuniOf". (did you mean "alumniOf"?)\n' +
        '::warning file=data/profile.jsonld,line=1,col=1,title=shacl/warning::Google recommends an image, for the profile: 50%25, really\n',
    );
  });
});

describe('renderSarif', () => {
  const log = JSON.parse(renderSarif(DIAGNOSTICS, '1.2.3')) as {
    runs: {
      tool: { driver: { rules: { id: string }[] } };
      results: Record<string, unknown>[];
      originalUriBaseIds?: unknown;
    }[];
  };

  it('is valid SARIF 2.1.0 (checked against the OASIS JSON schema)', () => {
    const require = createRequire(import.meta.url);
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // ajv-draft-04 is CommonJS with `exports.default`; under NodeNext the class is `.default`.
    const AjvDraft04 = ajvDraft04.default;
    const ajv = new AjvDraft04({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // The schema really constrains: a log whose result lacks a message is rejected.
    expect(
      validate({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'x' }] }],
      }),
    ).toBe(false);
  });

  it('documents every emitted code as a rule, from the one registry (SPARQL codes too)', () => {
    const sparql = JSON.parse(
      renderSarif([{ code: 'sparql/timeout', severity: 'error', message: 'Too slow.' }], '1.2.3'),
    ) as { runs: { tool: { driver: { rules: unknown[] } } }[] };
    expect(sparql.runs[0]?.tool.driver.rules).toEqual([
      {
        id: 'sparql/timeout',
        name: 'QueryTimedOut',
        shortDescription: { text: 'Query timed out' },
        fullDescription: { text: CODES['sparql/timeout'].description },
        help: {
          text: codeHelpText('sparql/timeout'),
          markdown: codeHelpMarkdown('sparql/timeout'),
        },
        defaultConfiguration: { level: 'error' },
      },
    ]);
    expect(JSON.stringify(log)).not.toMatch(/helpUri|https?:\/\/(?!json\.schemastore|localhost)/);
  });

  it('resolves file locations against %SRCROOT%, the project folder', () => {
    expect(log.runs[0]?.originalUriBaseIds).toEqual({
      '%SRCROOT%': {
        description: {
          text: 'The project folder (holding profile-graph.config.json, data/ and shapes/).',
        },
      },
    });
  });

  it('maps each finding to a rule, level and physical location', () => {
    expect(log.runs[0]?.tool.driver.rules.map((rule) => rule.id)).toEqual([
      'shacl/warning',
      'vocab/unknown-property',
    ]);
    expect(log.runs[0]?.results[0]).toEqual({
      ruleId: 'vocab/unknown-property',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'Unknown schema.org property "almuniOf". (did you mean "alumniOf"?)' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'data/people/ada.jsonld', uriBaseId: '%SRCROOT%' },
            region: { startLine: 8, startColumn: 3 },
          },
          logicalLocations: [{ fullyQualifiedName: '/almuniOf', kind: 'member' }],
        },
      ],
    });
    expect(log.runs[0]?.results[1]).toMatchObject({
      level: 'warning',
      properties: { focusNode: 'http://localhost:8080/' },
    });
  });
});
