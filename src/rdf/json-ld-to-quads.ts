import jsonld, { type JsonLdEvent } from 'jsonld';
import { findPointer } from '../load/find-in-source.js';
import { diagnosticAt, type SourceFile } from '../load/source-file.js';
import type { Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { blankNode, toN3Quad, type Quad } from './data-factory.js';
import { RemoteDocumentRefusedError, type DocumentLoader } from './document-loader.js';
import { installIndexedHasValue } from './jsonld-indexed-values.js';

// jsonld.js's duplicate check is linear per value added: quadratic for a long values array.
installIndexedHasValue();

/** Options for {@link jsonLdToQuads}. */
export interface JsonLdToQuadsOptions {
  /** Base IRI that relative `@id`s resolve against (the site's base URL). */
  baseUrl: string;
  /** The offline document loader (see `createDocumentLoader`). */
  documentLoader: DocumentLoader;
  /**
   * Prefix for blank node labels, so that blank nodes of different files never merge
   * (RDF 1.1 Semantics §5.2: blank nodes are scoped to their document).
   */
  blankNodePrefix?: string;
}

/** Quads from one JSON-LD file, with every lossy or invalid construct as a located diagnostic. */
export interface JsonLdResult {
  quads: Quad[];
  diagnostics: Diagnostic[];
}

/**
 * JSON-LD event codes that lose data (jsonld.js's safe-mode list, lib/events.js), grouped by
 * the diagnostic code we report them as.
 */
const EVENT_CODES: Record<string, Code> = {
  'invalid property': 'jsonld/dropped-term',
  'reserved term': 'jsonld/dropped-term',
  'relative @id reference': 'jsonld/relative-iri',
  'relative @type reference': 'jsonld/relative-iri',
  'relative @vocab reference': 'jsonld/relative-iri',
  'relative subject reference': 'jsonld/relative-iri',
  'relative object reference': 'jsonld/relative-iri',
  'relative predicate reference': 'jsonld/relative-iri',
  'relative graph reference': 'jsonld/relative-iri',
};

/**
 * Converts one JSON-LD source file to RDF quads with jsonld.js, in safe mode's spirit but
 * reporting every lossy event (not just the first) as a diagnostic located at the file, JSON
 * pointer and line that caused it. Never throws for bad input; a remote context is
 * `jsonld/remote-context`, an invalid document `jsonld/invalid`. When any error is reported,
 * `quads` is empty: a graph with silently missing triples is never returned.
 */
export async function jsonLdToQuads(
  source: SourceFile,
  options: JsonLdToQuadsOptions,
): Promise<JsonLdResult> {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const seen = new Set<string>();
  const onEvent = ({ event, next }: { event: JsonLdEvent; next: () => void }) => {
    // An object emptied by dropped terms is reported as "empty object" too: a consequence, not
    // a second problem, once its terms have been reported.
    const consequence = event.code === 'empty object' && diagnostics.length > 0;
    const diagnostic =
      event.level === 'warning' && !consequence
        ? eventDiagnostic(source, event, reported)
        : undefined;
    // Expansion and RDF conversion both report one relative IRI ("relative @id reference",
    // then "relative subject reference"); the user needs to hear about it once.
    if (diagnostic && !seen.has(diagnostic.message)) {
      seen.add(diagnostic.message);
      diagnostics.push(diagnostic);
    }
    next();
  };
  let raw;
  try {
    raw = await jsonld.toRDF(source.json, {
      base: options.baseUrl,
      documentLoader: options.documentLoader,
      eventHandler: onEvent,
      processingMode: 'json-ld-1.1',
      // RDF 1.1 has no base direction; i18n datatypes keep @direction rather than dropping it.
      rdfDirection: 'i18n-datatype',
    });
  } catch (error) {
    diagnostics.push(errorDiagnostic(source, error, options.baseUrl));
    return { quads: [], diagnostics };
  }
  if (diagnostics.length > 0) return { quads: [], diagnostics };
  const prefix = options.blankNodePrefix ?? '';
  const quads = raw.map((rawQuad) => {
    const converted = toN3Quad(rawQuad);
    if (prefix === '') return converted;
    return toN3Quad({
      subject: relabel(converted.subject, prefix),
      predicate: converted.predicate,
      object: relabel(converted.object, prefix),
      graph: relabel(converted.graph, prefix),
    });
  });
  return { quads, diagnostics };
}

function relabel<T extends { termType: string; value: string }>(term: T, prefix: string) {
  return term.termType === 'BlankNode'
    ? blankNode(`${prefix}${term.value.replace(/^_:/, '')}`)
    : term;
}

function eventDiagnostic(
  source: SourceFile,
  event: JsonLdEvent,
  reported: Set<string>,
): Diagnostic {
  const code = EVENT_CODES[event.code] ?? 'jsonld/lossy';
  const details = event.details;
  const pointer = locateEvent(source, event, reported);
  reported.add(pointer);
  const subject = firstString(details, [
    'property',
    'id',
    'type',
    'subject',
    'object',
    'predicate',
    'graph',
    'vocab',
  ]);
  const message =
    code === 'jsonld/dropped-term'
      ? `Property "${subject ?? '?'}" does not expand to an absolute IRI and would be dropped.`
      : code === 'jsonld/relative-iri'
        ? `IRI "${subject ?? '?'}" is relative and cannot be resolved to an absolute IRI.`
        : `${event.message.replace(/\.$/, '')} (${event.code}).`;
  return diagnosticAt(source, pointer, { code, severity: 'error', message });
}

/** Finds where in the source an event's offending key or value is (the first not yet reported). */
function locateEvent(
  source: SourceFile,
  event: JsonLdEvent,
  reported: ReadonlySet<string>,
): string {
  const details = event.details;
  const key = firstString(details, ['property']);
  if (key !== undefined) {
    const found = findPointer(source, (_value, _pointer, name) => name === key, reported);
    if (found !== undefined) return found;
  }
  const text = firstString(details, [
    'id',
    'type',
    'subject',
    'object',
    'predicate',
    'graph',
    'vocab',
  ]);
  if (text !== undefined) {
    const found = findPointer(source, (value) => value === text, reported);
    if (found !== undefined) return found;
  }
  const value = details.value;
  if (value !== undefined) {
    const found = findPointer(source, (candidate) => sameJson(candidate, value), reported);
    if (found !== undefined) return found;
  }
  return '';
}

function errorDiagnostic(source: SourceFile, error: unknown, baseUrl: string): Diagnostic {
  const refused = findCause(error);
  if (refused) {
    const pointer =
      findPointer(
        source,
        (value, pointer) =>
          typeof value === 'string' &&
          (pointer.includes('@context') || pointer.endsWith('@import')) &&
          resolvesTo(value, baseUrl, refused.url),
      ) ??
      findPointer(source, (_value, _pointer, key) => key === '@context') ??
      '';
    return diagnosticAt(source, pointer, {
      code: 'jsonld/remote-context',
      severity: 'error',
      message: `Remote context "${refused.url}" refused: only the bundled schema.org context is available (no network access).`,
      hint: 'use "@context": "https://schema.org" or an inline context object',
    });
  }
  const details = (error as { details?: Record<string, unknown> }).details ?? {};
  const jsonLdCode = typeof details.code === 'string' ? details.code : undefined;
  const offending = details.value ?? details.element;
  const pointer =
    (offending !== undefined
      ? findPointer(source, (candidate) => sameJson(candidate, offending))
      : undefined) ?? '';
  const message = (error as Error).message.replace(/\.$/, '');
  return diagnosticAt(source, pointer, {
    code: 'jsonld/invalid',
    severity: 'error',
    message: `Invalid JSON-LD: ${message}${jsonLdCode ? ` (${jsonLdCode})` : ''}.`,
  });
}

/** jsonld.js wraps loader errors (sometimes twice) in `details.cause`. */
function findCause(error: unknown): RemoteDocumentRefusedError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof RemoteDocumentRefusedError) return current;
    current =
      (current as { details?: { cause?: unknown } }).details?.cause ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function resolvesTo(value: string, base: string, url: string): boolean {
  if (value === url) return true;
  try {
    return new URL(value, base).href === url;
  } catch {
    return false;
  }
}

function firstString(
  details: Record<string, unknown>,
  keys: readonly string[],
): string | undefined {
  for (const key of keys) {
    const value = details[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && JSON.stringify(a) === JSON.stringify(b);
}
