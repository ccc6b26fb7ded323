import { createRequire } from 'node:module';
import type * as RDF from '@rdfjs/types';
import type { MicrodataRdfParser } from 'microdata-rdf-streaming-parser';
import type { RdfaParser } from 'rdfa-streaming-parser';
import type { Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { childPointer } from './json-pointer.js';
import type { JsonValue, Position } from './source-file.js';

/** One event of a page's HTML parse, kept so the Microdata and RDFa parsers need no parse of their own. */
export type PageEvent =
  | {
      kind: 'open';
      name: string;
      attributes: Record<string, string>;
      /** Offsets of the opening tag's `<` and `>` in the page. */
      start: number;
      end: number;
    }
  | { kind: 'text'; text: string }
  | { kind: 'close' };

/** What a page's Microdata and RDFa add to its graph (see {@link markupOfPage}). */
export interface PageMarkup {
  /** Node objects (JSON-LD, schema.org context), one per item not nested in another. */
  nodes: JsonValue[];
  /** The position of each of their pointers: the element, or its attribute, that wrote it. */
  anchors: Record<string, Position>;
  /** Malformed markup, located (`markup/*`). */
  diagnostics: Diagnostic[];
}

const MICRODATA_ATTRIBUTES = ['itemscope', 'itemprop', 'itemtype'];

/** Whether an opening tag's attributes carry Microdata or RDFa (see {@link markupOfPage}). */
export function hasMarkup(attributes: Readonly<Record<string, string>>): boolean {
  for (const name of MICRODATA_ATTRIBUTES) if (name in attributes) return true;
  return hasRdfaItems(attributes);
}

/**
 * Whether a tag's RDFa can make or name a schema.org item: `typeof` or `vocab`, or a `property`
 * or `prefix` naming schema.org. Open Graph's `<meta property="og:…">` and its `prefix` alone
 * cannot (see {@link markupOfPage}), and most pages have them: those pages skip the RDFa parser.
 */
function hasRdfaItems(attributes: Readonly<Record<string, string>>): boolean {
  if ('typeof' in attributes || 'vocab' in attributes) return true;
  return [attributes.property, attributes.prefix].some(
    (value) => value?.includes('schema.org') === true || value?.includes('schema:') === true,
  );
}

const SCHEMA = 'http://schema.org/';
const SCHEMA_HTTPS = 'https://schema.org/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
/** What RDFa says about the page and its markup itself, not about the page's items. */
const RDFA_OWN = ['http://www.w3.org/ns/rdfa#', 'http://www.w3.org/1999/xhtml/vocab#'];
/**
 * The base the parsers resolve relative IRIs against: a reserved name (RFC 2606), taken off
 * again, so a relative IRI of the markup resolves against the same base as the page's JSON-LD.
 */
const MARKUP_BASE = 'https://page.invalid/';
/** URI schemes that read as a CURIE prefix (`urn:isbn:…`) but are IRIs. */
const SCHEMES = new Set(['http', 'https', 'urn', 'mailto', 'tel', 'tag', 'data', 'ftp', 'file']);
const ABSOLUTE_IRI = /^[a-z][a-z\d+.-]*:\S/i;

interface Element {
  /** The enclosing element's index, -1 at the top. */
  parent: number;
  name: string;
  attributes: Record<string, string>;
  start: number;
  end: number;
}

/** A triple and the element whose attributes (or text) produced it. */
interface Located {
  subject: RDF.Term;
  predicate: string;
  object: RDF.Term;
  element: number;
  from: 'microdata' | 'rdfa';
}

type Parsers = {
  MicrodataRdfParser: typeof MicrodataRdfParser;
  RdfaParser: typeof RdfaParser;
};
let parsers: Parsers | undefined;

/**
 * The parsers, loaded on first use only: a page without Microdata or RDFa (and `validate data/`)
 * never loads them. Synchronously, with `require` (both are CommonJS), so a page's parse stays
 * one synchronous step.
 */
function loadParsers(): Parsers {
  if (parsers) return parsers;
  const require = createRequire(import.meta.url);
  parsers = {
    MicrodataRdfParser: (
      require('microdata-rdf-streaming-parser') as {
        MicrodataRdfParser: typeof MicrodataRdfParser;
      }
    ).MicrodataRdfParser,
    RdfaParser: (require('rdfa-streaming-parser') as { RdfaParser: typeof RdfaParser }).RdfaParser,
  };
  return parsers;
}

/** The event handlers the two parsers share (each has `onTagOpen`, `onText`, `onTagClose`, `onEnd`). */
interface HtmlListener {
  onTagOpen(name: string, attributes: Record<string, string>): void;
  onText(data: string): void;
  onTagClose(): void;
  onEnd(): void;
}

/** Records a diagnostic located at an element's attribute (or the element itself). */
type Report = (
  code: Code,
  severity: Diagnostic['severity'],
  element: number,
  attribute: string,
  message: string,
  hint?: string,
) => void;

/**
 * Reads a page's Microdata (W3C Microdata to RDF) and RDFa (HTML+RDFa 1.1) with
 * microdata-rdf-streaming-parser and rdfa-streaming-parser, fed the events of the page's one
 * HTML parse (`events`, from `readPage`), and writes their triples as JSON-LD node objects
 * under the schema.org context: `{"@type": "Person", "name": {"@value": …}}`, an item's
 * nested items nested, so every layer (vocabulary, integrity, SHACL) reads them as it reads the
 * page's JSON-LD, in the page's one graph. `first` is the index the first node gets in the
 * page's array; every pointer of the nodes is anchored at the element that wrote it (a key at
 * its `itemprop`/`property`/`rel` attribute, `@type` at `itemtype`/`typeof`, a node at its
 * element), so their findings carry the page's line and column.
 *
 * `https://schema.org/` terms are read as `http://schema.org/` (the namespace of the vocabulary
 * and of the schema.org context; schema.org treats both as one). Of RDFa, only triples about a
 * schema.org item are kept: an Open Graph `<meta property="og:…">` is RDFa, but not the
 * structured data search engines read as items. Malformed markup is a located `markup/*`
 * diagnostic: `itemprop` outside any item, an `itemtype` that is not an absolute IRI (or without
 * `itemscope`), a CURIE whose prefix nothing defines, and whatever a parser rejects. Never throws.
 */
export function markupOfPage(
  path: string,
  html: string,
  events: readonly PageEvent[],
  first: number,
): PageMarkup {
  const elements: Element[] = [];
  const triples: Located[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = lineStarts(html);
  const at = (element: number, attribute?: string): Position =>
    position(lines, attributeOffset(html, elements[element], attribute));
  const report: Report = (code, severity, element, attribute, message, hint) => {
    diagnostics.push({
      code,
      severity,
      message,
      ...(hint === undefined ? {} : { hint }),
      file: path,
      ...at(element, attribute),
    });
  };

  const microdata = events.some(
    (event) =>
      event.kind === 'open' && MICRODATA_ATTRIBUTES.some((name) => name in event.attributes),
  );
  const rdfa = events.some((event) => event.kind === 'open' && hasRdfaItems(event.attributes));
  const { MicrodataRdfParser: Microdata, RdfaParser: Rdfa } = loadParsers();
  // The element being read when a parser emits: an opening tag's own, else the innermost open one
  // (a text value is emitted at its element's closing tag, before it leaves the stack).
  const stack: number[] = [];
  let current = -1;
  const listeners: { listener: HtmlListener; from: Located['from']; copy: boolean }[] = [];
  const sink = (parser: { push: (chunk: unknown) => boolean }, from: Located['from']) => {
    parser.push = (chunk: unknown) => {
      if (chunk === null) return false;
      const quad = chunk as RDF.Quad;
      triples.push({
        subject: quad.subject,
        predicate: quad.predicate.value,
        object: quad.object,
        element: current,
        from,
      });
      return true;
    };
  };
  if (microdata) {
    const parser = new Microdata({ baseIRI: MARKUP_BASE });
    sink(parser, 'microdata');
    listeners.push({ listener: parser, from: 'microdata', copy: false });
  }
  if (rdfa) {
    const parser = new Rdfa({ baseIRI: MARKUP_BASE, profile: 'html', contentType: 'text/html' });
    sink(parser, 'rdfa');
    // RDFa's pattern copying writes to the attributes it was given: a copy of its own.
    listeners.push({ listener: parser, from: 'rdfa', copy: true });
  }
  const failed = new Set<Located['from']>();
  const each = (step: (listener: HtmlListener, copy: boolean) => void) => {
    for (const { listener, from, copy } of listeners) {
      if (failed.has(from)) continue;
      try {
        step(listener, copy);
      } catch (error) {
        // A parser that throws has lost its state: it reads no further, and says where it stopped.
        failed.add(from);
        report(
          'markup/malformed',
          'error',
          Math.max(current, 0),
          from === 'microdata' ? 'itemprop' : 'property',
          `The ${from === 'microdata' ? 'Microdata' : 'RDFa'} here cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  const itemScopes: boolean[] = [];
  const outside: { element: number; ids: string[] }[] = [];
  const referenced = new Set<string>();
  const ids: string[][] = [];
  for (const event of events) {
    if (event.kind === 'open') {
      const index = elements.length;
      const { name, attributes } = event;
      elements.push({
        parent: stack.at(-1) ?? -1,
        name,
        attributes,
        start: event.start,
        end: event.end,
      });
      const inItem = itemScopes.includes(true);
      const scoped = 'itemscope' in attributes;
      if ('itemprop' in attributes && !inItem)
        outside.push({ element: index, ids: [...ids.flat(), ...idOf(attributes)] });
      if ('itemtype' in attributes) itemType(index, attributes, scoped);
      for (const reference of (attributes.itemref ?? '').split(/\s+/))
        if (reference) referenced.add(reference);
      stack.push(index);
      itemScopes.push(scoped);
      ids.push(idOf(attributes));
      current = index;
      each((listener, copy) => {
        listener.onTagOpen(name, copy ? { ...attributes } : attributes);
      });
    } else if (event.kind === 'text') {
      current = stack.at(-1) ?? -1;
      each((listener) => {
        listener.onText(event.text);
      });
    } else {
      current = stack.at(-1) ?? -1;
      each((listener) => {
        listener.onTagClose();
      });
      stack.pop();
      itemScopes.pop();
      ids.pop();
    }
  }
  current = stack.at(-1) ?? -1;
  each((listener) => {
    listener.onEnd();
  });
  // An itemprop outside any item is a property of nothing, unless an itemref brings it in.
  for (const { element, ids: around } of outside) {
    if (around.some((id) => referenced.has(id))) continue;
    report(
      'markup/itemprop-outside-item',
      'warning',
      element,
      'itemprop',
      `itemprop="${elements[element]?.attributes.itemprop ?? ''}" is in no item (no itemscope around it), so it says nothing about anything.`,
      'put it inside the element with itemscope it describes, or reference its id with itemref',
    );
  }

  function itemType(index: number, attributes: Record<string, string>, scoped: boolean) {
    const written = attributes.itemtype ?? '';
    if (!scoped) {
      report(
        'markup/invalid-itemtype',
        'error',
        index,
        'itemtype',
        `itemtype="${written}" is on an element without itemscope, so it types nothing.`,
        'add itemscope to the element',
      );
      return;
    }
    for (const token of written.split(/\s+/)) {
      if (token === '' || ABSOLUTE_IRI.test(token)) continue;
      report(
        'markup/invalid-itemtype',
        'error',
        index,
        'itemtype',
        `itemtype "${token}" is not an absolute IRI, so the item has no type.`,
        `write the full IRI, such as "https://schema.org/${token.replace(/^.*\//, '')}"`,
      );
    }
  }

  const kept = keepItems(triples, elements, report);
  const nodes = writeNodes(kept, first, at);
  return { nodes: nodes.nodes, anchors: nodes.anchors, diagnostics };
}

function idOf(attributes: Readonly<Record<string, string>>): string[] {
  return attributes.id === undefined ? [] : [attributes.id];
}

/**
 * The triples that join the page's graph: schema.org under `http://`; of RDFa, only those about a
 * schema.org item (see {@link markupOfPage}), without RDFa's statements about the page itself,
 * `<link rel="stylesheet">`'s and the like under a `vocab`, and CURIEs no prefix expands (each a
 * `markup/unknown-prefix` error).
 */
function keepItems(
  triples: readonly Located[],
  elements: readonly Element[],
  report: Report,
): Located[] {
  const normalised = triples.map((triple) => ({
    ...triple,
    predicate: toHttp(triple.predicate),
    object:
      triple.object.termType === 'NamedNode' && triple.object.value.startsWith(SCHEMA_HTTPS)
        ? { ...triple.object, value: toHttp(triple.object.value) }
        : triple.object,
  }));
  const isSchema = (triple: Located) =>
    triple.predicate.startsWith(SCHEMA) ||
    (triple.predicate === RDF_TYPE && triple.object.value.startsWith(SCHEMA));
  // What RDFa says of the page itself, and a <link>'s HTML link types (stylesheet, icon,
  // canonical) that a vocab in scope turns into properties, are not the page's items.
  const untyped = new Set<string>();
  const statements = normalised.filter((triple) => {
    if (triple.from === 'microdata') {
      // An item without itemtype has no vocabulary: its itemprop resolves against the page
      // (Microdata to RDF §3.2), which names nobody's property. Said once per item.
      if (!triple.predicate.startsWith(MARKUP_BASE)) return true;
      const item = key(triple.subject);
      // An itemtype that is there but not an IRI is reported where it is written already.
      if (
        !untyped.has(item) &&
        !('itemtype' in (itemOf(elements, triple.element)?.attributes ?? {}))
      ) {
        untyped.add(item);
        const name = triple.predicate.slice(triple.predicate.lastIndexOf('#') + 1);
        report(
          'markup/invalid-itemtype',
          'warning',
          triple.element,
          'itemprop',
          `itemprop="${name}" is in an item without itemtype, so it names no vocabulary's property and search engines ignore it.`,
          'give the element with itemscope an itemtype, such as itemtype="https://schema.org/Thing"',
        );
      }
      return false;
    }
    if (RDFA_OWN.some((namespace) => triple.predicate.startsWith(namespace))) return false;
    const element = elements[triple.element];
    return !(
      element?.name === 'link' &&
      !('property' in element.attributes) &&
      linkType(element, triple.predicate)
    );
  });
  const items = new Set(
    statements
      .filter((triple) => triple.from === 'rdfa' && isSchema(triple))
      .map((triple) => key(triple.subject)),
  );
  const reported = new Set<string>();
  return statements.filter((triple) => {
    if (triple.from === 'microdata') return true;
    if (!items.has(key(triple.subject))) return false;
    const element = elements[triple.element];
    if (element === undefined) return true;
    const unexpanded = [
      triple.predicate,
      triple.predicate === RDF_TYPE ? triple.object.value : '',
    ].find((iri) => isUnexpandedCurie(iri, element));
    if (unexpanded === undefined) return true;
    const attribute =
      triple.predicate === RDF_TYPE
        ? 'typeof'
        : 'property' in element.attributes
          ? 'property'
          : 'rel';
    const prefix = unexpanded.slice(0, unexpanded.indexOf(':'));
    if (!reported.has(`${String(triple.element)} ${unexpanded}`)) {
      reported.add(`${String(triple.element)} ${unexpanded}`);
      report(
        'markup/unknown-prefix',
        'error',
        triple.element,
        attribute,
        `"${unexpanded}" uses the prefix "${prefix}", which no prefix attribute on the page defines.`,
        `declare it (prefix="${prefix}: https://…") or use a prefix of the RDFa initial context (schema:, dc:, foaf:, og:…)`,
      );
    }
    return false;
  });
}

/** Whether an IRI is a CURIE the RDFa parser could not expand, as written in the element. */
function isUnexpandedCurie(iri: string, element: Element): boolean {
  const match = /^([A-Za-z_][\w.-]*):(?!\/\/)/.exec(iri);
  if (match?.[1] === undefined || SCHEMES.has(match[1].toLowerCase())) return false;
  const { property = '', typeof: types = '', rel = '', rev = '' } = element.attributes;
  return [property, types, rel, rev].some((value) => value.split(/\s+/).includes(iri));
}

/** Whether a triple of a `<link>` came from one of its `rel` link types under a `vocab`. */
function linkType(element: Element, predicate: string): boolean {
  const tokens = (element.attributes.rel ?? '').split(/\s+/);
  return tokens.some(
    (token) => token !== '' && !token.includes(':') && predicate.endsWith(`/${token}`),
  );
}

function toHttp(iri: string): string {
  return iri.startsWith(SCHEMA_HTTPS) ? SCHEMA + iri.slice(SCHEMA_HTTPS.length) : iri;
}

function key(term: RDF.Term): string {
  return `${term.termType === 'BlankNode' ? '_' : 'I'} ${term.value}`;
}

/**
 * The triples as JSON-LD node objects: a subject per node, in the order the page first states
 * it; a blank node is nested where a triple first points to it (as the markup nests it), with
 * an `@id` (`_:markup-…`) when other triples point to it too, which name it.
 */
function writeNodes(
  triples: readonly Located[],
  first: number,
  at: (element: number, attribute?: string) => Position,
): { nodes: JsonValue[]; anchors: Record<string, Position> } {
  const bySubject = new Map<string, { subject: RDF.Term; triples: Located[] }>();
  const pointedAt = new Map<string, number>();
  for (const triple of triples) {
    const subject = key(triple.subject);
    const entry = bySubject.get(subject) ?? { subject: triple.subject, triples: [] };
    entry.triples.push(triple);
    bySubject.set(subject, entry);
    if (triple.object.termType === 'BlankNode' && triple.predicate !== RDF_TYPE) {
      const object = key(triple.object);
      pointedAt.set(object, (pointedAt.get(object) ?? 0) + 1);
    }
  }
  // Nested where first pointed at, as the markup nests it: a top-level node nothing links to
  // by IRI would read as an orphan (see checkPageIntegrity).
  const nested = (subject: string) =>
    subject.startsWith('_') && (pointedAt.get(subject) ?? 0) > 0 && bySubject.has(subject);
  const anchors: Record<string, Position> = {};
  const written = new Set<string>();
  const nodes: JsonValue[] = [];

  const node = (
    subject: string,
    pointer: string,
    element: number | undefined,
    path: ReadonlySet<string>,
  ): Record<string, JsonValue> => {
    written.add(subject);
    const entry = bySubject.get(subject);
    const json: Record<string, JsonValue> = {};
    if (element === undefined) json['@context'] = 'https://schema.org';
    const term = entry?.subject;
    if (term?.termType === 'NamedNode') json['@id'] = relative(term.value);
    // A blank node gets a label only when something else points at it too.
    else if (term && (pointedAt.get(subject) ?? 0) > (element === undefined ? 0 : 1))
      json['@id'] = `_:markup-${term.value}`;
    const own = entry?.triples ?? [];
    const firstElement = element ?? own[0]?.element;
    // A nested node's pointer is also its key's, anchored at the attribute already.
    if (firstElement !== undefined) anchors[pointer] ??= at(firstElement);
    const types = own.filter((triple) => triple.predicate === RDF_TYPE);
    if (types[0] !== undefined) {
      const names = types.map((triple) => compact(triple.object.value));
      json['@type'] = names.length === 1 ? (names[0] ?? '') : names;
      anchors[childPointer(pointer, '@type')] = at(types[0].element, attributeOf(types[0], 'type'));
      types.forEach((triple, index) => {
        if (names.length > 1)
          anchors[childPointer(childPointer(pointer, '@type'), index)] = at(
            triple.element,
            attributeOf(triple, 'type'),
          );
      });
    }
    const byPredicate = new Map<string, Located[]>();
    for (const triple of own) {
      if (triple.predicate === RDF_TYPE) continue;
      byPredicate.set(triple.predicate, [...(byPredicate.get(triple.predicate) ?? []), triple]);
    }
    const inner = new Set([...path, subject]);
    for (const [predicate, values] of byPredicate) {
      const name = compact(predicate);
      const keyPointer = childPointer(pointer, name);
      const [firstValue] = values;
      if (firstValue === undefined) continue;
      anchors[keyPointer] = at(firstValue.element, attributeOf(firstValue, 'property'));
      const written = values.map((triple, index) => {
        const valuePointer = values.length === 1 ? keyPointer : childPointer(keyPointer, index);
        if (values.length > 1)
          anchors[valuePointer] = at(triple.element, attributeOf(triple, 'property'));
        return value(triple, valuePointer, inner);
      });
      json[name] = written.length === 1 ? (written[0] ?? null) : written;
    }
    return json;
  };

  const value = (triple: Located, pointer: string, path: ReadonlySet<string>): JsonValue => {
    const { object } = triple;
    if (object.termType === 'Literal') {
      const literal: Record<string, JsonValue> = { '@value': object.value };
      if (object.language !== '') literal['@language'] = object.language;
      else if (object.datatype.value !== XSD_STRING && object.datatype.value !== RDF_LANG_STRING)
        literal['@type'] = object.datatype.value;
      return literal;
    }
    if (object.termType === 'NamedNode') return { '@id': relative(object.value) };
    const objectKey = key(object);
    if (nested(objectKey) && !path.has(objectKey) && !written.has(objectKey))
      return node(objectKey, pointer, triple.element, path);
    return { '@id': `_:markup-${object.value}` };
  };

  const top = (subject: string) => {
    const index = first + nodes.length;
    nodes.push(node(subject, `/${String(index)}`, undefined, new Set()));
  };
  for (const subject of bySubject.keys()) if (!nested(subject)) top(subject);
  // Blank nodes that point at each other in a ring, none pointed at from outside it.
  for (const subject of bySubject.keys()) if (!written.has(subject)) top(subject);
  return { nodes, anchors };
}

/** The attribute that wrote a triple's predicate (`'property'`) or its type (`'type'`). */
function attributeOf(triple: Located, role: 'property' | 'type'): string {
  if (triple.from === 'microdata') return role === 'type' ? 'itemtype' : 'itemprop';
  return role === 'type' ? 'typeof' : 'property';
}

/** A schema.org term by its name, as the schema.org context reads it; any other IRI in full. */
function compact(iri: string): string {
  if (!iri.startsWith(SCHEMA)) return iri;
  const name = iri.slice(SCHEMA.length);
  // `id` and `type` are the context's aliases of @id and @type.
  return /^[A-Za-z][\w-]*$/.test(name) && name !== 'id' && name !== 'type' ? name : iri;
}

/** An IRI the parsers resolved against {@link MARKUP_BASE}, relative again. */
function relative(iri: string): string {
  return iri.startsWith(MARKUP_BASE) ? iri.slice(MARKUP_BASE.length) : iri;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts;
}

function position(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/**
 * Where an element's attribute is named in its opening tag (the first of `attribute` and, for
 * RDFa keys, `rel`), else where the tag starts.
 */
function attributeOffset(html: string, element: Element | undefined, attribute?: string): number {
  if (element === undefined) return 0;
  if (attribute === undefined) return element.start;
  const names =
    attribute === 'property' && !('property' in element.attributes) ? ['rel', 'rev'] : [attribute];
  const tag = html.slice(element.start, element.end + 1);
  for (const name of names) {
    const match = new RegExp(`[\\s"'/]${name}(?=[\\s=/>])`, 'i').exec(tag);
    if (match) return element.start + match.index + 1;
  }
  return element.start;
}

/** The element with itemscope whose item an itemprop's element belongs to, if it is inside one. */
function itemOf(elements: readonly Element[], index: number): Element | undefined {
  for (let at = elements[index]?.parent ?? -1; at >= 0; at = elements[at]?.parent ?? -1) {
    const element = elements[at];
    if (element && 'itemscope' in element.attributes) return element;
  }
  return undefined;
}
