import { childPointer } from '../load/json-pointer.js';
import type { NodeOccurrence } from '../load/node-index.js';
import { diagnosticAt, type JsonValue } from '../load/source-file.js';
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
  const source =
    location && context.sources.find((candidate) => candidate.path === location.occurrence.file);
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
  const term = context.terms.expandTerm(key);
  return term.kind === 'iri' && term.iri === predicate;
}

function quadsWithObject(term: Term, context: ValidationContext): Quad[] {
  return context.quads.filter((quad) => quad.object.equals(term));
}

/** Node objects a term is written as, best first; `seen` guards against blank node cycles. */
function occurrencesOf(
  term: Term,
  context: ValidationContext,
  seen: Set<string>,
): NodeOccurrence[] {
  if (term.termType === 'NamedNode') {
    const definitions = context.nodes.definitions.get(term.value) ?? [];
    const references = context.nodes.occurrences.filter(
      (occurrence) => occurrence.iri === term.value && occurrence.reference,
    );
    return [...definitions, ...references];
  }
  if (term.termType !== 'BlankNode' || seen.has(term.value)) return [];
  seen.add(term.value);
  const candidates: NodeOccurrence[] = [];
  const parentQuads = quadsWithObject(term, context);
  for (const quad of parentQuads) {
    const parents = new Set(occurrencesOf(quad.subject, context, seen));
    candidates.push(
      ...context.nodes.occurrences.filter(
        (occurrence) =>
          isBlank(occurrence) &&
          occurrence.parent !== undefined &&
          parents.has(occurrence.parent) &&
          occurrence.parentKey !== undefined &&
          expandsTo(occurrence.parentKey, quad.predicate.value, context),
      ),
    );
  }
  const topLevel = parentQuads.length === 0;
  if (topLevel) {
    candidates.push(
      ...context.nodes.occurrences.filter(
        (occurrence) => isBlank(occurrence) && occurrence.parent === undefined,
      ),
    );
  }
  const best = bestMatch(term, candidates, topLevel, context);
  return best === undefined ? [] : [best];
}

/**
 * The candidate whose written values agree with most of the blank node's literal values and
 * types (first in document order on a tie). With `requireEvidence`, a candidate that agrees
 * with nothing is no match.
 */
function bestMatch(
  term: Term,
  candidates: readonly NodeOccurrence[],
  requireEvidence: boolean,
  context: ValidationContext,
): NodeOccurrence | undefined {
  if (candidates.length === 1 && !requireEvidence) return candidates[0];
  const described = context.quads.filter((quad) => quad.subject.equals(term));
  let best: NodeOccurrence | undefined;
  let bestScore = requireEvidence ? 0 : -1;
  for (const candidate of candidates) {
    const score = described.filter((quad) => writes(candidate, quad, context)).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** True when the occurrence writes the quad's type or literal value. */
function writes(occurrence: NodeOccurrence, quad: Quad, context: ValidationContext): boolean {
  const { predicate, object } = quad;
  if (predicate.value === RDF_TYPE) return occurrence.types.includes(object.value);
  if (object.termType !== 'Literal') return false;
  const key = keyOf(occurrence, predicate.value, context);
  if (key === undefined) return false;
  const written = occurrence.json[key];
  const values = Array.isArray(written) ? written : [written];
  return values.some((value) => value !== undefined && sameValue(value, object.value));
}

function isBlank(occurrence: NodeOccurrence): boolean {
  return occurrence.iri === undefined || occurrence.iri.startsWith('_:');
}

/** Whether a JSON value is written for a literal's lexical form (`2500` for `"2500"`). */
function sameValue(value: JsonValue, lexical: string): boolean {
  if (typeof value === 'string') return value === lexical;
  if (typeof value === 'number') return Number(lexical) === value;
  if (typeof value === 'boolean') return String(value) === lexical;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '@value' in value) {
    return sameValue(value['@value'], lexical);
  }
  return false;
}
