import { CODES } from '../../model/codes.js';
import { codeAnchor, codeHelpMarkdown, codeHelpText, codeRuleName } from '../../model/codes-doc.js';
import type { Diagnostic } from '../../model/diagnostic.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * Diagnostic paths are relative to the working directory (see `relativeToCwd`); SARIF §3.14.14
 * lets a log name that base without an absolute `uri`, which keeps the log the same on every
 * machine. Code-scanning services resolve `%SRCROOT%` to the checkout, where CI runs.
 */
const SRCROOT = '%SRCROOT%';

/**
 * A SARIF 2.1.0 log (OASIS), for code-scanning dashboards: one run, one rule per diagnostic
 * code that occurs (name, descriptions and help written from `model/codes.ts`, and a
 * `helpUri` to the code's entry on `codesPageUrl`, the published `docs/codes.md`, when given),
 * one result per finding with its `ruleIndex`, its physical location (file relative to
 * `%SRCROOT%`, line, column) and, for graph findings, the focus node.
 */
export function renderSarif(
  diagnostics: readonly Diagnostic[],
  version: string,
  codesPageUrl?: string,
): string {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = ruleIds.map((id) => {
    const info = CODES[id];
    return {
      id,
      name: codeRuleName(id),
      shortDescription: { text: info.title },
      fullDescription: { text: info.description },
      ...(codesPageUrl === undefined ? {} : { helpUri: `${codesPageUrl}#${codeAnchor(id)}` }),
      help: { text: codeHelpText(id), markdown: codeHelpMarkdown(id) },
      defaultConfiguration: { level: LEVEL[info.severity] },
    };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIds.indexOf(d.code),
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
    ...(d.file === undefined || d.file === '-'
      ? {}
      : {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file, uriBaseId: SRCROOT },
                ...(d.line === undefined
                  ? {}
                  : {
                      region: {
                        startLine: d.line,
                        ...(d.column === undefined ? {} : { startColumn: d.column }),
                      },
                    }),
              },
              ...(d.pointer === undefined
                ? {}
                : { logicalLocations: [{ fullyQualifiedName: d.pointer, kind: 'member' }] }),
            },
          ],
        }),
    ...(d.focusNode === undefined ? {} : { properties: { focusNode: d.focusNode } }),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'profile-graph', version, rules } },
        originalUriBaseIds: {
          [SRCROOT]: {
            description: {
              text: 'The working directory validate ran in (in CI, the checkout).',
            },
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
