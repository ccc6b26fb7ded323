import { escapeRegex } from '../negotiation-rules.js';
import { kinds } from '../offer-kinds.js';
import { PLACEHOLDER, type ReferenceBehaviour } from '../reference.js';
import { quote } from './syntax.js';

/** Content types as serve sends them, for every extension, its .gz and .br siblings and the JSON-LD forms. */
export function contentTypeLines(reference: ReferenceBehaviour): string[] {
  const lines: string[] = [
    '# Content types as serve sends them; .gz and .br siblings are the same types, encoded.',
  ];
  const kindsList = kinds(reference);
  const types = new Map<string, string>();
  for (const [, template] of kindsList)
    for (const r of template.representations)
      if (!r.format.startsWith('jsonld-')) types.set(r.extension, r.contentType);
  for (const plain of reference.plain)
    types.set(plain.path.slice(plain.path.lastIndexOf('.') + 1), plain.contentType);
  for (const [extension, type] of types) lines.push(`AddType ${quote(type)} .${extension}`);
  lines.push('AddEncoding gzip .gz', 'AddEncoding br .br');
  // mime.types gives .gz a type of its own (application/gzip), which would win over the inner one.
  for (const [extension, type] of types)
    lines.push(
      `<FilesMatch "\\.${escapeRegex(extension)}\\.(?:gz|br)$">`,
      `  ForceType ${quote(type)}`,
      '</FilesMatch>',
    );
  lines.push('');
  const forms = kindsList
    .flatMap(([, template]) => template.representations)
    .filter((r) => r.format.startsWith('jsonld-') && r.file.startsWith('/.profile-graph/'));
  for (const form of new Map(forms.map((r) => [r.format, r])).values()) {
    const folder = form.file.slice(1, form.file.indexOf(PLACEHOLDER.base));
    lines.push(
      `<If "%{REQUEST_URI} =~ m#^/${folder}/#">`,
      `  ForceType ${quote(form.contentType)}`,
      '</If>',
    );
  }
  return lines;
}
