import { namedNode } from '../../rdf/data-factory.js';
import { hasType } from './graph.js';
import { renderDocument } from './layout.js';
import type { PageInput } from './page-input.js';
import { renderEntityParts } from './render-entity.js';
import { renderProfileParts } from './render-profile.js';
import { readProfile, type Profile } from './profile-model.js';
import type { QuadSource } from '../../rdf/quad-index.js';

export type { PageAlternate, PageInput } from './page-input.js';

/**
 * Renders one document of the site as a complete HTML5 page. A document holding a
 * schema:ProfilePage whose mainEntity is a schema:Person gets the CV layout; every other
 * document gets the generic layout (each subject's properties plus the nodes linking to it).
 * Every page embeds `input.jsonLd` once, escaped for a script element, and links its
 * alternates. Pure and deterministic: the same input gives the same string.
 */
export function renderPage(input: PageInput): string {
  const profile = findProfile(input.graph, input.subjects, input.site.baseUrl, input.site.language);
  return profile === undefined
    ? renderDocument(input, renderEntityParts(input))
    : renderDocument(input, renderProfileParts(input, profile));
}

/**
 * The CV of the first of `subjects` that is a schema:ProfilePage about a schema:Person, or
 * `undefined` when none is (that document gets the generic layout).
 */
export function findProfile(
  graph: QuadSource,
  subjects: readonly string[],
  baseUrl: string,
  language: string,
): Profile | undefined {
  for (const iri of subjects) {
    const subject = namedNode(iri);
    if (!hasType(graph, subject, 'ProfilePage')) continue;
    const profile = readProfile(graph, subject, baseUrl, language);
    if (profile !== undefined) return profile;
  }
  return undefined;
}
