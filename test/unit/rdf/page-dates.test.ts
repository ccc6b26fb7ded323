import { describe, expect, it } from 'vitest';
import { canonicalizeQuads } from '../../../src/rdf/canonical.js';
import { parseRdf } from '../../../src/rdf/parse.js';
import { serialize } from '../../../src/rdf/serialize.js';
import { withPageDates } from '../../../src/rdf/page-dates.js';
import type { Quad } from '../../../src/rdf/data-factory.js';

const PREFIXES = '@prefix schema: <http://schema.org/>.\n';
const HISTORY = {
  created: new Date('2024-03-01T09:00:00Z'),
  modified: new Date('2025-06-15T23:59:59Z'),
};

async function turtle(text: string): Promise<Quad[]> {
  const parsed = await parseRdf(PREFIXES + text, 'turtle', {
    baseIri: 'http://x.org/',
    file: 'x.ttl',
  });
  return canonicalizeQuads(parsed.quads);
}

describe('withPageDates', () => {
  it('dates every ProfilePage with UTC calendar days typed schema:Date, as the context would', async () => {
    const quads = await turtle(
      '<http://x.org/> a schema:ProfilePage. <http://x.org/p#id> a schema:Person.',
    );
    const dated = await withPageDates(quads, HISTORY);
    expect(await serialize(dated, 'ntriples')).toBe(
      [
        '<http://x.org/> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/ProfilePage> .',
        '<http://x.org/> <http://schema.org/dateCreated> "2024-03-01"^^<http://schema.org/Date> .',
        '<http://x.org/> <http://schema.org/dateModified> "2025-06-15"^^<http://schema.org/Date> .',
        '<http://x.org/p#id> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .',
        '',
      ].join('\n'),
    );
  });

  it('keeps the dates an author wrote and supplies only the missing one', async () => {
    const quads = await turtle(
      '<http://x.org/> a schema:ProfilePage; schema:dateCreated "2010-01-01"^^schema:Date.',
    );
    const dated = await withPageDates(quads, HISTORY);
    const dates = dated.filter((q) => q.predicate.value.startsWith('http://schema.org/date'));
    expect(dates.map((q) => `${q.predicate.value} ${q.object.value}`)).toEqual([
      'http://schema.org/dateCreated 2010-01-01',
      'http://schema.org/dateModified 2025-06-15',
    ]);
  });

  it('adds nothing without a known date, and nothing to graphs without a ProfilePage', async () => {
    const page = await turtle('<http://x.org/> a schema:ProfilePage.');
    expect(await withPageDates(page, {})).toEqual(page);
    const person = await turtle('<http://x.org/p> a schema:Person.');
    expect(await withPageDates(person, HISTORY)).toEqual(person);
  });

  it('re-canonicalises when the page is a blank node, so labels stay deterministic', async () => {
    const quads = await turtle(
      '[] a schema:ProfilePage; schema:name "B". [] a schema:ProfilePage; schema:name "A".',
    );
    const dated = await withPageDates(quads, { modified: HISTORY.modified });
    expect(dated).toHaveLength(6);
    expect(dated).toEqual(await canonicalizeQuads(dated));
  });
});
