import { childPointer } from '../load/json-pointer.js';
import type { NodeOccurrence } from './node-index.js';
import { locate, type JsonValue, type Position } from '../load/source-file.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { countProgress, type ProgressCounter, type ProgressListener } from '../model/progress.js';
import { NS } from '../rdf/data-factory.js';
import type { ValidationContext } from './context.js';
import { isMediaPath } from '../load/media-files.js';

/**
 * Properties that hold one value per node, so two different values for the same `@id` in two
 * places are a contradiction rather than a merge (schema.org declares no cardinalities; these
 * are the ones a profile cannot sensibly have twice).
 */
export const SINGLE_VALUED_PROPERTIES: ReadonlySet<string> = new Set(
  [
    'name',
    'headline',
    'description',
    'jobTitle',
    'roleName',
    'givenName',
    'familyName',
    'birthDate',
    'deathDate',
    'startDate',
    'endDate',
    'foundingDate',
    'dissolutionDate',
    'dateCreated',
    'dateModified',
    'datePublished',
    'userInteractionCount',
    'codeRepository',
    'url',
    'inLanguage',
    'mainEntity',
    'parentOrganization',
  ].map((term) => NS.schema + term),
);

const PROFILE_PAGE = `${NS.schema}ProfilePage`;
const MAIN_ENTITY = `${NS.schema}mainEntity`;

/**
 * Graph integrity (layer 5): every `@id` the data points at inside the site is described
 * somewhere in data/ (`graph/dangling-reference`); one `@id` described in two places does not
 * contradict itself on a single-valued property (`graph/conflicting-value`, naming both
 * places); every ProfilePage has a mainEntity (`graph/missing-main-entity`). IRIs outside the
 * site's base URL are external and need no description. `onProgress` hears of the passes'
 * items (stage `integrity`).
 */
export function checkIntegrity(
  context: ValidationContext,
  onProgress?: ProgressListener,
): Diagnostic[] {
  // Three passes: over every occurrence, every described IRI, every occurrence again.
  const { occurrences, definitions } = context.nodes;
  const progress = countProgress(
    onProgress,
    'integrity',
    2 * occurrences.length + definitions.size,
  );
  const found = [
    ...danglingReferences(context, progress),
    ...conflictingValues(context, progress),
    ...missingMainEntities(context, progress),
  ];
  progress.end();
  return found;
}

function danglingReferences(context: ValidationContext, progress: ProgressCounter): Diagnostic[] {
  const { nodes, terms, config } = context;
  const diagnostics: Diagnostic[] = [];
  const check = (file: string, pointer: string, written: string) => {
    const iri = terms.expandId(written, config.baseUrl);
    if (iri.startsWith('_:') || !isInternal(iri, config.baseUrl) || nodes.definitions.has(iri))
      return;
    // An image inside the site is a file of the data folder at the same path, not a node.
    const relative = mediaPathOf(iri, config.baseUrl);
    if (relative !== undefined) {
      if (context.media.has(relative)) return;
      diagnostics.push({
        code: 'graph/missing-media',
        severity: 'error',
        message: `"${written}" (<${iri}>) names the image ${config.data}/${relative}, which does not exist.`,
        hint: `put the image at ${config.data}/${relative}, fix the path, or use an absolute URL for an image hosted elsewhere`,
        file,
        pointer,
        ...positionOf(context, file, pointer),
      });
      return;
    }
    diagnostics.push({
      code: 'graph/dangling-reference',
      severity: 'error',
      message: `"${written}" (<${iri}>) is referenced here but described nowhere in the data.`,
      hint: 'add a file that describes it, fix the @id, or use an absolute IRI for an external thing',
      file,
      pointer,
      ...positionOf(context, file, pointer),
    });
  };
  for (const occurrence of nodes.occurrences) {
    progress.tick();
    if (occurrence.reference && occurrence.iri !== undefined) {
      const idKey = Object.keys(occurrence.json).find((key) => isIdKey(key, context)) ?? '@id';
      const written = occurrence.json[idKey];
      if (typeof written === 'string')
        check(occurrence.file, childPointer(occurrence.pointer, idKey), written);
    }
    // Strings under IRI-valued terms (isBasedOn, url, sameAs...) are references too.
    for (const key of occurrence.keys) {
      if (!terms.idCoerced.has(key)) continue;
      const value = occurrence.json[key];
      forEachString(value, childPointer(occurrence.pointer, key), (text, pointer) => {
        check(occurrence.file, pointer, text);
      });
    }
  }
  return diagnostics;
}

function conflictingValues(context: ValidationContext, progress: ProgressCounter): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [iri, occurrences] of context.nodes.definitions) {
    progress.tick();
    if (occurrences.length < 2) continue;
    const first = new Map<string, { occurrence: NodeOccurrence; key: string; value: string }>();
    for (const occurrence of occurrences) {
      for (const key of occurrence.keys) {
        const expanded = context.terms.expandTerm(key);
        if (expanded.kind !== 'iri' || !SINGLE_VALUED_PROPERTIES.has(expanded.iri)) continue;
        const value = normalise(occurrence.json[key], context);
        if (value === undefined) continue;
        const earlier = first.get(expanded.iri);
        if (!earlier) {
          first.set(expanded.iri, { occurrence, key, value });
          continue;
        }
        if (earlier.value === value) continue;
        const pointer = childPointer(occurrence.pointer, key);
        const there = childPointer(earlier.occurrence.pointer, earlier.key);
        const thereAt = positionOf(context, earlier.occurrence.file, there);
        diagnostics.push({
          code: 'graph/conflicting-value',
          severity: 'error',
          message: `<${iri}> has ${key} ${value} here but ${earlier.value} at ${earlier.occurrence.file}${
            thereAt.line === undefined ? '' : `:${thereAt.line}:${thereAt.column ?? 1}`
          }; it can have only one.`,
          file: occurrence.file,
          pointer,
          focusNode: iri,
          ...positionOf(context, occurrence.file, pointer),
        });
      }
    }
  }
  return diagnostics;
}

function missingMainEntities(context: ValidationContext, progress: ProgressCounter): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const occurrence of context.nodes.occurrences) {
    progress.tick();
    if (!occurrence.types.includes(PROFILE_PAGE)) continue;
    const key = occurrence.iri ?? `${occurrence.file}#${occurrence.pointer}`;
    if (reported.has(key)) continue;
    const all =
      occurrence.iri === undefined
        ? [occurrence]
        : (context.nodes.definitions.get(occurrence.iri) ?? [occurrence]);
    const hasMainEntity = all.some((each) =>
      each.keys.some((name) => {
        const expanded = context.terms.expandTerm(name);
        return expanded.kind === 'iri' && expanded.iri === MAIN_ENTITY;
      }),
    );
    if (hasMainEntity) continue;
    reported.add(key);
    diagnostics.push({
      code: 'graph/missing-main-entity',
      severity: 'error',
      message: `ProfilePage${occurrence.iri ? ` <${occurrence.iri}>` : ''} has no mainEntity: say whom the page is about.`,
      hint: 'add "mainEntity": { "@id": "people/…#id" }',
      file: occurrence.file,
      pointer: occurrence.pointer,
      ...(occurrence.iri ? { focusNode: occurrence.iri } : {}),
      ...positionOf(context, occurrence.file, occurrence.pointer),
    });
  }
  return diagnostics;
}

function isIdKey(key: string, context: ValidationContext): boolean {
  const term = context.terms.expandTerm(key);
  return term.kind === 'keyword' && term.keyword === '@id';
}

/** The path under the base URL of an internal IRI naming an image file, without query or fragment. */
function mediaPathOf(iri: string, baseUrl: string): string | undefined {
  const url = new URL(iri);
  const base = new URL(baseUrl);
  if (!url.pathname.startsWith(base.pathname) || !isMediaPath(url.pathname)) return undefined;
  try {
    return decodeURIComponent(url.pathname.slice(base.pathname.length));
  } catch {
    return undefined;
  }
}

function isInternal(iri: string, baseUrl: string): boolean {
  return iri.startsWith(baseUrl) || iri === baseUrl.replace(/\/$/, '');
}

/** A comparable rendering of a single value; undefined for arrays (several values) or objects without @id. */
function normalise(value: JsonValue | undefined, context: ValidationContext): string | undefined {
  if (value === undefined || value === null || Array.isArray(value)) return undefined;
  if (typeof value === 'object') {
    const id = value['@id'] ?? value.id;
    if (typeof id === 'string') return `<${context.terms.expandId(id, context.config.baseUrl)}>`;
    const literal = value['@value'];
    return literal === undefined || literal === null || typeof literal === 'object'
      ? undefined
      : JSON.stringify(literal);
  }
  return JSON.stringify(value);
}

function forEachString(
  value: JsonValue | undefined,
  pointer: string,
  visit: (text: string, pointer: string) => void,
): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      forEachString(item, childPointer(pointer, index), visit);
    });
  }
}

function positionOf(context: ValidationContext, file: string, pointer: string): Partial<Position> {
  const source = context.sources.find((each) => each.path === file);
  return (source && locate(source, pointer)) ?? {};
}
