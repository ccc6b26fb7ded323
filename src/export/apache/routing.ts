import { escapeRegex } from '../negotiation-rules.js';
import { kinds } from '../offer-kinds.js';
import { PLACEHOLDER, type ReferenceBehaviour } from '../reference.js';
import { oneLine, orAll, quote } from './syntax.js';

/** Status texts, then methods, length and path hygiene, in respond()'s order. */
export function requestHygieneLines(reference: ReferenceBehaviour): string[] {
  const lines: string[] = [];
  lines.push(
    '',
    'RewriteEngine On',
    '',
    '# Status texts (serve: respond.ts); Apache sends them as one line.',
    `ErrorDocument 405 ${quote(oneLine(reference.text.methodNotAllowed).replace(PLACEHOLDER.method, '%{REQUEST_METHOD}'))}`,
    `ErrorDocument 414 ${quote(oneLine(reference.text.uriTooLong))}`,
    `ErrorDocument 400 ${quote(oneLine(reference.text.badPath))}`,
    `ErrorDocument 406 ${quote(oneLine(reference.notFound.notAcceptable.split('\n')[0] ?? 'Not Acceptable'))}`,
    '# Unknown paths: the 404 page in the negotiated format.',
    `ErrorDocument 404 ${reference.notFoundBase}.%{reqenv:PG_NOT_FOUND_EXTENSION}`,
    '',
    '# The 404 page (an ErrorDocument) is served as it is.',
    'RewriteCond %{ENV:REDIRECT_STATUS} .',
    'RewriteRule ^ - [END]',
    "# Methods, length and path hygiene, in respond()'s order.",
    'RewriteCond %{REQUEST_METHOD} =OPTIONS',
    'RewriteRule ^ - [R=204,END]',
    'RewriteCond %{REQUEST_METHOD} !^(?:GET|HEAD|OPTIONS)$',
    'RewriteRule ^ - [R=405,END]',
    `RewriteCond %{THE_REQUEST} ^\\S+\\s\\S{${reference.maxUrlLength + 1}}`,
    'RewriteRule ^ - [R=414,END]',
    'RewriteCond %{THE_REQUEST} ^\\S+\\s[^?\\s]*(?:/|%2f)(?:\\.|%2e){1,2}(?:/|%2f|\\?|\\s) [NC,OR]',
    'RewriteCond %{THE_REQUEST} ^\\S+\\s[^?\\s]*(?:\\\\|%5c|%00) [NC]',
    'RewriteRule ^ - [R=400,END]',
    '',
  );
  return lines;
}

/** Which resource the path names: the canonical path first (RDF-only resources and plain files by name, documents by their .html file), then a format URL whose file exists, else the 404 page. */
export function resourceLines(reference: ReferenceBehaviour): string[] {
  const lines: string[] = [];
  const kindsList = kinds(reference);
  lines.push(
    '# The canonical path first (RDF-only resources and plain files by name, documents by their',
    '# .html file), then a format URL whose file exists, else the 404 page.',
  );
  for (const path of reference.rdfPaths) {
    lines.push(
      `RewriteCond %{REQUEST_URI} ^${escapeRegex(path)}$`,
      `RewriteRule ^ - [E=PG_OFFERS:rdf,E=PG_BASE:${path}]`,
    );
  }
  for (const plain of reference.plain) {
    lines.push(
      `RewriteCond %{REQUEST_URI} ^${escapeRegex(plain.path)}$`,
      `RewriteRule ^ - [E=PG_OFFERS:plain,E=PG_BASE:${plain.path},E=PG_FORMAT:${plain.path}]`,
    );
  }
  const notDocument = [
    'RewriteCond %{ENV:PG_OFFERS} ^$',
    'RewriteCond %{REQUEST_URI} !^/\\.profile-graph(?:/|$)',
    `RewriteCond %{REQUEST_URI} !^${escapeRegex(reference.notFoundBase)}$`,
  ];
  // A path ending in /index is the root's location base, unless a document has that path.
  const notIndex = orAll([
    'RewriteCond %{REQUEST_URI} !(?:^|/)index$',
    ...reference.indexDocumentPaths.map(
      (path) => `RewriteCond %{REQUEST_URI} ^${escapeRegex(path)}$`,
    ),
  ]);
  lines.push(
    ...notDocument,
    'RewriteCond %{REQUEST_FILENAME}/index.html -f',
    'RewriteCond %{REQUEST_URI} ^(.*/)$',
    'RewriteRule ^ - [E=PG_OFFERS:doc,E=PG_BASE:%1index]',
    ...notDocument,
    ...notIndex,
    'RewriteCond %{REQUEST_FILENAME}.html -f',
    'RewriteCond %{REQUEST_URI} ^(.*[^/])$',
    'RewriteRule ^ - [E=PG_OFFERS:doc,E=PG_BASE:%1]',
  );
  const extensions = [
    ...new Set(
      kindsList.flatMap(([, t]) =>
        t.representations.filter((r) => !r.format.startsWith('jsonld-')).map((r) => r.extension),
      ),
    ),
  ];
  const formatOf = new Map(
    kindsList.flatMap(([, t]) =>
      t.representations
        .filter((r) => !r.format.startsWith('jsonld-'))
        .map((r) => [r.extension, r.format] as const),
    ),
  );
  for (const extension of extensions) {
    lines.push(
      'RewriteCond %{ENV:PG_OFFERS} ^$',
      'RewriteCond %{REQUEST_URI} !^/\\.profile-graph(?:/|$)',
      `RewriteCond %{REQUEST_URI} !^${escapeRegex(reference.notFoundBase)}\\.[^/]*$`,
      'RewriteCond %{REQUEST_FILENAME} -f',
      `RewriteCond %{REQUEST_URI} ^(.*/[^/]+)\\.${escapeRegex(extension)}$`,
      `RewriteRule ^ - [E=PG_OFFERS:doc,E=PG_BASE:%1,E=PG_FORMAT:${formatOf.get(extension) ?? extension}]`,
    );
  }
  for (const path of reference.rdfPaths) {
    lines.push(
      `RewriteCond %{ENV:PG_BASE} ^${escapeRegex(path)}$`,
      'RewriteCond %{ENV:PG_OFFERS} ^doc$',
      'RewriteRule ^ - [E=PG_OFFERS:rdf]',
    );
  }
  lines.push(
    'RewriteCond %{ENV:PG_OFFERS} ^$',
    `RewriteRule ^ - [E=PG_OFFERS:notfound,E=PG_BASE:${reference.notFoundBase}]`,
  );
  return lines;
}
