import { ProfileGraphError } from '../model/diagnostic.js';
import { NS, RDF_TYPE, type Quad, type Term } from './data-factory.js';

/**
 * Writes RDF/XML (RDF 1.1 XML Syntax) for quads of the default graph, already sorted: one
 * `rdf:Description` per subject, predicates as qualified names with prefixes declared once on
 * `rdf:RDF`, literals as element text with `xml:lang` / `rdf:datatype`.
 *
 * Why not a library: n3 has no RDF/XML writer, and Oxigraph's (the maintained one on npm)
 * goes through its store, which canonicalises typed literals (`"020"^^xsd:integer` becomes
 * `"20"`), so the output would not round-trip to the same graph. This writer is lossless and
 * tested by round trip through rdfxml-streaming-parser.
 *
 * Refuses (ProfileGraphError `rdf/not-representable`) what RDF/XML cannot express: a predicate
 * IRI with no XML-name local part, or characters XML 1.0 forbids.
 */
export function writeRdfXml(
  quads: readonly Quad[],
  prefixes: Readonly<Record<string, string>>,
): string {
  const namespaces = new Map<string, string>([[NS.rdf, 'rdf']]);
  for (const [prefix, iri] of Object.entries(prefixes))
    if (!namespaces.has(iri)) namespaces.set(iri, prefix);
  const used = new Set<string>([NS.rdf]);
  let generated = 0;
  const qname = (iri: string): string => {
    const split = splitIri(iri);
    if (!split) throw notRepresentable(`predicate <${iri}> has no XML name as its last part`);
    let prefix = namespaces.get(split.namespace);
    if (prefix === undefined) {
      do prefix = `ns${++generated}`;
      while ([...namespaces.values()].includes(prefix));
      namespaces.set(split.namespace, prefix);
    }
    used.add(split.namespace);
    return `${prefix}:${split.local}`;
  };

  const body: string[] = [];
  let current: Term | undefined;
  for (const q of quads) {
    if (!current?.equals(q.subject)) {
      if (current) body.push('  </rdf:Description>');
      current = q.subject;
      body.push(`  <rdf:Description ${nodeAttribute(q.subject, 'about')}>`);
    }
    const name = q.predicate.value === RDF_TYPE ? 'rdf:type' : qname(q.predicate.value);
    body.push(`    ${propertyElement(name, q.object)}`);
  }
  if (current) body.push('  </rdf:Description>');

  const declarations = [...namespaces]
    .filter(([iri]) => used.has(iri))
    .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([iri, prefix]) => `\n    xmlns:${prefix}="${escapeAttribute(iri)}"`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${declarations}>\n${body.map((line) => `${line}\n`).join('')}</rdf:RDF>\n`;
}

function nodeAttribute(term: Term, iriAttribute: 'about' | 'resource'): string {
  return term.termType === 'BlankNode'
    ? `rdf:nodeID="${escapeAttribute(term.value)}"`
    : `rdf:${iriAttribute}="${escapeAttribute(term.value)}"`;
}

function propertyElement(name: string, object: Term): string {
  if (object.termType !== 'Literal') return `<${name} ${nodeAttribute(object, 'resource')}/>`;
  const language = object.language ? ` xml:lang="${escapeAttribute(object.language)}"` : '';
  const datatype =
    !object.language && object.datatype.value !== `${NS.xsd}string`
      ? ` rdf:datatype="${escapeAttribute(object.datatype.value)}"`
      : '';
  return `<${name}${language}${datatype}>${escapeText(object.value)}</${name}>`;
}

// XML 1.0 §2.3 NCName (no colon); start characters exclude digits, "-" and ".".
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// eslint-disable-next-line no-misleading-character-class -- ranges of combining marks are XML name characters
const LOCAL_NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*$`, 'u');

/** Splits an IRI into namespace + the longest XML-name suffix, or undefined if there is none. */
function splitIri(iri: string): { namespace: string; local: string } | undefined {
  const match = LOCAL_NAME.exec(iri);
  if (!match || match.index === 0) return undefined;
  return { namespace: iri.slice(0, match.index), local: match[0] };
}

// XML 1.0 §2.2: characters outside this set cannot appear in a document, escaped or not.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

function checkChars(value: string): void {
  if (XML_FORBIDDEN.test(value))
    throw notRepresentable('a value contains a control character XML 1.0 forbids');
}

function escapeText(value: string): string {
  checkChars(value);
  // \r must be a character reference or XML parsers normalise it to \n (XML 1.0 §2.11).
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#xD;');
}

function escapeAttribute(value: string): string {
  checkChars(value);
  return escapeText(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#xA;')
    .replaceAll('\t', '&#x9;');
}

function notRepresentable(reason: string): ProfileGraphError {
  return new ProfileGraphError(
    [
      {
        code: 'rdf/not-representable',
        severity: 'error',
        message: `RDF/XML cannot represent this graph: ${reason}.`,
      },
    ],
    1,
  );
}
