import { PLACEHOLDER, type ReferenceBehaviour } from '../reference.js';
import { headerVariable, preflightOnly, statusVariable } from './offers.js';
import { kinds } from '../offer-kinds.js';
import { HEADER, literal, template } from './syntax.js';

/**
 * `nginx/server.conf`: the routing, in the server-rewrite phase and in respond's order, and the
 * locations that send the chosen file with its headers.
 */
export function renderServer(reference: ReferenceBehaviour): string {
  const kindsList = kinds(reference);
  const types = new Map<string, string>();
  for (const [, template] of kindsList) {
    for (const r of template.representations) {
      if (r.format.startsWith('jsonld-')) continue;
      const known = types.get(r.extension);
      if (known !== undefined && known !== r.contentType)
        throw new Error(`two Content-Types for .${r.extension}: ${known}, ${r.contentType}`);
      types.set(r.extension, r.contentType);
    }
  }
  for (const plain of reference.plain) {
    const extension = plain.path.slice(plain.path.lastIndexOf('.') + 1);
    const known = types.get(extension);
    if (known !== undefined && known !== plain.contentType)
      throw new Error(`two Content-Types for .${extension}: ${known}, ${plain.contentType}`);
    types.set(extension, plain.contentType);
  }
  const typesBlock = (entries: readonly (readonly [string, string])[], indent: string) =>
    `${indent}types {\n${entries.map(([extension, type]) => `${indent}  ${literal(type)} ${extension};`).join('\n')}\n${indent}}\n${indent}default_type application/octet-stream;\n`;
  const forms = kindsList
    .flatMap(([, template]) => template.representations)
    .filter((r) => r.format.startsWith('jsonld-') && r.file.startsWith('/.profile-graph/'));
  const formLocations = [...new Map(forms.map((r) => [r.format, r])).values()].map((r) => {
    const folder = r.file.slice(0, r.file.indexOf(PLACEHOLDER.base));
    return `location ^~ ${folder}/ {\n${typesBlock([[r.extension, r.contentType]], '  ')}}\n`;
  });

  const headers: string[] = [];
  for (const [name, value] of Object.entries(reference.common)) {
    headers.push(
      reference.preflight[name] === value
        ? `add_header ${name} ${literal(value)} always;`
        : `add_header ${name} $${statusVariable(name)} always;`,
    );
  }
  headers.push(
    'add_header Cache-Control $pg_cache_control always;',
    'add_header Vary $pg_vary always;',
    'add_header Content-Location $pg_content_location_header always;',
    'add_header Link $pg_link_header always;',
    'add_header Content-Type $pg_not_modified_type always;',
    'add_header Allow $pg_allow always;',
  );
  for (const name of Object.keys(reference.html))
    headers.push(`add_header ${name} $${headerVariable(name)} always;`);
  for (const name of Object.keys(preflightOnly(reference)))
    headers.push(`add_header ${name} $${headerVariable(name)} always;`);

  const defaults = [
    'set $pg_offers "";',
    'set $pg_base "";',
    'set $pg_format "";',
    'set $pg_status 200;',
    'set $pg_vary "";',
    'set $pg_allow "";',
    'set $pg_preflight "";',
    'set $pg_negotiate "";',
    'set $pg_fixed "";',
  ];
  const text = reference.text;
  return `${HEADER}# Include inside the server { } whose root is this export (after maps.conf in http { }).
# It sets types, compression and validators for the whole server: keep other locations out.

charset off;
types { }
default_type "text/plain; charset=utf-8";
etag on;                   # nginx's own strong ETag (mtime-size), not serve's content hash
if_modified_since before;  # 304 when If-Modified-Since is at or after Last-Modified, as serve
max_ranges 0;              # serve sends whole representations only
gzip off;
gzip_static on;            # the .gz siblings: the bytes serve sends
gzip_vary off;             # Vary comes from the negotiation below
gzip_proxied any;
gzip_http_version 1.0;
# brotli_static on;        # needs the ngx_brotli module (Debian's nginx has none): uncomment
#                          # where it is loaded to send the .br siblings as serve does

${headers.join('\n')}

# Requests nginx refuses before any of this runs (bad percent-encoding, NUL, "/.." above the
# root, a request line over its buffer) come back through the routing with serve's texts.
error_page 400 /.profile-graph/bad-request;
error_page 414 /.profile-graph/uri-too-long;
error_page 404 @pg_not_found;

# --- Routing, in respond()'s order (server-rewrite phase: once per request) ---
${defaults.join('\n')}

if ($pg_refused = 400) {
  return 400 ${literal(text.badPath)};
}
if ($pg_refused = 414) {
  return 414 ${literal(text.uriTooLong)};
}
if ($request_method = OPTIONS) {
  set $pg_preflight 1;
  set $pg_allow ${literal(reference.allow)};
  return 204;
}
if ($request_method !~ "^(?:GET|HEAD)$") {
  set $pg_allow ${literal(reference.allow)};
  return 405 ${template(text.methodNotAllowed)};
}
if ($request_uri ~ "^.{${reference.maxUrlLength + 1}}") {
  return 414 ${literal(text.uriTooLong)};
}
if ($pg_bad_path) {
  return 400 ${literal(text.badPath)};
}

# The canonical path first (documents, RDF-only resources, plain files), then a format URL.
if ($pg_resource_offers) {
  set $pg_offers $pg_resource_offers;
  set $pg_base $uri;
}
if (-f $document_root$pg_doc_file) {
  set $pg_offers doc;
  set $pg_base $pg_doc_base;
}
if ($pg_offers = "") {
  set $pg_fixed $pg_fixed_file;
}
if (-f $document_root$pg_fixed) {
  set $pg_offers $pg_fixed_offers;
  set $pg_base $pg_ext_base;
  set $pg_format $pg_ext_format;
}
if ($pg_offers = "") {
  set $pg_offers notfound;
  set $pg_base ${literal(reference.notFoundBase)};
  set $pg_status 404;
}

# Which representation: a format URL or ?format= fixes it; otherwise the Accept header decides.
if ($pg_format = "") {
  set $pg_negotiate $pg_offers;
}
if ($pg_offers = plain) {
  set $pg_negotiate "";
  set $pg_format $uri;
}
if ($pg_has_format) {
  set $pg_negotiate "";
  set $pg_format $pg_query_choice;
}
set $pg_vary ${literal(reference.vary.fixed)};
if ($pg_negotiate) {
  set $pg_vary ${literal(reference.vary.negotiated)};
  set $pg_format $pg_negotiated;
}
if ($pg_format = 400) {
  set $pg_vary "";
  return 400 ${template(text.badAccept)};
}
if ($pg_format ~ "^406") {
  set $pg_vary ${literal(reference.vary.negotiated)};
  return 406 "$pg_406_body";
}
if ($pg_status = 404) {
  return 404;
}
rewrite ^ $pg_file break;

location / {
${typesBlock([...types.entries()], '  ')}}

${formLocations.join('\n')}
location @pg_not_found {
${typesBlock([...types.entries()], '  ')}  rewrite ^ $pg_file break;
}
`;
}
