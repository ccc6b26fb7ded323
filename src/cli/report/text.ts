import type { Diagnostic } from '../../model/diagnostic.js';

/** Counts of diagnostics by severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts diagnostics by severity. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): Counts {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
}

/**
 * The human report: findings grouped by file (in the order given, which is sorted), a blank line
 * between files, then one summary line. Colours only when `color` is set (a TTY).
 */
export function renderText(
  diagnostics: readonly Diagnostic[],
  summary: { files: number; triples: number },
  color = false,
): string {
  const lines: string[] = [];
  let file: string | undefined;
  for (const diagnostic of diagnostics) {
    if (lines.length > 0 && diagnostic.file !== file) lines.push('');
    file = diagnostic.file;
    lines.push(formatDiagnosticLine(diagnostic, color));
  }
  const { errors, warnings, infos } = countDiagnostics(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file).filter(Boolean)).size;
  const parts = [
    plural(errors, 'error'),
    plural(warnings, 'warning'),
    ...(infos ? [plural(infos, 'info')] : []),
  ];
  const scope = `${plural(summary.files, 'file')}, ${plural(summary.triples, 'triple')}`;
  const where = diagnostics.length > 0 ? ` in ${plural(files, 'file')}` : '';
  if (lines.length > 0) lines.push('');
  lines.push(`${errors > 0 ? '✖' : '✔'} ${scope}: ${parts.join(', ')}${where}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One line per diagnostic: `path:line:col severity code message (hint)`, the form editors and
 * terminals turn into links. Location parts are left out when unknown.
 */
export function formatDiagnosticLine(diagnostic: Diagnostic, color = false): string {
  const location = [
    diagnostic.file,
    diagnostic.line,
    diagnostic.line === undefined ? undefined : diagnostic.column,
  ]
    .filter((part) => part !== undefined)
    .join(':');
  const severity = color ? paint(diagnostic.severity) : diagnostic.severity;
  const hint = diagnostic.hint ? ` (${diagnostic.hint})` : '';
  return `${location ? `${location} ` : ''}${severity} ${diagnostic.code} ${diagnostic.message}${hint}`;
}

function paint(severity: Diagnostic['severity']): string {
  const code = severity === 'error' ? 31 : severity === 'warning' ? 33 : 36;
  return `\u001b[${code}m${severity}\u001b[0m`;
}
