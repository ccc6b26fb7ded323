import { CODES, type Code } from './codes.js';

/**
 * The code's title as a SARIF `rule.name`: an identifier a person can read, the way SARIF
 * §3.49.7 shows it (`DisposeObjectsBeforeLosingScope`). 'Unknown schema.org property' becomes
 * `UnknownSchemaOrgProperty`.
 */
export function codeRuleName(code: Code): string {
  return CODES[code].title
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The anchor of the code's heading in `docs/codes.md` as GitHub renders it: lower case, with
 * everything but letters, digits, `-` and `_` dropped (`syntax/invalid-json` →
 * `syntaxinvalid-json`).
 */
export function codeAnchor(code: Code): string {
  return code.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/** The code's help as plain text: what it means and its default severity. */
export function codeHelpText(code: Code): string {
  const info = CODES[code];
  return `${info.title} (${code}, ${info.severity} by default). ${info.description}`;
}

/**
 * The code's help as CommonMark (SARIF `help.markdown`, and one entry of `docs/codes.md`):
 * title and default severity in bold, then the description with Markdown's special characters
 * escaped, so `shapes/*.ttl` stays literal.
 */
export function codeHelpMarkdown(code: Code): string {
  const info = CODES[code];
  return `**${escapeMarkdown(info.title)}** · \`${code}\` · ${info.severity} by default\n\n${escapeMarkdown(info.description)}`;
}

/**
 * `docs/codes.md`: every code of the registry, grouped by area in registry order. A test keeps
 * the committed file equal to this text (`npm run gen:codes` rewrites it).
 */
export function renderCodesMarkdown(): string {
  const byArea = new Map<string, Code[]>();
  for (const code of Object.keys(CODES) as Code[]) {
    const area = code.slice(0, code.indexOf('/'));
    byArea.set(area, [...(byArea.get(area) ?? []), code]);
  }
  const sections = [...byArea].map(
    ([area, codes]) =>
      `## ${area}/\n\n` +
      codes.map((code) => `### ${code}\n\n${codeHelpMarkdown(code)}\n`).join('\n'),
  );
  return (
    '# Diagnostic codes\n\n' +
    '<!-- Generated from src/model/codes.ts by `npm run gen:codes`; do not edit by hand. -->\n\n' +
    'Every finding profile-graph reports carries one of these stable codes. The severity is the ' +
    'default; `--strict` makes warnings fail a run too. SARIF output (`--format sarif`) carries ' +
    'the same text as rule help.\n\n' +
    sections.join('\n')
  );
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
