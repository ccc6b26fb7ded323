import { CODES, type CodeInfo } from '../../model/codes.js';
import type { Diagnostic } from '../../model/diagnostic.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * A SARIF 2.1.0 log (OASIS), for code-scanning dashboards: one run, one rule per diagnostic
 * code that occurs (with its documentation from `model/codes.ts`), one result per finding with
 * its physical location (file, line, column) and, for graph findings, the focus node.
 */
export function renderSarif(diagnostics: readonly Diagnostic[], version: string): string {
  const ruleIds = [...new Set(diagnostics.map((d) => d.code))].sort();
  const rules = ruleIds.map((id) => {
    const info = (CODES as Record<string, CodeInfo | undefined>)[id];
    return {
      id,
      shortDescription: { text: info?.description ?? id },
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'error'] },
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
                artifactLocation: { uri: d.file },
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
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
