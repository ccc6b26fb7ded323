import type { KindTemplate, ReferenceBehaviour } from './reference.js';

/** The offer sets a host configuration routes between (`doc`, `rdf`, the 404 page). */
export type Kind = 'doc' | 'rdf' | 'notfound';

/** The offer sets this Site has, each with its representations (documents and RDF-only ones may be absent). */
export function kinds(reference: ReferenceBehaviour): [Kind, KindTemplate][] {
  const out: [Kind, KindTemplate][] = [];
  if (reference.documents) out.push(['doc', reference.documents]);
  if (reference.rdf) out.push(['rdf', reference.rdf]);
  out.push(['notfound', reference.notFound]);
  return out;
}
