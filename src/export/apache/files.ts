import { kinds } from '../offer-kinds.js';
import { PLACEHOLDER, type ReferenceBehaviour } from '../reference.js';
import { accepts } from './syntax.js';

/** Errors, then the chosen file, its precompressed sibling first when the client takes it. */
export function fileLines(reference: ReferenceBehaviour): string[] {
  const lines: string[] = [];
  const kindsList = kinds(reference);
  lines.push(
    '',
    '# Errors, then the file.',
    'RewriteCond %{ENV:PG_FORMAT} =400',
    'RewriteRule ^ - [R=400,END]',
    'RewriteCond %{ENV:PG_FORMAT} ^406',
    'RewriteRule ^ - [R=406,END,E=PG_VARY:1]',
  );
  lines.push(
    '# Precompressed siblings when the client takes them (serve: br, then gzip).',
    `RewriteCond %{HTTP:Accept-Encoding} ${accepts('br')} [NC]`,
    'RewriteRule ^ - [E=PG_BR:1]',
    `RewriteCond %{HTTP:Accept-Encoding} ${accepts('gzip')} [NC]`,
    'RewriteRule ^ - [E=PG_GZIP:1]',
  );
  for (const [kind, template] of kindsList) {
    for (const r of template.representations) {
      const key = `E=PG_KEY:${kind}:${r.format}`;
      const chosen = `RewriteCond %{ENV:PG_OFFERS}:%{ENV:PG_FORMAT} =${kind}:${r.format}`;
      if (kind === 'notfound') {
        lines.push(
          chosen,
          `RewriteRule ^ - [R=404,END,E=PG_NOT_FOUND_EXTENSION:${r.extension},${key}]`,
        );
        continue;
      }
      const file = r.file.replace(PLACEHOLDER.base, '%{ENV:PG_BASE}');
      for (const [flag, suffix] of [
        ['PG_BR', '.br'],
        ['PG_GZIP', '.gz'],
      ] as const) {
        lines.push(
          chosen,
          `RewriteCond %{ENV:${flag}} =1`,
          `RewriteCond %{DOCUMENT_ROOT}${file}${suffix} -f`,
          `RewriteRule ^ ${file}${suffix} [END,${key},E=no-gzip:1]`,
        );
      }
      lines.push(chosen, `RewriteRule ^ ${file} [END,${key}]`);
    }
  }
  for (const plain of reference.plain) {
    const key = `E=PG_KEY:plain:${plain.path}`;
    for (const [flag, suffix] of [
      ['PG_BR', '.br'],
      ['PG_GZIP', '.gz'],
    ] as const) {
      lines.push(
        `RewriteCond %{ENV:PG_FORMAT} =${plain.path}`,
        `RewriteCond %{ENV:${flag}} =1`,
        `RewriteCond %{DOCUMENT_ROOT}${plain.path}${suffix} -f`,
        `RewriteRule ^ ${plain.path}${suffix} [END,${key},E=no-gzip:1]`,
      );
    }
    lines.push(
      `RewriteCond %{ENV:PG_FORMAT} =${plain.path}`,
      `RewriteRule ^ ${plain.path} [END,${key}]`,
    );
  }
  return lines;
}
