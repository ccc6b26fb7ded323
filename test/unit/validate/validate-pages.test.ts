import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { ProfileGraphError, type Diagnostic } from '../../../src/model/diagnostic.js';
import { validatePages } from '../../../src/validate/validate-pages.js';
import {
  createValidators,
  validateProfile,
  type Validators,
} from '../../../src/validate/validate.js';
import { REPO_ROOT } from '../../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');

/** A page whose head holds `graph` as one JSON-LD block. */
function page(graph: unknown): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><title>Post</title>
<script type="application/ld+json">${JSON.stringify(graph)}</script>
</head><body></body></html>
`;
}

const ORGANIZATION = 'https://shop.example/#organization';

// The site's Organization on every page, named differently on the second: pages are separate
// graphs, so that is no conflict; the typo on the second page is its own finding. Triples: 3 on
// the first page, 4 on the second (the unknown term expands under schema.org's @vocab).
const PAGES: Record<string, string> = {
  'a.html': page({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': ORGANIZATION,
    name: 'Example',
    url: 'https://shop.example/',
  }),
  'b.html': page({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': ORGANIZATION,
    name: 'Example Inc.',
    url: 'https://shop.example/',
    fundr: 'Ada',
  }),
  'no-data.html': '<!DOCTYPE html><title>Nothing</title>\n',
};

let root: string;
let validators: Validators;
const files = () =>
  Object.keys(PAGES).map((name) => ({ file: path.join(root, name), display: name }));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pg-pages-'));
  for (const [name, text] of Object.entries(PAGES)) await writeFile(path.join(root, name), text);
  validators = await createValidators(SHAPES, root, { ruleSets: ['schema.org', 'google'] });
});

const FUNDR: Diagnostic = {
  code: 'vocab/unknown-property',
  severity: 'error',
  message: '"fundr" is not a schema.org property.',
  hint: 'did you mean "funder"?',
  file: 'b.html',
  pointer: '/0/fundr',
  ...at(PAGES['b.html'] ?? '', '"fundr"'),
};

/** The 1-based line and column of `needle` in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

describe('validatePages', () => {
  it('checks each page as its own graph: an @id on two pages with two names is no conflict', async () => {
    const result = await validatePages(DEFAULT_CONFIG, validators, files());
    expect(result.diagnostics).toEqual([FUNDR]);
    expect({ files: result.files, triples: result.triples }).toEqual({ files: 2, triples: 7 });
  });

  it('finds the same in worker threads as in this one', async () => {
    const inThread = await validatePages(DEFAULT_CONFIG, validators, files());
    const inWorkers = await validatePages(DEFAULT_CONFIG, validators, files(), {
      workers: 2,
      parallelMinPages: 0,
    });
    expect({ ...inWorkers, timings: {} }).toEqual({ ...inThread, timings: {} });
  });

  it('keeps JSON-LD documents one graph together, as a data folder: there the same @id conflicts', async () => {
    const documents = ['one.jsonld', 'two.jsonld'];
    for (const [index, name] of ['Example', 'Example Inc.'].entries())
      await writeFile(
        path.join(root, documents[index] ?? ''),
        `${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Organization', '@id': ORGANIZATION, name }, null, 2)}\n`,
      );
    const result = await validatePages(DEFAULT_CONFIG, validators, [
      ...documents.map((name) => ({ file: path.join(root, name), display: name })),
      ...files(),
    ]);
    expect(result.diagnostics).toEqual([
      FUNDR,
      expect.objectContaining({
        code: 'graph/conflicting-value',
        file: 'two.jsonld',
        pointer: '/name',
        line: 5,
        column: 3,
      }),
    ]);
    expect(result.files).toBe(4);
  });

  it("keeps a page's Microdata located when its file is checked on a worker thread", async () => {
    // A Microdata node is not written in the page's JSON text: its positions are anchors that
    // travel with the source (SourceFile.anchors).
    const microdata =
      '<!DOCTYPE html>\n<div itemscope itemtype="https://schema.org/Person">\n  <span itemprop="nmae">Jo</span>\n</div>\n';
    await writeFile(path.join(root, 'microdata.html'), microdata);
    const pages = ['b.html', 'microdata.html'].map((name) => ({
      file: path.join(root, name),
      display: name,
    }));
    const inThread = await validateProfile(DEFAULT_CONFIG, root, validators, { files: pages });
    expect(inThread.diagnostics).toEqual([
      FUNDR,
      {
        code: 'vocab/unknown-property',
        severity: 'error',
        message: '"nmae" is not a schema.org property.',
        hint: 'did you mean "name"?',
        file: 'microdata.html',
        pointer: '/0/nmae',
        ...at(microdata, 'itemprop="nmae"'),
      },
    ]);
    const inWorkers = await validateProfile(DEFAULT_CONFIG, root, validators, {
      files: pages,
      workers: 2,
      parallelMinFiles: 1,
    });
    expect(inWorkers.diagnostics).toEqual(inThread.diagnostics);
  });

  it("rejects with a worker's setup failure as a diagnostic, exit code 2", async () => {
    const checking = validatePages(
      DEFAULT_CONFIG,
      { ...validators, shapesDir: path.join(root, 'no-such-shapes') },
      files(),
      { workers: 2, parallelMinPages: 0 },
    );
    const error: unknown = await checking.catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      expect.objectContaining({ code: 'io/not-found' }),
    ]);
  });
});
