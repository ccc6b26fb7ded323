import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageInput } from '../../../../src/publish/html/page-input.js';
import { renderPage } from '../../../../src/publish/html/render-page.js';
import { PAGE_STYLES } from '../../../../src/publish/html/styles.js';
import {
  attributeOf,
  countTags,
  elementById,
  headingLevels,
  hrefs,
  ids,
  inlineText,
  jsonLdScriptText,
  metaContent,
  visibleText,
} from './html-text.js';
import { loadPageFixture, pageInputFor, type PageFixture } from './page-fixture.js';

let fixture: PageFixture;
let profileInput: PageInput;
let profilePage: string;

beforeAll(async () => {
  fixture = await loadPageFixture();
  profileInput = await pageInputFor(fixture, '/');
  profilePage = renderPage(profileInput);
});

describe('renderPage: the profile (CV) page', () => {
  it('shows the person, their current position and every section', () => {
    const text = visibleText(profilePage);
    for (const expected of [
      'Sheng Zha',
      'Head of Model Architecture & Training Advancement at Amazon AGI',
      'I build foundation models, open-source AI frameworks, and the teams behind them.',
      '2024 – present',
      '2018 – 2024',
      '20.8k stars',
      '2.5k stars',
      'University of Maryland',
      'MS in Computer Science',
      'Shanghai Jiao Tong University',
      'VP & PMC Chair',
      'Apache Software Foundation',
      'Python array API standard (SciPy 2023)',
      'Principled scaling',
      'I lead the pretraining research team at Amazon AGI that supports Amazon Nova',
      'I hold an MS in Computer Science from the University of Maryland',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('has the sections in CV order, each linked from the navigation', () => {
    const sectionIds = [...profilePage.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(sectionIds).toEqual([
      'about',
      'experience',
      'projects',
      'memberships',
      'education',
      'publications',
      'expertise',
    ]);
    const nav = profilePage.slice(profilePage.indexOf('<nav'), profilePage.indexOf('</nav>'));
    expect(hrefs(nav)).toEqual(sectionIds.map((id) => `#${id ?? ''}`));
  });

  it('splits the About text into paragraphs on blank lines', () => {
    expect(countTags(elementById(profilePage, 'about'), 'p')).toBe(5);
  });

  it('lists positions newest first, as a timeline with machine-readable dates', () => {
    const experience = elementById(profilePage, 'experience');
    const items = experience.split('<li').slice(1);
    expect(items.map((item) => inlineText(/<h3>([\s\S]*?)<\/h3>/.exec(item)?.[1] ?? ''))).toEqual([
      'Head of Model Architecture & Training Advancement',
      // Roles without a roleName are headed by the organisation, the team below it.
      'AWS',
      'Amazon TRMS',
    ]);
    expect(inlineText(/<p class="org">([\s\S]*?)<\/p>/.exec(items[1] ?? '')?.[1] ?? '')).toBe(
      'Foundation Models for AWS AI Services',
    );
    expect(items[0]).toMatch(/^ class="current">/);
    expect(inlineText(/<p class="when">([\s\S]*?)<\/p>/.exec(items[0] ?? '')?.[1] ?? '')).toBe(
      '2024 – present',
    );
    expect(items[0]).toContain('<time datetime="2024">2024</time>');
    expect(items[0]).toContain('<a href="/organizations/amazon-agi#id">Amazon AGI</a>');
    expect(inlineText(items[0] ?? '')).toContain('Amazon Nova & Foundation Model Stack');
  });

  it('lists the works that credit the person, most starred first, with roles, dates and repositories', () => {
    const projects = elementById(profilePage, 'projects');
    const names = [
      ...projects.matchAll(/<h3><a class="p-name u-url" href="([^"]+)">([^<]+)<\/a><\/h3>/g),
    ].map((m) => m[2]);
    // ONNX and the array API standard are made by bodies the person is a member of: they are
    // listed under those memberships, not here.
    expect(names).toEqual([
      'Apache MXNet',
      'GluonNLP',
      'Distributed Training Infrastructure',
      'Gluon API',
    ]);
    expect(projects).toContain('<data value="20800">20.8k stars</data>');
    expect(projects).toContain(
      '<a href="https://github.com/apache/mxnet">github.com/apache/mxnet</a>',
    );
    const gluonNlp = projects.slice(projects.indexOf('GluonNLP'));
    expect(inlineText(gluonNlp.slice(0, gluonNlp.indexOf('</li>')))).toContain(
      'Founder · 2018 – 2023',
    );
    // The scholarly article is a publication, not a project.
    expect(projects).not.toContain('SciPy 2023');
  });

  it('lists memberships, education, publications and expertise', () => {
    expect(visibleText(elementById(profilePage, 'memberships'))).toMatch(
      /^Memberships & service VP & PMC Chair 2016 – 2023 Apache Software Foundation · Apache MXNet /,
    );
    const education = elementById(profilePage, 'education');
    expect(education).toContain(
      '<a href="/organizations/university-of-maryland#id">University of Maryland</a>',
    );
    expect(education).toContain('<a href="/people/sheng-zha#ms-computer-science">');
    const publications = elementById(profilePage, 'publications');
    expect(publications).toContain('href="/works/python-array-api-standard-scipy-2023#id"');
    // The title names the venue, so the venue is not repeated beside it.
    expect(inlineText(publications)).toContain('2023 About Python array API standard');
    expect(inlineText(publications).match(/SciPy 2023/g)).toHaveLength(2);
    expect(countTags(elementById(profilePage, 'expertise'), 'li')).toBe(9);
  });

  it('is an HTML5 document with the language, landmarks and one h1', () => {
    expect(profilePage.startsWith('<!doctype html>\n<html lang="en"')).toBe(true);
    expect(profilePage).toContain('<meta charset="utf-8">');
    expect(profilePage).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
    );
    for (const landmark of ['header', 'nav', 'main', 'footer']) {
      expect(countTags(profilePage, landmark)).toBeGreaterThanOrEqual(1);
    }
    expect(countTags(profilePage, 'main')).toBe(1);
    expect(countTags(profilePage, 'h1')).toBe(1);
    const levels = headingLevels(profilePage);
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => {
      expect(level - (levels[index - 1] ?? 0)).toBeLessThanOrEqual(1);
    });
    expect(new Set(ids(profilePage)).size).toBe(ids(profilePage).length);
  });

  it('describes itself in the head: title, description, canonical, Open Graph, Twitter', () => {
    expect(profilePage).toContain(
      '<title>Sheng Zha — Head of Model Architecture &amp; Training Advancement</title>',
    );
    expect(metaContent(profilePage, 'description')).toBe(
      'I build foundation models, open-source AI frameworks, and the teams behind them.',
    );
    expect(attributeOf(profilePage, /<link rel="canonical"[^>]*>/, 'href')).toBe(
      'http://localhost:8080/',
    );
    expect(metaContent(profilePage, 'og:type')).toBe('profile');
    expect(metaContent(profilePage, 'og:title')).toBe(
      'Sheng Zha — Head of Model Architecture & Training Advancement',
    );
    expect(metaContent(profilePage, 'og:url')).toBe('http://localhost:8080/');
    expect(metaContent(profilePage, 'og:description')).toBeDefined();
    expect(metaContent(profilePage, 'twitter:card')).toBe('summary');
    // The data has no givenName/familyName, and names are not split by guesswork.
    expect(metaContent(profilePage, 'profile:first_name')).toBeUndefined();
    expect(metaContent(profilePage, 'profile:last_name')).toBeUndefined();
  });

  it('announces every alternate in the head and lists them in the footer', () => {
    for (const alternate of profileInput.alternates) {
      expect(profilePage).toContain(
        `<link rel="alternate" type="${alternate.mediaType}" href="${alternate.href}" title="${alternate.label}">`,
      );
    }
    const footer = profilePage.slice(profilePage.indexOf('<footer'));
    expect(visibleText(`<body>${footer}</body>`)).toContain(
      'This page as JSON-LD Turtle N-Triples',
    );
    expect(hrefs(footer)).toEqual(
      expect.arrayContaining(profileInput.alternates.map((alternate) => alternate.href)),
    );
  });

  it('embeds the JSON-LD exactly once, parsing to the same value', () => {
    expect(countTags(profilePage, 'script')).toBe(1);
    const text = jsonLdScriptText(profilePage);
    expect(JSON.parse(text)).toEqual(JSON.parse(profileInput.jsonLd));
    // The ampersand in "Head of Model Architecture & Training" is written as \u0026.
    expect(text).not.toMatch(/[<>&]/);
    expect(text).toContain('\\u0026');
  });

  it('needs nothing but its inline stylesheet: no scripts, style attributes, handlers or fetches', () => {
    expect(countTags(profilePage, 'style')).toBe(1);
    expect(profilePage).toContain(`<style>${PAGE_STYLES}</style>`);
    expect(profilePage).not.toMatch(/\sstyle=/);
    expect(profilePage).not.toMatch(/\son[a-z]+=/);
    expect(profilePage).not.toMatch(/<(img|iframe|object|embed|link rel="stylesheet")/);
    expect(PAGE_STYLES).not.toMatch(/url\(|@import/);
    expect(PAGE_STYLES).toContain('@media (prefers-color-scheme: dark)');
    expect(PAGE_STYLES).toContain('@media print');
    expect(PAGE_STYLES).toContain(':focus-visible');
  });

  it('is deterministic, whatever order the graph holds its quads in', () => {
    expect(renderPage(profileInput)).toBe(profilePage);
    const reversed = new Store([...fixture.quads].reverse());
    expect(renderPage({ ...profileInput, graph: reversed })).toBe(profilePage);
  });
});

describe('renderPage: generic entity pages', () => {
  it('renders an organisation with its properties and the nodes that point at it', async () => {
    const input = await pageInputFor(fixture, '/organizations/amazon');
    const page = renderPage(input);
    expect(countTags(page, 'h1')).toBe(1);
    expect(page).toContain('<h1>Amazon</h1>');
    expect(page).toContain('<title>Amazon — Sheng Zha</title>');
    expect(metaContent(page, 'og:type')).toBe('website');
    expect(attributeOf(page, /<link rel="canonical"[^>]*>/, 'href')).toBe(
      'http://localhost:8080/organizations/amazon',
    );
    expect(page).toContain('<a href="http://schema.org/Organization">Organization</a>');
    const referencedBy = elementById(page, 'referenced-by');
    expect(referencedBy).toContain('<h2 id="referenced-by-title">Elsewhere on this site</h2>');
    for (const [href, label] of [
      ['/organizations/amazon-agi#id', 'Amazon AGI'],
      ['/organizations/amazon-trms#id', 'Amazon TRMS'],
      ['/organizations/aws#id', 'AWS'],
    ]) {
      expect(referencedBy).toContain(`<a href="${href}">${label}</a>`);
    }
    expect(inlineText(referencedBy)).toContain('Includes Amazon AGI, Amazon TRMS and AWS');
    expect(JSON.parse(jsonLdScriptText(page))).toEqual(JSON.parse(input.jsonLd));
  });

  it('links neighbours inside the site by name, external IRIs by IRI, and nests blank nodes', async () => {
    const page = renderPage(await pageInputFor(fixture, '/works/gluonnlp'));
    expect(metaContent(page, 'og:type')).toBe('article');
    expect(page).toContain('<li>Based on <a href="/works/gluon-api#id">Gluon API</a></li>');
    expect(page).toContain(
      '<a href="https://github.com/dmlc/gluon-nlp">github.com/dmlc/gluon-nlp</a>',
    );
    expect(page).toContain('<a href="/works/gluonnlp#founder">Founder</a>');
    // The interaction counter is a blank node: one sentence, its count as the profile writes it.
    expect(page).toContain('<data value="2500">2.5k</data> GitHub stars');
    // The Role is a second subject of the document: an h2 section reachable by its fragment.
    expect(page).toContain('<section class="entity" id="founder">');
    expect(page).toContain('<time datetime="2018">2018</time>');
  });

  it('renders the person page with links back from the profile page and the works', async () => {
    const page = renderPage(await pageInputFor(fixture, '/people/sheng-zha'));
    expect(page).toContain('<title>Sheng Zha — Person</title>');
    const referencedBy = elementById(page, 'referenced-by');
    expect(referencedBy).toContain('<a href="/">Sheng Zha</a>');
    expect(inlineText(referencedBy)).toContain('Main subject of Sheng Zha');
    expect(referencedBy).toContain('<a href="/works/apache-mxnet#id">Apache MXNet</a>');
    // A Role says whose role it is.
    expect(inlineText(referencedBy)).toContain('Creator of GluonNLP (Founder)');
    expect(page).toContain(
      '<a href="/people/sheng-zha#ms-computer-science">MS in Computer Science</a>',
    );
    expect(ids(page)).toEqual(expect.arrayContaining(['id', 'bs', 'ms-computer-science']));
  });

  it('lets a browser reach every document from the profile page, and every fragment exists', async () => {
    const documents = new Set(
      fixture.quads
        .filter((q) => q.subject.termType === 'NamedNode')
        .map((q) => new URL(q.subject.value).pathname),
    );
    const pages = new Map<string, string>();
    const queue = ['/'];
    const fragments: [string, string][] = [];
    while (queue.length > 0) {
      const path = queue.shift() ?? '/';
      if (pages.has(path)) continue;
      const page = renderPage(await pageInputFor(fixture, path));
      pages.set(path, page);
      for (const href of hrefs(page)) {
        if (!href.startsWith('/') || /\.(jsonld|ttl|nt)$/.test(href)) continue;
        const [target = '/', fragment] = href.split('#');
        if (fragment !== undefined) fragments.push([target, fragment]);
        if (!pages.has(target)) queue.push(target);
      }
    }
    expect([...pages.keys()].sort()).toEqual([...documents].sort());
    for (const [target, fragment] of fragments) {
      expect(ids(pages.get(target) ?? ''), `${target}#${fragment}`).toContain(fragment);
    }
  });
});
