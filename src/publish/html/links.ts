import type { QuadSource } from '../../rdf/quad-index.js';
import { safeHref } from './escape.js';
import { humanize } from './format.js';
import { nameOf, type GraphNode } from './graph.js';

/** A labelled link; `href` is absent when the target is not something a browser can open. */
export interface Link {
  label: string;
  href?: string;
}

/** The base URL with exactly one trailing slash, the prefix of every IRI inside the site. */
export function siteRoot(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

/**
 * The root-relative path (path, query and fragment) of an IRI inside the site, e.g.
 * `http://localhost:8080/organizations/amazon#id` → `/organizations/amazon#id`; `undefined` for
 * IRIs elsewhere. Root-relative links keep working behind any host name the site is served on.
 */
export function sitePath(iri: string, baseUrl: string): string | undefined {
  const root = siteRoot(baseUrl);
  if (!iri.startsWith(root) && iri !== root.slice(0, -1)) return undefined;
  try {
    const url = new URL(iri);
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
}

/** The document an IRI belongs to: everything before `#`. */
export function documentOf(iri: string): string {
  const hash = iri.indexOf('#');
  return hash === -1 ? iri : iri.slice(0, hash);
}

/**
 * Where a link to an IRI should point: the root-relative path inside the site, the IRI itself
 * for safe external schemes, `undefined` otherwise (see `safeHref`).
 */
export function hrefFor(iri: string, baseUrl: string): string | undefined {
  return sitePath(iri, baseUrl) ?? safeHref(iri);
}

/**
 * A link to a node: labelled with its name from the graph (else its site path or IRI) and
 * pointing at its page. Blank nodes and literals get a label only.
 */
export function linkTo(graph: QuadSource, node: GraphNode, baseUrl: string): Link {
  const label = labelOf(graph, node, baseUrl);
  if (node.termType !== 'NamedNode') return { label };
  const href = hrefFor(node.value, baseUrl);
  return href === undefined ? { label } : { label, href };
}

/**
 * What to call a node in a link or heading: its name (see `nameOf`); else, for a site IRI with
 * a telling fragment, that fragment humanised (`…#contribution` → `Contribution`); else its site
 * path; else the IRI or blank node label.
 */
export function labelOf(graph: QuadSource, node: GraphNode, baseUrl: string): string {
  return nameOf(graph, node) ?? fallbackLabel(node, baseUrl);
}

/**
 * What to call a node that has no name: for a site IRI with a telling fragment, that fragment
 * humanised; else its site path; else the IRI or blank node label.
 */
export function fallbackLabel(node: GraphNode, baseUrl: string): string {
  if (node.termType !== 'NamedNode') return node.value;
  const path = sitePath(node.value, baseUrl);
  if (path === undefined) return node.value;
  const fragment = /#([A-Za-z][\w-]*)$/.exec(path)?.[1];
  return fragment === undefined || fragment === 'id' ? path : humanize(fragment);
}

/** A short label for an external URL: without scheme, `www.` or trailing slash. */
export function displayUrl(url: string): string {
  return url
    .replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '');
}
