import { childPointer } from '../load/json-pointer.js';
import { locate, type Position } from '../load/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { NS } from '../rdf/data-factory.js';
import type { Vocabulary } from '../vocab/schema-vocabulary.js';
import type { ValidationContext } from './context.js';
import type { NodeOccurrence } from './node-index.js';

/**
 * The types a search engine reads as an item on their own, at the top level of a page: the page
 * and its site, and the types of Google Search's rich results. Any other node (a Person, an
 * ImageObject, an Offer) tells something only about the item that links to it.
 */
const STAND_ALONE_TYPES = [
  'WebPage',
  'WebSite',
  'Article',
  'BreadcrumbList',
  'Course',
  'Dataset',
  'Event',
  'JobPosting',
  'Organization',
  'Product',
  'Recipe',
  'SoftwareApplication',
  'VideoObject',
].map((name) => NS.schema + name);

/**
 * The integrity of one page's graph (see `validatePages`), beyond `checkIntegrity`'s:
 * `graph/conflicting-type`, an `@id` given, in two places of the page, types of which neither is
 * a schema.org subclass of the other (a Person in one block, an Organization in another): one
 * `@id` names one thing, and a search engine merges both descriptions into it. And
 * `graph/orphan-node` (a warning), a node at the top level of a block or of an `@graph` that no
 * other node of the page links to and that is not of a type read on its own
 * ({@link STAND_ALONE_TYPES}): search engines take unlinked items as unrelated, so what it says
 * is lost. A data folder is a profile, not a page, and is not checked this way.
 */
export function checkPageIntegrity(
  context: ValidationContext,
  vocabulary: Vocabulary,
): Diagnostic[] {
  return [...conflictingTypes(context, vocabulary), ...orphans(context, vocabulary)];
}

function conflictingTypes(context: ValidationContext, vocabulary: Vocabulary): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byIri = new Map<string, NodeOccurrence[]>();
  for (const occurrence of context.nodes.occurrences) {
    if (occurrence.iri === undefined || occurrence.types.length === 0) continue;
    byIri.set(occurrence.iri, [...(byIri.get(occurrence.iri) ?? []), occurrence]);
  }
  const related = (a: string, b: string) =>
    a === b || vocabulary.isSubClassOf(a, b) || vocabulary.isSubClassOf(b, a);
  for (const [iri, occurrences] of byIri) {
    const [first, ...later] = occurrences;
    if (first === undefined) continue;
    const known = first.types.filter((type) => vocabulary.isClass(type));
    for (const occurrence of later) {
      const clash = occurrence.types.find(
        (type) => vocabulary.isClass(type) && !known.some((each) => related(each, type)),
      );
      if (clash === undefined) continue;
      const pointer = typePointer(occurrence, context);
      const there = typePointer(first, context);
      const thereAt = positionOf(context, first.file, there);
      diagnostics.push({
        code: 'graph/conflicting-type',
        severity: 'error',
        message: `<${iri}> is ${withArticle(shortName(clash))} here but ${withArticle(known.map(shortName).join(', '))} at ${first.file}${
          thereAt.line === undefined
            ? ''
            : `:${String(thereAt.line)}:${String(thereAt.column ?? 1)}`
        }; one @id names one thing.`,
        hint: 'give each thing its own @id',
        file: occurrence.file,
        pointer,
        focusNode: iri,
        ...positionOf(context, occurrence.file, pointer),
      });
    }
  }
  return diagnostics;
}

function orphans(context: ValidationContext, vocabulary: Vocabulary): Diagnostic[] {
  const linked = new Set<string>();
  for (const { subject, object } of context.quads)
    if (object.termType === 'NamedNode' && !object.equals(subject)) linked.add(object.value);
  const standsAlone = (types: Iterable<string>) =>
    [...types].some((type) =>
      STAND_ALONE_TYPES.some((alone) => type === alone || vocabulary.isSubClassOf(type, alone)),
    );
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const occurrence of context.nodes.occurrences) {
    if (occurrence.parent !== undefined || occurrence.reference) continue;
    const { iri } = occurrence;
    if (iri !== undefined && (linked.has(iri) || reported.has(iri))) continue;
    const types = iri === undefined ? occurrence.types : context.nodes.typesOf(iri);
    if (standsAlone(types)) continue;
    if (iri !== undefined) reported.add(iri);
    const named = [...types].map(shortName).join(', ') || 'node';
    diagnostics.push({
      code: 'graph/orphan-node',
      severity: 'warning',
      message: `This ${named}${iri === undefined ? '' : ` <${iri}>`} is linked from no other node of the page, so search engines read it as unrelated to the page's items.`,
      hint:
        iri === undefined
          ? 'nest it under the item it belongs to, or give it an @id and link that from the item'
          : `link it from the item it belongs to ({"@id": "${iri}"} under author, publisher, about…)`,
      file: occurrence.file,
      pointer: occurrence.pointer,
      ...(iri === undefined ? {} : { focusNode: iri }),
      ...positionOf(context, occurrence.file, occurrence.pointer),
    });
  }
  return diagnostics;
}

/** Where a node's `@type` (or `type`) is written, else the node itself. */
function typePointer(occurrence: NodeOccurrence, context: ValidationContext): string {
  const key = Object.keys(occurrence.json).find((name) => {
    const term = context.terms.expandTerm(name);
    return term.kind === 'keyword' && term.keyword === '@type';
  });
  return key === undefined ? occurrence.pointer : childPointer(occurrence.pointer, key);
}

/** "a Person", "an Organization". */
function withArticle(name: string): string {
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function shortName(iri: string): string {
  return iri.startsWith(NS.schema) ? iri.slice(NS.schema.length) : `<${iri}>`;
}

function positionOf(context: ValidationContext, file: string, pointer: string): Partial<Position> {
  const source = context.sources.find((each) => each.path === file);
  return (source && locate(source, pointer)) ?? {};
}
