import { Store } from 'n3';
import type { Quad } from '../../../../src/rdf/data-factory.js';
import type { PageAlternate, PageInput } from '../../../../src/publish/html/page-input.js';
import { serialize } from '../../../../src/rdf/serialize.js';
import { BASE_URL, loadBundledDataset } from '../../../support/profile.js';

/** The bundled dataset as the integrator hands it to pages: quads and an n3 Store over them. */
export interface PageFixture {
  quads: Quad[];
  graph: Store;
  documentLoader: Awaited<ReturnType<typeof loadBundledDataset>>['documentLoader'];
}

export const SITE = { name: 'Sheng Zha', baseUrl: BASE_URL, language: 'en' };

/** Loads data/ once per test file. */
export async function loadPageFixture(): Promise<PageFixture> {
  const loaded = await loadBundledDataset();
  if (loaded.diagnostics.length > 0) {
    throw new Error(`bundled data has diagnostics: ${JSON.stringify(loaded.diagnostics)}`);
  }
  return {
    quads: loaded.quads,
    graph: new Store(loaded.quads),
    documentLoader: loaded.documentLoader,
  };
}

/** The alternates a document at `path` announces (the integrator derives them from RDF_FORMATS). */
export function alternatesOf(path: string): PageAlternate[] {
  const base = path.endsWith('/') ? `${path}index` : path;
  return [
    { mediaType: 'application/ld+json', href: `${base}.jsonld`, label: 'JSON-LD' },
    { mediaType: 'text/turtle', href: `${base}.ttl`, label: 'Turtle' },
    { mediaType: 'application/n-triples', href: `${base}.nt`, label: 'N-Triples' },
  ];
}

function documentOf(iri: string): string {
  const hash = iri.indexOf('#');
  return hash === -1 ? iri : iri.slice(0, hash);
}

/**
 * The input for the document at `path` (`/` for the profile page). Its subjects are the IRIs
 * whose document it is (`#id` first); its JSON-LD holds those subjects' triples and the blank
 * nodes they reach, except the root document, which (as the integrator does for search
 * engines) takes every quad.
 */
export async function pageInputFor(fixture: PageFixture, path: string): Promise<PageInput> {
  const documentIri = new URL(path, BASE_URL).href;
  const subjects = [
    ...new Set(
      fixture.quads
        .filter((q) => q.subject.termType === 'NamedNode')
        .map((q) => q.subject.value)
        .filter((iri) => documentOf(iri) === documentIri),
    ),
  ].sort((a, b) => Number(!a.endsWith('#id')) - Number(!b.endsWith('#id')) || (a < b ? -1 : 1));
  let quads: Quad[] = fixture.quads;
  if (path !== '/') {
    // Each subject's triples plus those of the blank nodes it reaches (its bounded description).
    const bySubject = new Map<string, Quad[]>();
    for (const q of fixture.quads) {
      const key = `${q.subject.termType}:${q.subject.value}`;
      bySubject.set(key, [...(bySubject.get(key) ?? []), q]);
    }
    const seen = new Set<string>();
    quads = [];
    const describe = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const q of bySubject.get(key) ?? []) {
        quads.push(q);
        if (q.object.termType === 'BlankNode') describe(`BlankNode:${q.object.value}`);
      }
    };
    for (const subject of subjects) describe(`NamedNode:${subject}`);
  }
  const jsonLd = await serialize(quads, 'jsonld', { documentLoader: fixture.documentLoader });
  return {
    site: SITE,
    documentIri,
    subjects,
    graph: fixture.graph,
    jsonLd,
    alternates: alternatesOf(path),
  };
}
