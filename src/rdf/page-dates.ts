import { canonicalizeQuads, sortQuads } from './canonical.js';
import { literal, namedNode, NS, quad, RDF_TYPE, type Quad } from './data-factory.js';

const PROFILE_PAGE = `${NS.schema}ProfilePage`;
const DATE_CREATED = namedNode(`${NS.schema}dateCreated`);
const DATE_MODIFIED = namedNode(`${NS.schema}dateModified`);
// The schema.org context coerces dateCreated/dateModified to schema:Date, so this is exactly
// the triple an author writing `"dateModified": "2026-11-28"` would get, and the compacted
// JSON-LD embedded in pages shows a plain ISO 8601 date, as Google's ProfilePage docs show.
const SCHEMA_DATE = namedNode(`${NS.schema}Date`);

/**
 * Adds `schema:dateCreated` and `schema:dateModified` from the data's history to every
 * ProfilePage that does not state its own (what the author wrote always wins). Dates are UTC
 * calendar days. Returns the dataset in canonical order; unchanged when there is nothing to add.
 */
export async function withPageDates(
  quads: readonly Quad[],
  history: { created?: Date | undefined; modified?: Date | undefined },
): Promise<Quad[]> {
  const pages = new Set<Quad['subject']>();
  const stated = new Set<string>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE && q.object.value === PROFILE_PAGE) pages.add(q.subject);
    if (q.predicate.equals(DATE_CREATED) || q.predicate.equals(DATE_MODIFIED))
      stated.add(`${q.predicate.value} ${q.subject.termType} ${q.subject.value}`);
  }
  const added: Quad[] = [];
  const dates: [typeof DATE_CREATED, Date | undefined][] = [
    [DATE_CREATED, history.created],
    [DATE_MODIFIED, history.modified],
  ];
  for (const page of pages) {
    for (const [predicate, date] of dates) {
      if (date === undefined) continue;
      if (stated.has(`${predicate.value} ${page.termType} ${page.value}`)) continue;
      added.push(quad(page, predicate, literal(date.toISOString().slice(0, 10), SCHEMA_DATE)));
    }
  }
  if (added.length === 0) return [...quads];
  const merged = [...quads, ...added];
  // New triples on a blank node change its canonical label; on IRIs, sorting is enough.
  return added.some((q) => q.subject.termType === 'BlankNode')
    ? canonicalizeQuads(merged)
    : sortQuads(merged);
}
