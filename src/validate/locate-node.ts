import { childPointer } from '../load/json-pointer.js';
import type { NodeOccurrence } from './node-index.js';
import { diagnosticAt, type JsonValue, type SourceFile } from '../load/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { RDF_TYPE, type Quad, type Term } from '../rdf/data-factory.js';
import type { ValidationContext } from './context.js';

/** Where a graph term is written in the JSON sources. */
export interface NodeLocation {
  /**
   * The node object the term is written as. For a term with no object of its own (an IRI
   * given only as a string value, a literal), the node object whose property holds it.
   */
  occurrence: NodeOccurrence;
  /** RFC 6901 pointer: the requested property's key when written there, else the object. */
  pointer: string;
}

/**
 * Finds where a graph node (the focus node of a SHACL result, the subject of a finding) is
 * written in `context.sources`, optionally down to one of its properties.
 *
 * - An IRI: its first description (`context.nodes.definitions`), preferring the first one that
 *   writes `predicate`; else the first object that references it (`{"@id": …}`); else, for
 *   an IRI written only as a string value, the node object whose property holds it.
 * - A blank node (canonical label, e.g. `c14n0`): the quad `(subject, predicate, node)` leads to
 *   its parent, located recursively; the node is the parent's child object under a key that
 *   expands to that predicate. Among several (an array), the one whose literal values and
 *   types best match the node's quads wins. A blank node no quad points to is matched against
 *   the top-level blank node objects the same way.
 * - A literal: the node object whose property holds it.
 *
 * Returns undefined when the term is not written anywhere (for example a node that only
 * exists in the vocabulary).
 */
export function locateNode(
  term: Term,
  context: ValidationContext,
  predicate?: string,
): NodeLocation | undefined {
  const candidates = occurrencesOf(term, context, new Set());
  const withKey =
    predicate === undefined
      ? undefined
      : candidates.find((occurrence) => keyOf(occurrence, predicate, context) !== undefined);
  const occurrence = withKey ?? candidates[0];
  if (occurrence !== undefined) return at(occurrence, predicate, context);
  if (term.termType === 'BlankNode') return undefined;
  // A value without a node object of its own: point at the property that holds it.
  for (const quad of quadsWithObject(term, context)) {
    const [holder] = occurrencesOf(quad.subject, context, new Set());
    if (holder !== undefined) return at(holder, quad.predicate.value, context);
  }
  return undefined;
}

/**
 * Builds a diagnostic about a graph node, located by {@link locateNode} (file, pointer, line,
 * column) and carrying the node as `focusNode` (an IRI, or `_:label` for a blank node). A node
 * that cannot be located keeps only its `focusNode`.
 */
export function diagnosticAtNode(
  term: Term,
  context: ValidationContext,
  predicate: string | undefined,
  diagnostic: Omit<Diagnostic, 'file' | 'pointer' | 'line' | 'column' | 'focusNode'>,
): Diagnostic {
  const focusNode = termLabel(term);
  const location = locateNode(term, context, predicate);
  const source = location && indexOf(context).sources.get(location.occurrence.file);
  if (location === undefined || source === undefined) return { ...diagnostic, focusNode };
  return { ...diagnosticAt(source, location.pointer, diagnostic), focusNode };
}

/** How a graph term is named in diagnostics: the IRI, `_:label`, or the literal's value. */
export function termLabel(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** The location of an occurrence, at `predicate`'s key when it writes one. */
function at(
  occurrence: NodeOccurrence,
  predicate: string | undefined,
  context: ValidationContext,
): NodeLocation {
  const key = predicate === undefined ? undefined : keyOf(occurrence, predicate, context);
  return {
    occurrence,
    pointer: key === undefined ? occurrence.pointer : childPointer(occurrence.pointer, key),
  };
}

/** The key as written that expands to `predicate` (`@type`/`type` for `rdf:type`). */
function keyOf(
  occurrence: NodeOccurrence,
  predicate: string,
  context: ValidationContext,
): string | undefined {
  if (predicate === RDF_TYPE) {
    return Object.keys(occurrence.json).find((key) => {
      const term = context.terms.expandTerm(key);
      return term.kind === 'keyword' && term.keyword === '@type';
    });
  }
  return occurrence.keys.find((key) => expandsTo(key, predicate, context));
}

function expandsTo(key: string, predicate: string, context: ValidationContext): boolean {
  return expandedKey(key, indexOf(context)) === predicate;
}

/** The IRI a property key expands to (undefined for keywords and unknown prefixes), memoised. */
function expandedKey(key: string, index: LocatorIndex): string | undefined {
  if (index.expanded.has(key)) return index.expanded.get(key);
  const term = index.context.terms.expandTerm(key);
  const iri = term.kind === 'iri' ? term.iri : undefined;
  index.expanded.set(key, iri);
  return iri;
}

function quadsWithObject(term: Term, context: ValidationContext): readonly Quad[] {
  return indexOf(context).byObject.get(term.id) ?? [];
}

/**
 * What locating needs, indexed once per validation context (a memo, not state: the context
 * is immutable once built). Without it each located finding scanned every quad and node
 * object, and scored every sibling: 5,000 inline nodes failing SHACL took 38 s.
 */
interface LocatorIndex {
  context: ValidationContext;
  bySubject: Map<string, Quad[]>;
  byObject: Map<string, Quad[]>;
  /** `{"@id": …}` reference occurrences, by IRI. */
  references: Map<string, NodeOccurrence[]>;
  /** Blank node objects by the node object they are a value of, in document order. */
  blankChildren: Map<NodeOccurrence, NodeOccurrence[]>;
  /** Blank node objects with no parent (top level, `@graph` members). */
  topLevelBlank: NodeOccurrence[];
  /** Blank children of one parent under keys that expand to one predicate. */
  childrenUnder: Map<NodeOccurrence, Map<string, NodeOccurrence[]>>;
  /** Each occurrence's place in document order. */
  order: Map<NodeOccurrence, number>;
  expanded: Map<string, string | undefined>;
  /** For a candidate list, which candidates write each piece of evidence (see `evidenceOf`). */
  evidence: WeakMap<readonly NodeOccurrence[], Map<string, number[]>>;
  sources: Map<string, SourceFile>;
}

const INDEXES = new WeakMap<ValidationContext, LocatorIndex>();

function indexOf(context: ValidationContext): LocatorIndex {
  let index = INDEXES.get(context);
  if (index !== undefined) return index;
  const bySubject = new Map<string, Quad[]>();
  const byObject = new Map<string, Quad[]>();
  for (const quad of context.quads) {
    push(bySubject, quad.subject.id, quad);
    push(byObject, quad.object.id, quad);
  }
  const references = new Map<string, NodeOccurrence[]>();
  const blankChildren = new Map<NodeOccurrence, NodeOccurrence[]>();
  const topLevelBlank: NodeOccurrence[] = [];
  const order = new Map<NodeOccurrence, number>();
  for (const occurrence of context.nodes.occurrences) {
    order.set(occurrence, order.size);
    if (occurrence.iri !== undefined && occurrence.reference)
      push(references, occurrence.iri, occurrence);
    if (!isBlank(occurrence)) continue;
    if (occurrence.parent === undefined) topLevelBlank.push(occurrence);
    else push(blankChildren, occurrence.parent, occurrence);
  }
  index = {
    context,
    bySubject,
    byObject,
    references,
    blankChildren,
    topLevelBlank,
    childrenUnder: new Map(),
    order,
    expanded: new Map(),
    evidence: new WeakMap(),
    sources: new Map(context.sources.map((source) => [source.path, source])),
  };
  INDEXES.set(context, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The blank node objects under `parent` at a key that expands to `predicate` (one list each). */
function childrenUnder(
  parent: NodeOccurrence,
  predicate: string,
  index: LocatorIndex,
): readonly NodeOccurrence[] {
  let byPredicate = index.childrenUnder.get(parent);
  if (byPredicate === undefined)
    index.childrenUnder.set(parent, (byPredicate = new Map<string, NodeOccurrence[]>()));
  let children = byPredicate.get(predicate);
  if (children === undefined) {
    children = (index.blankChildren.get(parent) ?? []).filter(
      (child) => child.parentKey !== undefined && expandedKey(child.parentKey, index) === predicate,
    );
    byPredicate.set(predicate, children);
  }
  return children;
}

/** Node objects a term is written as, best first; `seen` guards against blank node cycles. */
function occurrencesOf(
  term: Term,
  context: ValidationContext,
  seen: Set<string>,
): NodeOccurrence[] {
  const index = indexOf(context);
  if (term.termType === 'NamedNode') {
    const definitions = context.nodes.definitions.get(term.value) ?? [];
    return [...definitions, ...(index.references.get(term.value) ?? [])];
  }
  if (term.termType !== 'BlankNode' || seen.has(term.value)) return [];
  seen.add(term.value);
  const parentQuads = quadsWithObject(term, context);
  const topLevel = parentQuads.length === 0;
  let candidates: readonly NodeOccurrence[];
  if (topLevel) candidates = index.topLevelBlank;
  else {
    // Per parent quad, its parents' children in document order (as a scan of all node
    // objects would list them); usually one quad and one parent, whose children list is
    // shared by every sibling (so its evidence index is built once).
    const lists = parentQuads.map((quad) =>
      [...new Set(occurrencesOf(quad.subject, context, seen))].map((parent) =>
        childrenUnder(parent, quad.predicate.value, index),
      ),
    );
    const [first] = lists;
    candidates =
      lists.length === 1 && first?.length === 1 && first[0] !== undefined
        ? first[0]
        : lists.flatMap((children) => inDocumentOrder(children.flat(), index));
  }
  const best = bestMatch(term, candidates, topLevel, context);
  return best === undefined ? [] : [best];
}

/**
 * The candidate whose written values agree with most of the blank node's literal values and
 * types (first in document order on a tie). With `requireEvidence`, a candidate that agrees
 * with nothing is no match. Scored through an inverted index of the candidates' written
 * values, so picking among n siblings costs the matching ones, not n.
 */
function bestMatch(
  term: Term,
  candidates: readonly NodeOccurrence[],
  requireEvidence: boolean,
  context: ValidationContext,
): NodeOccurrence | undefined {
  if (candidates.length === 1 && !requireEvidence) return candidates[0];
  if (candidates.length === 0) return undefined;
  const index = indexOf(context);
  const written = evidenceOf(candidates, index);
  // What every candidate writes adds the same to each score: counted once, not per candidate.
  let shared = 0;
  const scores = new Map<number, number>();
  for (const quad of index.bySubject.get(term.id) ?? []) {
    const lists = quadEvidence(quad)
      .map((key) => written.get(key))
      .filter((list) => list !== undefined);
    // One list (the usual case) is used as it is: no copy of a list every candidate shares.
    const hits = lists.length <= 1 ? (lists[0] ?? []) : [...new Set(lists.flat())];
    if (hits.length === candidates.length) shared++;
    else for (const hit of hits) scores.set(hit, (scores.get(hit) ?? 0) + 1);
  }
  let best = -1;
  let bestScore = 0;
  for (const [candidate, score] of scores) {
    if (score > bestScore || (score === bestScore && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best >= 0) return candidates[best];
  return requireEvidence && shared === 0 ? undefined : candidates[0];
}

/** For each piece of evidence, the positions of the candidates that write it; memoised per list. */
function evidenceOf(
  candidates: readonly NodeOccurrence[],
  index: LocatorIndex,
): Map<string, number[]> {
  let written = index.evidence.get(candidates);
  if (written !== undefined) return written;
  written = new Map();
  for (const [position, candidate] of candidates.entries()) {
    const keys = new Set<string>();
    for (const type of candidate.types) keys.add(`T ${type}`);
    const seenPredicates = new Set<string>();
    for (const key of candidate.keys) {
      const predicate = expandedKey(key, index);
      // Only the first key that expands to a predicate is read (as `keyOf` does).
      if (predicate === undefined || seenPredicates.has(predicate)) continue;
      seenPredicates.add(predicate);
      const value = candidate.json[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        const lexical = writtenLexical(item);
        if (lexical !== undefined) keys.add(`${predicate} ${lexical}`);
      }
    }
    for (const key of keys) push(written, key, position);
  }
  index.evidence.set(candidates, written);
  return written;
}

/**
 * How a JSON value can match a literal's lexical form (as `sameValue` reads it): `S<text>` for
 * strings and booleans, `N<number>` for numbers.
 */
function writtenLexical(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return `S${value}`;
  if (typeof value === 'number') return `N${String(value)}`;
  if (typeof value === 'boolean') return `S${String(value)}`;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '@value' in value)
    return writtenLexical(value['@value']);
  return undefined;
}

/** The evidence keys a candidate writing this quad's type or literal would have. */
function quadEvidence(quad: Quad): string[] {
  const { predicate, object } = quad;
  if (predicate.value === RDF_TYPE) return [`T ${object.value}`];
  if (object.termType !== 'Literal') return [];
  return [
    `${predicate.value} S${object.value}`,
    `${predicate.value} N${String(Number(object.value))}`,
  ];
}

function inDocumentOrder(
  occurrences: readonly NodeOccurrence[],
  index: LocatorIndex,
): NodeOccurrence[] {
  return [...occurrences].sort((a, b) => (index.order.get(a) ?? 0) - (index.order.get(b) ?? 0));
}

function isBlank(occurrence: NodeOccurrence): boolean {
  return occurrence.iri === undefined || occurrence.iri.startsWith('_:');
}
