import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

const PAGES = path.join(REPO_ROOT, 'test/fixtures/pages');
const SHAPES = path.join(REPO_ROOT, 'shapes');

/** The 1-based line and column of the `occurrence`-th `needle` in a fixture page. */
function at(file: string, needle: string, occurrence = 1): { line: number; column: number } {
  const text = readFileSync(path.join(PAGES, file), 'utf8');
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

async function validate(paths: string[]) {
  const io = capturedIo({ cwd: PAGES });
  const status = await main(['validate', '--shapes', SHAPES, '--format', 'json', ...paths], io);
  return { status, diagnostics: JSON.parse(io.out || '[]') as Diagnostic[], err: io.err };
}

describe('profile-graph validate on HTML pages', () => {
  it('WordPress/Yoast: one @graph, each finding at its column on the page line; the author nothing links is an orphan', async () => {
    expect(await validate(['yoast'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'vocab/range',
          severity: 'warning',
          message: 'Property "item" expects Thing, not a text value.',
          hint: 'give a node ({"@type": "Thing", …}) or a reference ({"@id": …})',
          file: 'yoast/index.html',
          pointer: '/0/@graph/1/itemListElement/0/item',
          ...at('yoast/index.html', '"item"'),
        },
        {
          code: 'graph/orphan-node',
          severity: 'warning',
          message:
            "This Person <https://blog.example/#/schema/person/1a2b> is linked from no other node of the page, so search engines read it as unrelated to the page's items.",
          hint: 'link it from the item it belongs to ({"@id": "https://blog.example/#/schema/person/1a2b"} under author, publisher, about…)',
          file: 'yoast/index.html',
          pointer: '/0/@graph/4',
          focusNode: 'https://blog.example/#/schema/person/1a2b',
          ...at('yoast/index.html', '{"@type":"Person"'),
        },
        {
          code: 'vocab/unknown-property',
          severity: 'error',
          message: '"jobtitle" is not a schema.org property.',
          hint: 'did you mean "jobTitle"?',
          file: 'yoast/index.html',
          pointer: '/0/@graph/4/jobtitle',
          ...at('yoast/index.html', '"jobtitle"'),
        },
      ],
    });
  });

  it('Next.js: the blocks of one page are one graph; a node described twice conflicts; __NEXT_DATA__ is not JSON-LD', async () => {
    const first = at('nextjs/index.html', '"name":"Sheng Zha"');
    expect(await validate(['nextjs/index.html'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'graph/conflicting-value',
          severity: 'error',
          message: `<https://people.example/sheng-zha#person> has name "Sheng  Zha" here but "Sheng Zha" at nextjs/index.html:${String(first.line)}:${String(first.column)}; it can have only one.`,
          file: 'nextjs/index.html',
          pointer: '/2/name',
          focusNode: 'https://people.example/sheng-zha#person',
          ...at('nextjs/index.html', '"name":"Sheng  Zha"'),
        },
      ],
    });
  });

  it('WordPress with a second plugin: one @id typed Organization in one block and Person in another', async () => {
    const organization = at('wordpress/index.html', '"@type":"Organization"');
    const name = at('wordpress/index.html', '"name":"Example Shop","url"');
    expect(await validate(['wordpress'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'graph/conflicting-type',
          severity: 'error',
          message: `<https://shop.example/#organization> is a Person here but an Organization at wordpress/index.html:${String(organization.line)}:${String(organization.column)}; one @id names one thing.`,
          hint: 'give each thing its own @id',
          file: 'wordpress/index.html',
          pointer: '/1/@type',
          focusNode: 'https://shop.example/#organization',
          ...at('wordpress/index.html', '"@type": "Person"'),
        },
        {
          code: 'graph/conflicting-value',
          severity: 'error',
          message: `<https://shop.example/#organization> has name "Ada Example" here but "Example Shop" at wordpress/index.html:${String(name.line)}:${String(name.column)}; it can have only one.`,
          file: 'wordpress/index.html',
          pointer: '/1/name',
          focusNode: 'https://shop.example/#organization',
          ...at('wordpress/index.html', '"name": "Ada Example"'),
        },
      ],
    });
  });

  it('unhead: an image node nothing links, and a rating block of its own, are orphans', async () => {
    expect(await validate(['unhead'])).toEqual({
      status: 0,
      err: '',
      diagnostics: [
        {
          code: 'graph/orphan-node',
          severity: 'warning',
          message:
            "This ImageObject <https://docs.example/#/schema/image/1> is linked from no other node of the page, so search engines read it as unrelated to the page's items.",
          hint: 'link it from the item it belongs to ({"@id": "https://docs.example/#/schema/image/1"} under author, publisher, about…)',
          file: 'unhead/index.html',
          pointer: '/0/@graph/3',
          focusNode: 'https://docs.example/#/schema/image/1',
          ...at('unhead/index.html', '{"@id":"https://docs.example/#/schema/image/1"'),
        },
        {
          code: 'graph/orphan-node',
          severity: 'warning',
          message:
            "This AggregateRating is linked from no other node of the page, so search engines read it as unrelated to the page's items.",
          hint: 'nest it under the item it belongs to, or give it an @id and link that from the item',
          file: 'unhead/index.html',
          pointer: '/1',
          ...at('unhead/index.html', '{"@context":"https://schema.org","@type":"AggregateRating"'),
        },
      ],
    });
  });

  it("Hugo: a template's trailing comma is a syntax error at the page's line and column", async () => {
    expect(await validate(['hugo/*.html'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'syntax/invalid-json',
          severity: 'error',
          message: 'Invalid JSON: Unexpected token RBracket found.',
          file: 'hugo/index.html',
          ...at('hugo/index.html', ']'),
        },
      ],
    });
  });

  it('pages are separate graphs: the same @id named differently on two pages is no conflict', async () => {
    const site = await mkdtemp(path.join(tmpdir(), 'pg-site-'));
    const organization = (name: string) =>
      `<!DOCTYPE html><html><head><script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Organization',
        '@id': 'https://shop.example/#organization',
        name,
      })}</script></head></html>\n`;
    await writeFile(path.join(site, 'a.html'), organization('Example'));
    await writeFile(path.join(site, 'b.html'), organization('Example Inc.'));
    const io = capturedIo({ cwd: site });
    const status = await main(
      ['validate', '--shapes', SHAPES, '--rules', 'schema.org', '--format', 'json', '.'],
      io,
    );
    expect({ status, out: JSON.parse(io.out) as unknown, err: io.err }).toEqual({
      status: 0,
      out: [],
      err: '',
    });
  });
});
