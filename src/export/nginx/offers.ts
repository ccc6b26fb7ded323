import { kinds } from '../offer-kinds.js';
import type { ReferenceBehaviour, RepresentationTemplate } from '../reference.js';

/** Every file extension of every representation, once each. */
export function extensionsOf(reference: ReferenceBehaviour): string[] {
  const all = kinds(reference).flatMap(([, kind]) => kind.representations.map((r) => r.extension));
  return [...new Set(all)];
}

/** One representation per extension (the first), leaving out the JSON-LD forms. */
export function uniqueByExtension(reference: ReferenceBehaviour): RepresentationTemplate[] {
  const seen = new Map<string, RepresentationTemplate>();
  for (const [, template] of kinds(reference)) {
    for (const r of template.representations) {
      if (r.format.startsWith('jsonld-')) continue;
      if (!seen.has(r.extension)) seen.set(r.extension, r);
    }
  }
  return [...seen.values()];
}

/** The names a ?format= value may use for each format (negotiate.ts `offerFromQuery`). */
export function queryFormats(
  reference: ReferenceBehaviour,
): [names: readonly string[], format: string][] {
  return reference.queryNames.map(({ names, format }) => [names, format]);
}

/** The variable holding a common header's value for the final status. */
export function statusVariable(name: string): string {
  return `pg_status_${name.toLowerCase().replaceAll('-', '_')}`;
}

/** The variable holding an HTML-only or preflight-only header's value. */
export function headerVariable(name: string): string {
  return `pg_header_${name.toLowerCase().replaceAll('-', '_')}`;
}

/** Preflight headers beyond the common ones and Allow. */
export function preflightOnly(reference: ReferenceBehaviour): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reference.preflight).filter(
      ([name]) => !(name in reference.common) && name !== 'Allow',
    ),
  );
}
