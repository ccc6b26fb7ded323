import type { Diagnostic } from '../../model/diagnostic.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), one per
 * finding, so findings appear inline on pull requests. Values are escaped as the Actions
 * runner requires (`%`, `\r`, `\n`; plus `:` and `,` in properties).
 */
export function renderGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const command =
        d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const properties = [
        d.file === undefined ? undefined : `file=${escapeProperty(d.file)}`,
        d.line === undefined ? undefined : `line=${d.line}`,
        d.column === undefined ? undefined : `col=${d.column}`,
        `title=${escapeProperty(d.code)}`,
      ].filter((part) => part !== undefined);
      const message = d.hint ? `${d.message} (${d.hint})` : d.message;
      return `::${command} ${properties.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
