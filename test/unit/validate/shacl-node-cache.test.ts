import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { validatePages } from '../../../src/validate/validate-pages.js';
import { createValidators } from '../../../src/validate/validate.js';
import { REPO_ROOT } from '../../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');
const SITE = 'https://blog.example/';

/** A page whose head holds `graph` as one JSON-LD block, `padding` blank lines down. */
function page(graph: unknown, padding = 0): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><title>Post</title>${'\n'.repeat(padding)}
<script type="application/ld+json">${JSON.stringify(graph, null, 1)}</script>
</head><body></body></html>
`;
}

/** A post and its author, Yoast-style; `author` and `post` are merged into their nodes. */
function graph(author: Record<string, unknown> = {}, post: Record<string, unknown> = {}): unknown {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'BlogPosting',
        '@id': `${SITE}post#article`,
        headline: 'A post',
        author: { '@id': `${SITE}#ada` },
        ...post,
      },
      { '@type': 'Person', '@id': `${SITE}#ada`, name: 'Ada', ...author },
    ],
  };
}

/** A page holding a Dataset described as `description`. */
function dataset(description: string): string {
  return page({
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': `${SITE}#data`,
    name: 'Measurements',
    description,
  });
}

const SHORT = 'Too short.';
const LONG = 'Hourly measurements of the river level at the gauge, since 1990, in cm.';

// The same nodes on several pages (one further down its page), and pages that differ from
// them in one value: the author's url (its url warning goes), the post's headline (the author
// is described the same and its results are reused), a literal's language, a Dataset's
// description (long enough on h only).
const PAGES: Record<string, string> = {
  'a.html': page(graph()),
  'b.html': page(graph()),
  'c.html': page(graph(), 7),
  'd.html': page(graph({ url: 'https://ada.example/' })),
  'e.html': page(graph({}, { headline: 'Another post' })),
  'f.html': page(graph({ name: { '@value': 'Ada', '@language': 'en' } })),
  'g.html': dataset(SHORT),
  'h.html': dataset(LONG),
  'i.html': dataset(SHORT),
};

let root: string;
const files = () =>
  Object.keys(PAGES).map((name) => ({ file: path.join(root, name), display: name }));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pg-node-cache-'));
  for (const [name, text] of Object.entries(PAGES)) await writeFile(path.join(root, name), text);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(nodeCache: boolean) {
  const validators = await createValidators(SHAPES, root, {
    ruleSets: ['schema.org', 'google'],
    shaclNodeCache: nodeCache,
  });
  const result = await validatePages(DEFAULT_CONFIG, validators, files());
  return { diagnostics: result.diagnostics, reuse: { ...validators.shacl.nodeCache } };
}

const urlWarnings = (diagnostics: readonly Diagnostic[]) =>
  diagnostics
    .filter(
      (each) =>
        each.code === 'shacl/warning' &&
        each.message.startsWith('Google recommends a url (schema:url) on the Person'),
    )
    .map((each) => `${each.file ?? ''}:${String(each.line)}`);

describe('SHACL results reused across pages, node by node', () => {
  it('gives the diagnostics the uncached path gives, each located on its own page', async () => {
    const uncached = await run(false);
    const cached = await run(true);
    expect(uncached.reuse).toEqual({ hits: 0, misses: 0 });
    expect(cached.diagnostics).toEqual(uncached.diagnostics);
    // Reused, not recomputed: post and author of b and c are a's; e's author and d's post too.
    expect(cached.reuse.hits).toBeGreaterThanOrEqual(6);
    // The finding on the shared author, on each page that has it, at that page's own line.
    expect(urlWarnings(cached.diagnostics)).toEqual([
      'a.html:15',
      'b.html:15',
      'c.html:22',
      'e.html:15',
      'f.html:15',
    ]);
    expect(
      cached.diagnostics
        .filter((each) => each.message.includes('between 50 and 5000 characters'))
        .map((each) => each.file),
    ).toEqual(['g.html', 'i.html']);
  });
});
