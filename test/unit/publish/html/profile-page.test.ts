import { mf2 } from 'microformats-parser';
import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { literal, namedNode, quad, blankNode, NS } from '../../../../src/rdf/data-factory.js';
import type { PageInput } from '../../../../src/publish/html/page-input.js';
import { renderPage } from '../../../../src/publish/html/render-page.js';
import { degreeLevel } from '../../../../src/publish/html/profile-model.js';
import { BASE_URL } from '../../../support/profile.js';
import { elementById, inlineText, visibleText } from './html-text.js';
import { loadPageFixture, pageInputFor, type PageFixture } from './page-fixture.js';

const PERSON = namedNode(`${BASE_URL}people/sheng-zha#id`);
const schema = (local: string) => namedNode(`${NS.schema}${local}`);

let fixture: PageFixture;
let input: PageInput;

/**
 * The bundled profile plus what a person would add for the header: a photo, a profile
 * elsewhere, an email address and a postal address. Test data only: data/ stays as it is.
 */
function withIdentity(base: PageInput): PageInput {
  const address = blankNode('address');
  const graph = new Store([
    ...fixture.quads,
    quad(PERSON, schema('image'), namedNode(`${BASE_URL}people/sheng-zha.jpg`)),
    quad(PERSON, schema('sameAs'), namedNode('https://mastodon.example/@someone')),
    quad(PERSON, schema('email'), literal('someone@example.org')),
    quad(PERSON, schema('address'), address),
    quad(address, schema('addressLocality'), literal('Seattle')),
    quad(address, schema('addressRegion'), literal('WA')),
  ]);
  return { ...base, graph };
}

beforeAll(async () => {
  fixture = await loadPageFixture();
  input = await pageInputFor(fixture, '/');
});

describe('the profile page header', () => {
  it('shows the photo, location and profile links with rel="me" when the data has them', () => {
    const page = renderPage(withIdentity(input));
    expect(page).toContain(
      '<img class="photo u-photo" src="/people/sheng-zha.jpg" alt="Photo of Sheng Zha"',
    );
    expect(page).toContain('<p class="location p-locality">Seattle, WA</p>');
    expect(page).toContain(
      '<a class="u-url" rel="me" href="https://mastodon.example/@someone">mastodon.example/@someone</a>',
    );
    expect(page).toContain(
      '<a class="u-email" rel="me" href="mailto:someone@example.org">someone@example.org</a>',
    );
  });

  it('leaves photo, location and links out when the data has none', () => {
    const page = renderPage(input);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('class="location');
    expect(page).not.toContain('rel="me"');
  });

  it('marks each publication and project as an h-entry with name, url and (publications) published', () => {
    const parsed = mf2(renderPage(input), { baseUrl: BASE_URL });
    const entries = parsed.items.filter((item) => item.type?.includes('h-entry'));
    const publication = entries.find(
      (entry) => entry.properties.name?.[0] === 'Python array API standard (SciPy 2023)',
    );
    expect(publication?.properties).toEqual({
      name: ['Python array API standard (SciPy 2023)'],
      url: [`${BASE_URL}works/python-array-api-standard-scipy-2023#id`],
      published: ['2023'],
    });
    const projects = entries.filter((entry) => entry !== publication);
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.properties.name).toHaveLength(1);
      expect(project.properties.url?.[0]).toMatch(/^http:\/\/localhost:8080\/works\//);
    }
    // The h-card is still the page's only other top-level item.
    expect(parsed.items.filter((item) => !item.type?.includes('h-entry'))).toHaveLength(1);
  });

  it('is an h-card a microformats parser reads, with the rel=me links', () => {
    const page = renderPage(withIdentity(input));
    const parsed = mf2(page, { baseUrl: BASE_URL });
    const cards = parsed.items.filter((item) => item.type?.includes('h-card'));
    expect(cards).toHaveLength(1);
    const properties = cards[0]?.properties ?? {};
    expect(properties.name).toEqual(['Sheng Zha']);
    expect(properties['job-title']).toEqual(['Head of Model Architecture & Training Advancement']);
    expect(properties.org).toEqual(['Amazon AGI']);
    expect(properties.locality).toEqual(['Seattle, WA']);
    expect(properties.email).toEqual(['mailto:someone@example.org']);
    expect(properties.url).toEqual([
      `${BASE_URL}people/sheng-zha#id`,
      'https://mastodon.example/@someone',
    ]);
    expect(properties.photo).toEqual([
      { value: `${BASE_URL}people/sheng-zha.jpg`, alt: 'Photo of Sheng Zha' },
    ]);
    expect(parsed.rels.me).toEqual([
      'https://mastodon.example/@someone',
      'mailto:someone@example.org',
    ]);
  });
});

describe('the profile page body', () => {
  it('shows the first About paragraph and keeps the rest behind a <details> that needs no script', () => {
    const about = elementById(renderPage(input), 'about');
    const [before, details = ''] = about.split('<details class="more">');
    expect(before?.match(/<p>/g)).toHaveLength(1);
    expect(inlineText(before ?? '')).toContain('I lead the pretraining research team');
    expect(details).toMatch(/^\n<summary>Read more<\/summary>/);
    expect(details.match(/<p>/g)).toHaveLength(4);
  });

  it('renders each entity as an item in one section only', () => {
    const page = renderPage(input);
    const sections = [...page.matchAll(/<section id="([^"]+)"[\s\S]*?<\/section>/g)];
    const owner = new Map<string, string>();
    for (const [section, id = ''] of sections) {
      // An item's own link is its heading's; links elsewhere in an item are cross-references.
      for (const [, href = ''] of section.matchAll(/<h3><a (?:class="[^"]*" )?href="([^"]+)">/g)) {
        expect(owner.get(href), `${href} in ${id} and ${owner.get(href) ?? ''}`).toBeUndefined();
        owner.set(href, id);
      }
    }
    expect(owner.get('/works/apache-mxnet#id')).toBe('projects');
    const memberships = elementById(page, 'memberships');
    expect(inlineText(memberships)).toContain('Works: ONNX');
    expect(inlineText(memberships)).toContain('Works: Python array API standard');
    expect(elementById(page, 'projects')).not.toContain('/works/onnx#id');
  });

  it('lists education newest first: years when the data has them, else the higher degree', () => {
    const education = elementById(renderPage(input), 'education');
    const titles = [...education.matchAll(/<h3>([\s\S]*?)<\/h3>/g)].map((m) =>
      inlineText(m[1] ?? ''),
    );
    expect(titles).toEqual(['MS in Computer Science', 'BS']);

    const role = blankNode('alumni');
    const school = namedNode(`${BASE_URL}organizations/shanghai-jiao-tong-university#id`);
    const dated: PageInput = {
      ...input,
      graph: new Store([
        ...fixture.quads.filter(
          (q) => !(q.predicate.value === `${NS.schema}alumniOf` && q.object.equals(school)),
        ),
        quad(PERSON, schema('alumniOf'), role),
        quad(role, namedNode(`${NS.rdf}type`), schema('OrganizationRole')),
        quad(role, schema('alumniOf'), school),
        quad(role, schema('startDate'), literal('2005')),
        quad(role, schema('endDate'), literal('2009')),
      ]),
    };
    const withYears = elementById(renderPage(dated), 'education');
    expect(visibleText(withYears)).toContain('BS 2005 – 2009 Shanghai Jiao Tong University');
  });

  it.each([
    ['PhD in Physics', 8],
    ['MS in Computer Science', 7],
    ['Master of Arts', 7],
    ['BS', 6],
    ['Bachelor of Science', 6],
    ['Certificate in Cooking', 0],
  ])('reads the degree level of %j as %i', (name, level) => {
    expect(degreeLevel(name)).toBe(level);
  });
});

describe('the profile page in French', () => {
  it('writes every heading, label and date in French', () => {
    const page = renderPage({ ...input, site: { ...input.site, language: 'fr' } });
    const text = visibleText(page);
    for (const expected of [
      'Aller au contenu',
      'À propos',
      'Expérience',
      'Projets et logiciels libres',
      'Adhésions et engagements',
      'Formation',
      'Compétences',
      'Lire la suite',
      '2024 – aujourd’hui',
      '20,8 k étoiles',
      'Mainteneur',
      'Fait partie de',
      'Notice en données liées :',
      'Travaux : ONNX',
      'Head of Model Architecture & Training Advancement chez Amazon AGI',
    ]) {
      expect(text).toContain(expected);
    }
    for (const english of [
      'Read more',
      '– present',
      ' stars',
      'Maintainer',
      'Part of',
      'Linked data record',
    ]) {
      expect(text).not.toContain(english);
    }
    expect(page).toContain('<html lang="fr"');
  });
});
