import { Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../../src/publish/html/render-page.js';
import type { PageInput } from '../../../../src/publish/html/page-input.js';
import { literal, namedNode, NS, quad, RDF_TYPE } from '../../../../src/rdf/data-factory.js';
import { countTags, jsonLdScriptText, metaContent, visibleText } from './html-text.js';

const BASE = 'http://localhost:8080/';
const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE = '"><img src=x onerror=alert(1)>';
const s = (local: string) => namedNode(`${NS.schema}${local}`);
const site = (path: string) => namedNode(`${BASE}${path}`);

/** A profile whose every string tries to break out of where it is written. */
function hostileGraph(): Store {
  const page = site('');
  const person = site('people/x#id');
  const role = site('roles/x#id');
  const organization = site('organizations/x#id');
  const work = site('works/x#id');
  return new Store([
    quad(page, namedNode(RDF_TYPE), s('ProfilePage')),
    quad(page, s('mainEntity'), person),
    quad(page, s('text'), literal(`${SCRIPT}\n\n</p><p onclick="x">`)),
    quad(person, namedNode(RDF_TYPE), s('Person')),
    quad(person, s('name'), literal(SCRIPT)),
    quad(person, s('givenName'), literal(ATTRIBUTE)),
    quad(person, s('jobTitle'), literal(ATTRIBUTE)),
    quad(person, s('description'), literal('</title><!-- & -->')),
    quad(person, s('knowsAbout'), literal('</style><style>*{display:none}</style>')),
    quad(person, s('sameAs'), namedNode('javascript:alert(1)')),
    quad(person, s('worksFor'), role),
    quad(role, namedNode(RDF_TYPE), s('EmployeeRole')),
    quad(role, s('roleName'), literal(SCRIPT)),
    quad(role, s('startDate'), literal('"2024"><b>', s('Date'))),
    quad(role, s('worksFor'), organization),
    quad(organization, namedNode(RDF_TYPE), s('Organization')),
    quad(organization, s('name'), literal(ATTRIBUTE)),
    quad(work, namedNode(RDF_TYPE), s('SoftwareSourceCode')),
    quad(work, s('name'), literal(SCRIPT)),
    quad(work, s('author'), person),
    quad(work, s('codeRepository'), namedNode('javascript:alert(document.cookie)')),
    quad(work, s('url'), namedNode('https://example.org/"><script>alert(1)</script>')),
  ]);
}

function hostileInput(documentIri: string, subjects: string[]): PageInput {
  return {
    site: { name: SCRIPT, baseUrl: BASE, language: 'en"><script>alert(1)</script>' },
    documentIri: `${documentIri}"><script>`,
    subjects,
    graph: hostileGraph(),
    jsonLd: JSON.stringify({
      '@context': 'https://schema.org',
      name: `</script>${SCRIPT}<!--`,
      text: 'a\u2028b & c',
    }),
    alternates: [{ mediaType: 'text/turtle"><x', href: '/x.ttl"><script>', label: SCRIPT }],
  };
}

/** What must never appear: a second script, an injected element, a handler, a js: link. */
function expectInert(page: string): void {
  expect(countTags(page, 'script')).toBe(1);
  expect(page).not.toMatch(/<(img|b|x|p onclick)[\s>]/i);
  expect(page).not.toMatch(/\son[a-z]+="/i);
  expect(page).not.toMatch(/href="\s*javascript:/i);
  expect(countTags(page, 'style')).toBe(1);
  expect(page).not.toContain('<!-- ');
}

describe('renderPage: hostile data comes out as text', () => {
  it('on the profile page', () => {
    const input = hostileInput(BASE, [BASE]);
    const page = renderPage(input);
    expectInert(page);
    const text = visibleText(page);
    expect(text).toContain(SCRIPT);
    expect(text).toContain(ATTRIBUTE);
    expect(text).toContain('</style><style>*{display:none}</style>');
    expect(page).toMatch(
      /<h1><a class="p-name[^"]*" href="[^"]*">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/a><\/h1>/,
    );
    expect(metaContent(page, 'profile:first_name')).toBe(ATTRIBUTE);
    expect(page).toContain('<html lang="en&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    // A date that is not a date is shown as text, never as an attribute value.
    expect(page).not.toContain('datetime="&quot;2024');
    expect(JSON.parse(jsonLdScriptText(page))).toEqual(JSON.parse(input.jsonLd));
    expect(jsonLdScriptText(page)).not.toMatch(/[<>&\u2028]/);
  });

  it('on an entity page', () => {
    const page = renderPage(hostileInput(`${BASE}works/x`, [`${BASE}works/x#id`]));
    expectInert(page);
    expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    // The javascript: repository is shown, not linked; the odd https IRI is linked, escaped.
    expect(visibleText(page)).toContain('javascript:alert(document.cookie)');
    expect(page).toContain(
      'href="https://example.org/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
    );
  });
});
