import type { Diagnostic } from '../model/diagnostic.js';

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
