import type { Graph, IdReference, Thing } from '../../vendor/schema-dts/schema.js';
import { CODES, type Code } from '../model/codes.js';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { stringifyJsonLd } from './json.js';

/** A schema.org node as schema-dts types it (`Person`, `ProfilePage`, `WebSite`…), not a bare IRI. */
export type GraphNode = Exclude<Thing, string>;

/** Options for {@link createGraph}. */
export interface GraphOptions {
  /**
   * Absolute http(s) URL of the page the graph is embedded in. Relative `@id`s resolve against
   * it, a page node (ProfilePage, WebPage…) without `@id` gets it, and every other node without
   * `@id` gets `URL#type-name`, so the same nodes always get the same `@id`s.
   */
  base: string;
}

/** What {@link GraphBuilder.build} returns: the graph, or why there is none. */
export type GraphResult =
  { ok: true; graph: Graph; diagnostics: [] } | { ok: false; diagnostics: Diagnostic[] };

/** Collects nodes into one linked graph; see {@link createGraph}. */
export interface GraphBuilder {
  /**
   * Adds a node and returns a reference to it (`{ "@id": … }`) to link it from other nodes.
   * Adding the same `@id` twice merges the two; a property with two different values is a
   * `graph/conflicting-value` reported by {@link GraphBuilder.build}.
   */
  add(node: GraphNode): IdReference;
  /**
   * The graph (`{ "@context": "https://schema.org", "@graph": [...] }`, nodes ordered by
   * `@id`), or the diagnostics that stop it: `embed/invalid-node`, `graph/conflicting-value`,
   * `graph/dangling-reference` (a reference into this page that no node answers),
   * `graph/orphan-node` (a node nothing links to the page) and `graph/missing-main-entity`
   * (a ProfilePage whose mainEntity cannot be told: none given and not exactly one Person, or
   * failing that one Organization, in the graph). A ProfilePage without mainEntity gets the
   * graph's one Person (or Organization).
   */
  build(): GraphResult;
}

const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/** schema.org's WebPage and its subclasses: the node a page's graph hangs from. */
const PAGE_TYPES: ReadonlySet<string> = new Set([
  'WebPage',
  'ProfilePage',
  'AboutPage',
  'CheckoutPage',
  'CollectionPage',
  'ContactPage',
  'FAQPage',
  'ItemPage',
  'MedicalWebPage',
  'QAPage',
  'RealEstateListing',
  'SearchResultsPage',
  'ImageGallery',
  'MediaGallery',
  'VideoGallery',
]);

type JsonObject = Record<string, unknown>;

interface Entry {
  id: string;
  node: JsonObject;
}

/**
 * Starts a graph for one page: add schema-dts nodes, link them with the references
 * {@link GraphBuilder.add} returns, then build. Nothing here touches the network or the file
 * system, so it runs wherever JavaScript does.
 *
 * Throws `ProfileGraphError` (`usage/invalid`) when `base` is not an absolute http(s) URL.
 */
export function createGraph(options: GraphOptions): GraphBuilder {
  const page = pageUrl(options.base);
  const entries = new Map<string, Entry>();
  const diagnostics: Diagnostic[] = [];
  return {
    add(node) {
      const added = toEntry(node, page, diagnostics);
      if (!added) return { '@id': page };
      const existing = entries.get(added.id);
      if (existing) merge(existing, added, diagnostics);
      else entries.set(added.id, added);
      return { '@id': added.id };
    },
    build() {
      const problems = [...diagnostics];
      const nodes = [...entries.values()];
      giveMainEntities(nodes, problems);
      problems.push(...danglingReferences(nodes, page), ...orphans(nodes));
      if (problems.length > 0) return { ok: false, diagnostics: problems };
      const ordered = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return {
        ok: true,
        graph: {
          '@context': SCHEMA_ORG_CONTEXT,
          '@graph': ordered.map((entry) => entry.node as unknown as GraphNode),
        },
        diagnostics: [],
      };
    },
  };
}

function pageUrl(base: string): string {
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new ProfileGraphError([
      diagnostic('usage/invalid', `The graph's base "${base}" is not an absolute http(s) URL.`),
    ]);
  }
  url.hash = '';
  return url.href;
}

function diagnostic(
  code: Code,
  message: string,
  extra: Partial<Omit<Diagnostic, 'code' | 'severity' | 'message'>> = {},
): Diagnostic {
  return { code, severity: CODES[code].severity, message, ...extra };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function toEntry(node: unknown, page: string, diagnostics: Diagnostic[]): Entry | undefined {
  if (!isObject(node)) {
    diagnostics.push(diagnostic('embed/invalid-node', 'A node is not a JSON object.'));
    return undefined;
  }
  const types = typesOf(node);
  const label = typeof node['@id'] === 'string' ? `"${node['@id']}"` : `A ${types[0] ?? 'node'}`;
  if (types.length === 0) {
    diagnostics.push(
      diagnostic('embed/invalid-node', `${label} has no @type.`, {
        hint: 'give it a schema.org type, e.g. "@type": "Person"',
      }),
    );
    return undefined;
  }
  const { '@context': context, ...rest } = node;
  if (context !== undefined && context !== SCHEMA_ORG_CONTEXT) {
    diagnostics.push(
      diagnostic('embed/invalid-node', `${label} has a @context other than "https://schema.org".`, {
        hint: "leave @context out: the graph has schema.org's",
      }),
    );
    return undefined;
  }
  const resolved = resolveIds(rest, page) as JsonObject;
  const given = rest['@id'];
  const id =
    typeof given === 'string' ? resolveIri(given, page) : generatedId(types, resolved, page);
  if (id === undefined) {
    diagnostics.push(
      diagnostic('embed/invalid-node', `${label} has an @id that is not an IRI.`, {
        hint: 'use an absolute IRI or one relative to the page, e.g. "#person"',
      }),
    );
    return undefined;
  }
  return { id, node: { ...resolved, '@id': id } };
}

/** A copy of `value` with every `@id` (the node's and nested references) made absolute. */
function resolveIds(value: unknown, page: string): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIds(item, page));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    out[key] =
      key === '@id' && typeof member === 'string'
        ? resolveIri(member, page)
        : resolveIds(member, page);
  }
  return out;
}

function resolveIri(iri: string, page: string): string | undefined {
  try {
    return new URL(iri, page).href;
  } catch {
    return undefined;
  }
}

function generatedId(types: readonly string[], node: JsonObject, page: string): string {
  if (types.some((type) => PAGE_TYPES.has(type))) return page;
  const name = typeof node.name === 'string' ? slug(node.name) : '';
  const type = slug(types[0] ?? 'node');
  return `${page}#${name === '' ? type : `${type}-${name}`}`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function merge(existing: Entry, added: Entry, diagnostics: Diagnostic[]): void {
  for (const [key, value] of Object.entries(added.node)) {
    if (value === undefined) continue;
    const current = existing.node[key];
    if (current === undefined) {
      existing.node[key] = value;
    } else if (stringifyJsonLd(current) !== stringifyJsonLd(value)) {
      diagnostics.push(
        diagnostic(
          'graph/conflicting-value',
          `"${existing.id}" is added twice with different values for "${key}": ${stringifyJsonLd(current)} and ${stringifyJsonLd(value)}.`,
          { focusNode: existing.id, hint: 'give the two nodes different @ids, or the same value' },
        ),
      );
    }
  }
}

function giveMainEntities(nodes: readonly Entry[], diagnostics: Diagnostic[]): void {
  const ofType = (type: string) => nodes.filter((entry) => typesOf(entry.node).includes(type));
  for (const entry of ofType('ProfilePage')) {
    if (entry.node.mainEntity !== undefined) continue;
    const people = ofType('Person');
    const candidates = people.length > 0 ? people : ofType('Organization');
    const [only] = candidates;
    if (candidates.length === 1 && only) {
      entry.node.mainEntity = { '@id': only.id };
      continue;
    }
    diagnostics.push(
      diagnostic(
        'graph/missing-main-entity',
        candidates.length === 0
          ? `The ProfilePage "${entry.id}" has no mainEntity, and the graph has no Person or Organization to be it.`
          : `The ProfilePage "${entry.id}" has no mainEntity, and the graph has ${String(candidates.length)} candidates: ${candidates.map((candidate) => `"${candidate.id}"`).join(', ')}.`,
        { focusNode: entry.id, hint: 'set mainEntity to the reference add() returned' },
      ),
    );
  }
}

/** Every `@id` a node mentions below its top level: references and embedded nodes alike. */
function mentionedIds(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) mentionedIds(item, found);
  else if (isObject(value)) {
    if (typeof value['@id'] === 'string') found.push(value['@id']);
    for (const [key, member] of Object.entries(value))
      if (key !== '@id') mentionedIds(member, found);
  }
  return found;
}

/** `@id`s of nodes embedded (with properties) below a node's top level. */
function embeddedIds(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) embeddedIds(item, found);
  else if (isObject(value)) {
    if (typeof value['@id'] === 'string' && Object.keys(value).length > 1) found.add(value['@id']);
    for (const member of Object.values(value)) embeddedIds(member, found);
  }
}

function danglingReferences(nodes: readonly Entry[], page: string): Diagnostic[] {
  const described = new Set(nodes.map((entry) => entry.id));
  for (const entry of nodes)
    for (const member of Object.values(entry.node)) embeddedIds(member, described);
  const diagnostics: Diagnostic[] = [];
  for (const entry of nodes) {
    for (const [key, member] of Object.entries(entry.node)) {
      if (key === '@id') continue;
      for (const id of mentionedIds(member)) {
        // A reference to another page (or site) is an external IRI that needs no description
        // here; one into this page is a promise that some node of the graph keeps.
        if (described.has(id) || id.split('#')[0] !== page) continue;
        diagnostics.push(
          diagnostic(
            'graph/dangling-reference',
            `"${entry.id}" refers to "${id}" in "${key}", which no node of the graph is.`,
            {
              focusNode: entry.id,
              hint: 'add the node, or use the reference add() returned',
            },
          ),
        );
      }
    }
  }
  return diagnostics;
}

/**
 * Nodes not connected to the page (the first page node, else the first node added), following
 * references either way: `Person.mainEntityOfPage` links a person as well as
 * `ProfilePage.mainEntity` does.
 */
function orphans(nodes: readonly Entry[]): Diagnostic[] {
  const root =
    nodes.find((entry) => typesOf(entry.node).some((type) => PAGE_TYPES.has(type))) ?? nodes[0];
  if (!root) return [];
  const links = new Map<string, Set<string>>(nodes.map((entry) => [entry.id, new Set<string>()]));
  for (const entry of nodes) {
    for (const [key, member] of Object.entries(entry.node)) {
      if (key === '@id') continue;
      for (const id of mentionedIds(member)) {
        links.get(entry.id)?.add(id);
        links.get(id)?.add(entry.id);
      }
    }
  }
  const reached = new Set([root.id]);
  const queue = [root.id];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const linked of links.get(next) ?? []) {
      if (reached.has(linked)) continue;
      reached.add(linked);
      queue.push(linked);
    }
  }
  return nodes
    .filter((entry) => !reached.has(entry.id))
    .map((entry) =>
      diagnostic(
        'graph/orphan-node',
        `"${entry.id}" is linked to nothing that leads to "${root.id}".`,
        {
          focusNode: entry.id,
          hint: 'link it from another node (mainEntity, author, isPartOf…) or leave it out',
        },
      ),
    );
}
