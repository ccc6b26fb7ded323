import { namedNode } from '../../rdf/data-factory.js';
import { hasType } from './graph.js';
import { renderDocument } from './layout.js';
import type { PageInput } from './page-input.js';
import { renderEntityParts } from './render-entity.js';
import { renderProfileParts } from './render-profile.js';
import { readProfile } from './profile-model.js';

export type { PageAlternate, PageInput } from './page-input.js';

/**
 * Renders one document of the site as a complete HTML5 page. A document holding a
 * schema:ProfilePage whose mainEntity is a schema:Person gets the CV layout; every other
 * document gets the generic layout (each subject's properties plus the nodes linking to it).
 * Every page embeds `input.jsonLd` once, escaped for a script element, and links its
 * alternates. Pure and deterministic: the same input gives the same string.
 */
export function renderPage(input: PageInput): string {
  for (const iri of input.subjects) {
    const subject = namedNode(iri);
    if (!hasType(input.graph, subject, 'ProfilePage')) continue;
    const profile = readProfile(input.graph, subject, input.site.baseUrl, input.site.language);
    if (profile !== undefined) return renderDocument(input, renderProfileParts(input, profile));
  }
  return renderDocument(input, renderEntityParts(input));
}
