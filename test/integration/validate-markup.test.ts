// Microdata and RDFa in HTML pages (issue #13 item 3): read into the page's one graph, every
// finding at the element's line and column. The pages are written here, in the shapes real
// themes emit (WordPress Microdata, Hugo/Jekyll RDFa), not kept as files.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');

/** A WordPress theme's Microdata: a BlogPosting with its author, and a breadcrumb trail. */
const WORDPRESS = `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta property="og:title" content="Hello world">
<meta property="fb:app_id" content="1234">
<link rel="stylesheet" href="https://blog.example/wp-content/themes/x/style.css">
</head>
<body class="post-template-default single">
<nav aria-label="Breadcrumbs">
<ol itemscope itemtype="https://schema.org/BreadcrumbList">
  <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
    <a itemprop="item" href="https://blog.example/"><span itemprop="name">Home</span></a>
    <meta itemprop="position" content="1">
  </li>
  <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
    <a itemprop="item" href="https://blog.example/hello-world/"><span itemprop="name">Hello world</span></a>
    <meta itemprop="position" content="2">
  </li>
</ol>
</nav>
<article id="post-1" class="post" itemscope itemtype="https://schema.org/BlogPosting">
  <header class="entry-header">
    <h1 class="entry-title" itemprop="headline">Hello world</h1>
    <span class="byline" itemprop="author" itemscope itemtype="https://schema.org/Person">
      <a class="url fn n" itemprop="url" href="https://blog.example/author/jane/"><span itemprop="nmae">Jane Doe</span></a>
    </span>
    <time class="entry-date published" itemprop="datePublished" datetime="2024-05-01T09:00:00+00:00">May 1, 2024</time>
  </header>
  <div class="entry-content" itemprop="articleBody"><p>Welcome to WordPress.</p></div>
</article>
</body>
</html>
`;

/** A Hugo theme's RDFa: `vocab` on the root element, over Open Graph and the page's links. */
const HUGO_VOCAB = `<!DOCTYPE html>
<html lang="en" vocab="https://schema.org/">
<head>
<meta property="og:title" content="A post">
<link rel="stylesheet" href="https://hugo.example/css/main.css">
<link rel="canonical" href="https://hugo.example/posts/a/">
</head>
<body>
<article typeof="BlogPosting" resource="https://hugo.example/posts/a/">
  <h1 property="headline">A post</h1>
  <link property="mainEntityOfPage" href="https://hugo.example/posts/a/">
  <time property="datePublished" datetime="2024-02-03">3 Feb 2024</time>
  <div property="author" typeof="Person">
    <span property="name">Jo Writer</span>, <span property="jobtitel">Developer</span>
  </div>
</article>
</body>
</html>
`;

/** A Jekyll theme's RDFa: the `schema:` prefix (declared, and in RDFa's initial context). */
const JEKYLL_PREFIX = `<!DOCTYPE html>
<html prefix="schema: http://schema.org/">
<body>
<div typeof="schema:Person" resource="https://jekyll.example/#me">
  <span property="schema:name">Sam Jekyll</span>
  <span property="schema:jobTitle">Editor</span>
  <a property="schema:sameAs" href="https://social.example/@sam">social</a>
</div>
<div typeof="schema:WebSite" resource="https://jekyll.example/">
  <span property="schema:name">Sam's site</span>
  <span property="schema:author" resource="https://jekyll.example/#me"></span>
  <span property="schema:copyrightHolder" typeof="schema:Organisation"><span property="schema:name">Sam Ltd</span></span>
</div>
</body>
</html>
`;

/** JSON-LD and Microdata describing one Organization, with two names. */
const MIXED = `<!DOCTYPE html>
<html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","@id":"https://shop.example/#org","name":"Acme","url":"https://shop.example/"}</script>
</head>
<body>
<footer itemscope itemtype="https://schema.org/Organization" itemid="https://shop.example/#org">
  <span itemprop="name">Acme Inc.</span>
</footer>
</body></html>
`;

/** A Microdata Event missing what Google requires of it. */
const EVENT = `<!DOCTYPE html>
<html><body>
<div itemscope itemtype="http://schema.org/Event">
  <h1 itemprop="name">Jazz night</h1>
  <p itemprop="description">Live jazz in the garden.</p>
  <img itemprop="image" src="https://events.example/jazz.jpg" alt="">
  <meta itemprop="endDate" content="2025-07-01T23:00">
  <link itemprop="eventStatus" href="https://schema.org/EventScheduled">
  <link itemprop="eventAttendanceMode" href="https://schema.org/OfflineEventAttendanceMode">
  <div itemprop="location" itemscope itemtype="http://schema.org/Place">
    <span itemprop="name">The Garden</span>
    <span itemprop="address">1 Garden Road, Springfield</span>
  </div>
</div>
</body></html>
`;

/** Markup search engines drop: each mistake a located error or warning. */
const MALFORMED = `<!DOCTYPE html>
<html><body>
<p itemprop="description">Not in any item.</p>
<div itemscope itemtype="Person"><span itemprop="name">No type</span></div>
<div itemtype="https://schema.org/Person"><span>Nor here</span></div>
<div itemscope itemref="ref"></div>
<p id="ref" itemprop="name">Brought in by itemref</p>
<div vocab="https://schema.org/" typeof="Person">
  <span property="foo:nickname">Jo</span>
</div>
</body></html>
`;

/** No structured data: Open Graph only, and ordinary links. */
const NONE = `<!DOCTYPE html>
<html><head><meta property="og:title" content="Nothing"><link rel="icon" href="/favicon.ico"></head>
<body><p>No items.</p></body></html>
`;

const PAGES: Record<string, string> = {
  'wordpress/index.html': WORDPRESS,
  'hugo/posts/a/index.html': HUGO_VOCAB,
  'jekyll/index.html': JEKYLL_PREFIX,
  'mixed/index.html': MIXED,
  'event/index.html': EVENT,
  'malformed/index.html': MALFORMED,
  'none/index.html': NONE,
  'nothing/index.html': '<!DOCTYPE html><html><body><p>Nothing at all.</p></body></html>\n',
};

let site: string;
beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'pg-markup-'));
  for (const [name, html] of Object.entries(PAGES)) {
    await mkdir(path.dirname(path.join(site, name)), { recursive: true });
    await writeFile(path.join(site, name), html);
  }
});

/** The 1-based line and column of the `occurrence`-th `needle` in a page, counted here. */
function at(page: string, needle: string, occurrence = 1): { line: number; column: number } {
  const text = PAGES[page] ?? '';
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} is not in ${page}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

async function validate(paths: string[]) {
  const io = capturedIo({ cwd: site });
  const status = await main(['validate', '--shapes', SHAPES, '--format', 'json', ...paths], io);
  return { status, diagnostics: JSON.parse(io.out || '[]') as Diagnostic[], err: io.err };
}

describe('profile-graph validate on Microdata and RDFa', () => {
  it('WordPress Microdata: a typo in the author is found at its itemprop, with "did you mean"', async () => {
    expect(await validate(['wordpress'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'vocab/unknown-property',
          severity: 'error',
          message: '"nmae" is not a schema.org property.',
          hint: 'did you mean "name"?',
          file: 'wordpress/index.html',
          // The BreadcrumbList is node 0, the BlogPosting node 1, its author nested in it.
          pointer: '/1/author/nmae',
          ...at('wordpress/index.html', 'itemprop="nmae"'),
        },
      ],
    });
  });

  it('Hugo RDFa with vocab: the typo at its property attribute; Open Graph and <link rel> are not items', async () => {
    expect(await validate(['hugo'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'vocab/unknown-property',
          severity: 'error',
          message: '"jobtitel" is not a schema.org property.',
          hint: 'did you mean "jobTitle"?',
          file: 'hugo/posts/a/index.html',
          pointer: '/0/author/jobtitel',
          ...at('hugo/posts/a/index.html', 'property="jobtitel"'),
        },
      ],
    });
  });

  it('Jekyll RDFa with the schema: prefix: an unknown type at its typeof attribute', async () => {
    expect(await validate(['jekyll'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'vocab/unknown-type',
          severity: 'error',
          message: '"Organisation" is not a schema.org type.',
          hint: 'did you mean "Organization"?',
          file: 'jekyll/index.html',
          pointer: '/1/copyrightHolder/@type',
          ...at('jekyll/index.html', 'typeof="schema:Organisation"'),
        },
      ],
    });
  });

  it('JSON-LD and Microdata of one page are one graph: two names for one @id conflict', async () => {
    const jsonLd = at('mixed/index.html', '"name":"Acme"');
    expect(await validate(['mixed'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'graph/conflicting-value',
          severity: 'error',
          message: `<https://shop.example/#org> has name "Acme Inc." here but "Acme" at mixed/index.html:${String(jsonLd.line)}:${String(jsonLd.column)}; it can have only one.`,
          file: 'mixed/index.html',
          // After the page's one JSON-LD block (node 0).
          pointer: '/1/name',
          focusNode: 'https://shop.example/#org',
          ...at('mixed/index.html', 'itemprop="name"'),
        },
      ],
    });
  });

  it("Google's rules apply to a Microdata Event", async () => {
    expect(await validate(['event'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'shacl/violation',
          severity: 'error',
          message:
            'Google requires a startDate (schema:startDate) on an Event: when it starts, in ISO 8601 format, with the time when known.',
          ruleSet: 'google',
          seeAlso:
            'https://developers.google.com/search/docs/appearance/structured-data/event#structured-data-type-definitions',
          file: 'event/index.html',
          pointer: '/0',
          focusNode: '_:c14n1',
          ...at('event/index.html', '<div itemscope itemtype="http://schema.org/Event">'),
        },
      ],
    });
  });

  it('malformed Microdata and RDFa: located markup/* diagnostics, never a crash', async () => {
    const page = 'malformed/index.html';
    expect(await validate(['malformed'])).toEqual({
      status: 1,
      err: '',
      diagnostics: [
        {
          code: 'markup/itemprop-outside-item',
          severity: 'warning',
          message:
            'itemprop="description" is in no item (no itemscope around it), so it says nothing about anything.',
          hint: 'put it inside the element with itemscope it describes, or reference its id with itemref',
          file: page,
          ...at(page, 'itemprop="description"'),
        },
        {
          code: 'markup/invalid-itemtype',
          severity: 'error',
          message: 'itemtype "Person" is not an absolute IRI, so the item has no type.',
          hint: 'write the full IRI, such as "https://schema.org/Person"',
          file: page,
          ...at(page, 'itemtype="Person"'),
        },
        {
          code: 'markup/invalid-itemtype',
          severity: 'error',
          message:
            'itemtype="https://schema.org/Person" is on an element without itemscope, so it types nothing.',
          hint: 'add itemscope to the element',
          file: page,
          ...at(page, 'itemtype="https://schema.org/Person"'),
        },
        {
          code: 'markup/invalid-itemtype',
          severity: 'warning',
          message:
            'itemprop="name" is in an item without itemtype, so it names no vocabulary\'s property and search engines ignore it.',
          hint: 'give the element with itemscope an itemtype, such as itemtype="https://schema.org/Thing"',
          file: page,
          ...at(page, 'itemprop="name">Brought'),
        },
        {
          code: 'markup/unknown-prefix',
          severity: 'error',
          message:
            '"foo:nickname" uses the prefix "foo", which no prefix attribute on the page defines.',
          hint: 'declare it (prefix="foo: https://…") or use a prefix of the RDFa initial context (schema:, dc:, foaf:, og:…)',
          file: page,
          ...at(page, 'property="foo:nickname"'),
        },
      ],
    });
  });

  it('a page with Open Graph only is a page without structured data, as before', async () => {
    const run = async (folder: string) => {
      const io = capturedIo({ cwd: site });
      const status = await main(['validate', '--shapes', SHAPES, folder], io);
      return { status, out: io.out, err: io.err };
    };
    const none = await run('none');
    expect(none).toEqual(await run('nothing'));
    expect(none).toMatchObject({ status: 0, err: '' });
    expect(none.out).toContain('0 files, 0 triples');
  });
});
