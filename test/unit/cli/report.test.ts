import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../../src/cli/report/github.js';
import { renderJunit } from '../../../src/cli/report/junit.js';
import { relativeToCwd } from '../../../src/cli/report/paths.js';
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

  it("links each rule to its code's entry in the published docs/codes.md when given", () => {
    const linked = JSON.parse(
      renderSarif(DIAGNOSTICS, '1.2.3', 'https://example.org/docs/codes.md'),
    ) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    expect(linked.runs[0]?.tool.driver.rules.map((rule) => [rule.id, rule.helpUri])).toEqual([
      ['shacl/warning', 'https://example.org/docs/codes.md#shaclwarning'],
      ['vocab/unknown-property', 'https://example.org/docs/codes.md#vocabunknown-property'],
    ]);
  });

  it('resolves file locations against %SRCROOT%, the working directory', () => {
    expect(log.runs[0]?.originalUriBaseIds).toEqual({
      '%SRCROOT%': {
        description: { text: 'The working directory validate ran in (in CI, the checkout).' },
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

describe('renderJunit', () => {
  it('writes one suite per file and one case per finding; only errors fail', () => {
    expect(renderJunit(DIAGNOSTICS)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="profile-graph validate" tests="2" failures="1" errors="0" time="0">\n' +
        '  <testsuite name="data/people/ada.jsonld" tests="1" failures="1" errors="0" skipped="0" time="0">\n' +
        '    <testcase name="vocab/unknown-property data/people/ada.jsonld:8:3" classname="data/people/ada.jsonld" file="data/people/ada.jsonld" line="8" time="0">' +
        '<failure message="Unknown schema.org property &quot;almuniOf&quot;." type="vocab/unknown-property">' +
        'data/people/ada.jsonld:8:3 error vocab/unknown-property Unknown schema.org property &quot;almuniOf&quot;. (did you mean &quot;alumniOf&quot;?)' +
        '</failure></testcase>\n' +
        '  </testsuite>\n' +
        '  <testsuite name="data/profile.jsonld" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '    <testcase name="shacl/warning data/profile.jsonld:1:1" classname="data/profile.jsonld" file="data/profile.jsonld" line="1" time="0">' +
        '<system-out>data/profile.jsonld:1:1 warning shacl/warning Google recommends an image, for the profile: 50%, really</system-out>' +
        '</testcase>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });

  it('fails warnings too under --strict', () => {
    expect(renderJunit(DIAGNOSTICS, { strict: true })).toMatch(
      /<testsuites [^>]*failures="2"[\s\S]*<failure message="Google recommends/,
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const xml = renderJunit([
      {
        code: 'syntax/invalid-json',
        severity: 'error',
        message: 'Bad <b> & \u0001 "x"',
        file: 'a&b.json',
      },
    ]);
    expect(xml).toContain('message="Bad &lt;b&gt; &amp; \uFFFD &quot;x&quot;"');
    expect(xml).toContain('<testsuite name="a&amp;b.json"');
  });

  it('is one passing case when there are no findings, so CI shows a report', () => {
    expect(renderJunit([])).toContain(
      '<testcase name="no findings" classname="profile-graph" time="0"/>',
    );
  });
});

describe('relativeToCwd', () => {
  it('rewrites project-relative paths against the working directory', () => {
    const moved = relativeToCwd(
      [
        ...DIAGNOSTICS,
        { code: 'usage/invalid', severity: 'error', message: 'stdin', file: '-' },
        { code: 'usage/invalid', severity: 'error', message: 'no file' },
      ],
      '/repo/site',
      '/repo',
    );
    expect(moved.map((d) => d.file)).toEqual([
      'site/data/people/ada.jsonld',
      'site/data/profile.jsonld',
      '-',
      undefined,
    ]);
  });

  it('keeps a path outside the working directory absolute', () => {
    expect(relativeToCwd(DIAGNOSTICS, '/elsewhere', '/repo')[0]?.file).toBe(
      '/elsewhere/data/people/ada.jsonld',
    );
  });
});
