import type { Quad } from './data-factory.js';

type ContextDefinition = string | { '@id': string; '@type'?: string };
type Context = Record<string, ContextDefinition>;

/** A schema.org context indexed once: its always-kept entries and its terms by expanded IRI. */
interface IndexedContext {
  /** `@vocab`, the `id`/`type` aliases and the namespace prefixes (77 entries in release 30). */
  base: Context;
  termsByIri: ReadonlyMap<string, readonly [string, ContextDefinition][]>;
  definitions: Context;
  vocab: string | undefined;
}

const indexes = new WeakMap<object, IndexedContext>();

/**
 * The part of the schema.org context that compacting `quads` can use: every prefix, alias and
 * `@vocab`, plus the terms whose IRI occurs in the quads (as subject, predicate, object or
 * datatype) and the datatype terms their coercions name. Compaction against it gives the same
 * document as against the full 3,081-term context, because term selection only ever considers
 * terms whose IRI is the one being compacted, and compact IRIs only prefixes. It is much
 * faster: jsonld.js tries every term of the active context as a prefix for each IRI that is not
 * a term (an entity's `@id`), which made the full context cost about 3 ms per document.
 *
 * `document` is the bundled context document (`{"@context": {...}}`) from the document loader.
 */
export function compactionContextFor(document: unknown, quads: readonly Quad[]): Context {
  const index = indexOf(document);
  const context: Context = { ...index.base };
  const keep = (iri: string) => {
    // A term spelled like the IRI's @vocab suffix blocks vocab-relative compaction even when it
    // means something else ("HTML" is rdf:HTML), so it must be there to block it here too.
    const suffix =
      index.vocab !== undefined && iri.startsWith(index.vocab)
        ? iri.slice(index.vocab.length)
        : undefined;
    const spelled = suffix === undefined ? undefined : index.definitions[suffix];
    if (suffix !== undefined && spelled !== undefined && typeof spelled !== 'string')
      context[suffix] = spelled;
    for (const [term, definition] of index.termsByIri.get(iri) ?? []) {
      context[term] = definition;
      const coercion = typeof definition === 'string' ? undefined : definition['@type'];
      const coercionTerm = coercion === undefined ? undefined : index.definitions[coercion];
      if (coercion !== undefined && !coercion.startsWith('@') && coercionTerm !== undefined)
        context[coercion] = coercionTerm;
    }
  };
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode') keep(term.value);
      else if (term.termType === 'Literal') keep(term.datatype.value);
    }
  }
  return context;
}

function indexOf(document: unknown): IndexedContext {
  const known = indexes.get(document as object);
  if (known) return known;
  const definitions = (document as { '@context': Context })['@context'];
  const base: Context = {};
  const prefixes = new Map<string, string>();
  for (const [term, definition] of Object.entries(definitions)) {
    if (typeof definition !== 'string') continue;
    base[term] = definition;
    if (!definition.startsWith('@')) prefixes.set(term, definition);
  }
  const expand = (iri: string) => {
    const colon = iri.indexOf(':');
    const prefix = colon > 0 ? prefixes.get(iri.slice(0, colon)) : undefined;
    return prefix === undefined ? iri : prefix + iri.slice(colon + 1);
  };
  const termsByIri = new Map<string, [string, ContextDefinition][]>();
  for (const [term, definition] of Object.entries(definitions)) {
    if (typeof definition === 'string') continue;
    const iri = expand(definition['@id']);
    const terms = termsByIri.get(iri) ?? [];
    terms.push([term, definition]);
    termsByIri.set(iri, terms);
  }
  const vocab = definitions['@vocab'];
  const indexed = {
    base,
    termsByIri,
    definitions,
    vocab: typeof vocab === 'string' ? vocab : undefined,
  };
  indexes.set(document as object, indexed);
  return indexed;
}
