import type { Diagnostic } from '../../model/diagnostic.js';
import { formatDiagnosticLine } from './text.js';

/**
 * A JUnit XML report (the de-facto schema GitLab's `artifacts:reports:junit` and Jenkins' JUnit
 * plugin read): one `<testsuite>` per file with findings, one `<testcase>` per finding named by
 * its code. Errors are `<failure>`s, and so are warnings when `strict` (as the exit status
 * says); other findings are passing cases whose text is in `<system-out>`, so they are listed
 * without failing the pipeline. A clean run is one passing case, so the report is never empty.
 */
export function renderJunit(
  diagnostics: readonly Diagnostic[],
  options: { strict?: boolean } = {},
): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file ?? '(project)';
    byFile.set(file, [...(byFile.get(file) ?? []), diagnostic]);
  }
  const failing = (d: Diagnostic) =>
    d.severity === 'error' || (options.strict === true && d.severity === 'warning');
  const suites = [...byFile].map(([file, findings]) => {
    const failures = findings.filter(failing).length;
    const cases = findings.map((d) => {
      const line = formatDiagnosticLine(d);
      const body = failing(d)
        ? `<failure message="${escapeXml(d.message)}" type="${d.code}">${escapeXml(line)}</failure>`
        : `<system-out>${escapeXml(line)}</system-out>`;
      const where = d.line === undefined ? '' : `:${String(d.line)}:${String(d.column ?? 1)}`;
      return `    <testcase name="${escapeXml(`${d.code} ${file}${where}`)}" classname="${escapeXml(file)}" file="${escapeXml(file)}"${d.line === undefined ? '' : ` line="${String(d.line)}"`} time="0">${body}</testcase>`;
    });
    return [
      `  <testsuite name="${escapeXml(file)}" tests="${String(findings.length)}" failures="${String(failures)}" errors="0" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  if (suites.length === 0)
    suites.push(
      '  <testsuite name="profile-graph validate" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '    <testcase name="no findings" classname="profile-graph" time="0"/>\n' +
        '  </testsuite>',
    );
  const tests = Math.max(diagnostics.length, 1);
  const failures = diagnostics.filter(failing).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="profile-graph validate" tests="${String(tests)}" failures="${String(failures)}" errors="0" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

/**
 * Escapes text for an XML attribute or element (XML 1.0 §2.4), and drops the control
 * characters XML 1.0 cannot carry at all (§2.2), which a message quoting bad data may hold.
 */
function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}
