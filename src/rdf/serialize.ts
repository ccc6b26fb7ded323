import jsonld from 'jsonld';
import { Writer } from 'n3';
import type { Graph, Thing, WithContext } from '../../vendor/schema-dts/schema.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import { sortQuads } from './canonical.js';
import { compactionContextFor } from './compaction-context.js';
import { NS, type Quad } from './data-factory.js';
import type { DocumentLoader } from './document-loader.js';
import type { RdfFormatName } from './formats.js';
import { nestableBlankNodes } from './nesting.js';
import { writeRdfXml } from './rdf-xml.js';

/** The three JSON-LD document forms (JSON-LD 1.1 §9 `profile` parameter values). */
export type JsonLdProfile = 'compacted' | 'expanded' | 'flattened';

/** Options for {@link serialize}. */
export interface SerializeOptions {
  /** Prefixes for Turtle and TriG (default: schema, rdf, rdfs, xsd). */
  prefixes?: Readonly<Record<string, string>>;
  /** JSON-LD form; default `compacted` against the schema.org context. */
  jsonLdProfile?: JsonLdProfile;
  /** Needed for JSON-LD compaction (resolves the schema.org context offline). */
  documentLoader?: DocumentLoader;
  /**
   * Compacted JSON-LD of more quads than this is made in chunks of about this many (see
   * {@link quadsToJsonLd}); default {@link JSON_LD_CHUNK_QUADS}. The output is the same.
   */
  jsonLdChunkQuads?: number;
}

/**
 * 50,000 quads: jsonld.js holds a graph several times over as JSON objects while it compacts
 * (2 million quads ran V8's 4 GB heap out); chunks this size cost the same per quad as one call.
 */
export const JSON_LD_CHUNK_QUADS = 50_000;

/** The prefixes written in Turtle and TriG unless the caller chooses others. */
export const DEFAULT_PREFIXES: Readonly<Record<string, string>> = {
  schema: NS.schema,
  rdf: NS.rdf,
  rdfs: NS.rdfs,
  xsd: NS.xsd,
};

/** The context every compacted JSON-LD document refers to (bundled, never fetched). */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/**
 * Serialises quads to one of the RDF formats. The output is deterministic: the quads are
 * sorted first (see `compareQuads`), so equal graphs with equal blank node labels give equal
 * bytes. Formats without named graphs (Turtle, N-Triples, RDF/XML) refuse a dataset with
 * named graphs rather than silently dropping them.
 */
export async function serialize(
  quads: readonly Quad[],
  format: RdfFormatName,
  options: SerializeOptions = {},
): Promise<string> {
  const sorted = sortQuads(quads);
  switch (format) {
    case 'turtle':
      requireDefaultGraph(sorted, 'Turtle');
      return quadsToTurtle(sorted, options.prefixes);
    case 'trig':
      return quadsToTrig(sorted, options.prefixes);
    case 'ntriples':
      requireDefaultGraph(sorted, 'N-Triples');
      return quadsToNTriples(sorted);
    case 'nquads':
      return quadsToNQuads(sorted);
    case 'rdfxml':
      requireDefaultGraph(sorted, 'RDF/XML');
      return quadsToRdfXml(sorted, options.prefixes);
    case 'jsonld':
      return quadsToJsonLd(sorted, options);
  }
}

/** Turtle with prefixes, subjects grouped and single-use blank nodes nested as `[ … ]`. */
export function quadsToTurtle(
  quads: readonly Quad[],
  prefixes = DEFAULT_PREFIXES,
): Promise<string> {
  return writeNested(quads, 'Turtle', prefixes);
}

/** TriG: Turtle with named graphs. */
export function quadsToTrig(quads: readonly Quad[], prefixes = DEFAULT_PREFIXES): Promise<string> {
  return writeNested(quads, 'TriG', prefixes);
}

/** N-Triples, one triple per line in sorted order. */
export function quadsToNTriples(quads: readonly Quad[]): Promise<string> {
  return writeFlat(quads, 'N-Triples');
}

/** N-Quads, one quad per line in sorted order. */
export function quadsToNQuads(quads: readonly Quad[]): Promise<string> {
  return writeFlat(quads, 'N-Quads');
}

/** RDF/XML (default graph only), written by {@link writeRdfXml}. */
export function quadsToRdfXml(
  quads: readonly Quad[],
  prefixes = DEFAULT_PREFIXES,
): Promise<string> {
  return Promise.resolve(writeRdfXml(quads, prefixes));
}

/**
 * A compacted schema.org JSON-LD document, typed with schema-dts: one node with its context, or
 * several under `@graph`. What {@link compactToSchemaOrg} returns and pages embed.
 */
export type SchemaOrgDocument = WithContext<Thing> | Graph;

/**
 * JSON-LD: `compacted` (default) against the schema.org context with single-use blank nodes
 * embedded in their referrer, as search engines read it; `expanded` and `flattened` on request.
 * A large graph is compacted in chunks of whole subject trees (see {@link compactInChunks}).
 */
export async function quadsToJsonLd(
  quads: readonly Quad[],
  options: SerializeOptions = {},
): Promise<string> {
  const profile = options.jsonLdProfile ?? 'compacted';
  if (profile === 'expanded') return `${JSON.stringify(await expandQuads(quads), null, 2)}\n`;
  const documentLoader = requireLoader(options);
  const chunkQuads = options.jsonLdChunkQuads ?? JSON_LD_CHUNK_QUADS;
  if (profile === 'compacted' && quads.length > chunkQuads) {
    const chunked = await compactInChunks(quads, documentLoader, chunkQuads);
    if (chunked !== undefined) return chunked;
  }
  const document =
    profile === 'flattened'
      ? withKeywords({
          ...(await jsonld.flatten(
            await expandQuads(quads),
            await contextFor(quads, documentLoader),
            compactionSettings(documentLoader),
          )),
          '@context': SCHEMA_ORG_CONTEXT,
        })
      : await compactToSchemaOrg(quads, documentLoader);
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * The quads as a compacted schema.org JSON-LD object (`"@context": "https://schema.org"`,
 * keywords rather than the context's `id`/`type` aliases, native numbers and booleans,
 * single-use blank nodes nested). For library users who embed or inspect the JSON-LD.
 */
export async function compactToSchemaOrg(
  quads: readonly Quad[],
  documentLoader: DocumentLoader,
): Promise<SchemaOrgDocument> {
  const expanded = await expandQuads(quads);
  const compacted = await jsonld.compact(
    embedBlankNodes(expanded, nestableBlankNodes(quads)),
    await contextFor(quads, documentLoader),
    // Already expanded (fromRDF's output, blank nodes moved in): expanding again changes nothing.
    compactionSettings(documentLoader, { skipExpansion: true }),
  );
  // jsonld.js types its output loosely; compaction against the schema.org context yields exactly
  // this shape (one node object, or @graph when there are several).
  return withKeywords({ ...compacted, '@context': SCHEMA_ORG_CONTEXT }) as SchemaOrgDocument;
}

const RDF_REST = `${NS.rdf}rest`;

/**
 * The compacted document of a large graph, written chunk by chunk: the same bytes as compacting
 * it whole, without holding it whole as JSON. Compaction treats each top-level node on its own,
 * so the graph is cut between subject trees (a node with the blank nodes nested in it, which
 * move together) in the order `fromRDF` lists nodes, every chunk is compacted against the
 * context pruned for the whole graph, and the nodes are written into one `@graph`. Undefined
 * (compact it whole) when a cut could change the output: named graphs, RDF lists (`fromRDF`
 * folds a list only when it sees all its references), or a single top-level node.
 */
async function compactInChunks(
  quads: readonly Quad[],
  documentLoader: DocumentLoader,
  chunkQuads: number,
): Promise<string | undefined> {
  if (quads.some((q) => q.graph.termType !== 'DefaultGraph' || q.predicate.value === RDF_REST))
    return undefined;
  const nestable = nestableBlankNodes(quads);
  const trees = subjectTrees(quads, nestable);
  if (trees.length < 2) return undefined;
  const context = await contextFor(quads, documentLoader);
  const nodes: string[] = [];
  let next = 0;
  while (next < trees.length) {
    const chunk: Quad[] = [];
    while (next < trees.length && (chunk.length === 0 || chunk.length < chunkQuads))
      for (const q of trees[next++] as Quad[]) chunk.push(q);
    const compacted = await jsonld.compact(
      embedBlankNodes(await expandQuads(chunk), nestable),
      context,
      compactionSettings(documentLoader, { skipExpansion: true }),
    );
    const { '@context': _context, '@graph': graph, ...single } = compacted;
    for (const node of Array.isArray(graph) ? graph : [single])
      nodes.push(JSON.stringify(withKeywords(node), null, 2).replace(/^/gm, '    '));
  }
  return `{\n  "@context": ${JSON.stringify(SCHEMA_ORG_CONTEXT)},\n  "@graph": [\n${nodes.join(',\n')}\n  ]\n}\n`;
}

/**
 * The quads grouped by top-level node, each with the quads of the blank nodes nested in it,
 * ordered as `fromRDF` orders node objects (by `@id`, blank nodes as `_:label`).
 */
function subjectTrees(quads: readonly Quad[], nestable: ReadonlySet<string>): Quad[][] {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    // n3's term id: the IRI, or `_:label` for a blank node, as fromRDF keys node objects.
    const key = q.subject.id;
    const group = bySubject.get(key);
    if (group) group.push(q);
    else bySubject.set(key, [q]);
  }
  const trees: [string, Quad[]][] = [];
  for (const [key, own] of bySubject) {
    if (key.startsWith('_:') && nestable.has(key.slice(2))) continue;
    const tree = [...own];
    // The nested blank nodes' own quads, breadth first (each is nested in exactly one place).
    for (let at = 0; at < tree.length; at++) {
      const object = (tree[at] as Quad).object;
      if (object.termType === 'BlankNode' && nestable.has(object.value))
        for (const q of bySubject.get(object.id) ?? []) tree.push(q);
    }
    trees.push([key, tree]);
  }
  return trees.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, tree]) => tree);
}

async function expandQuads(quads: readonly Quad[]): Promise<unknown[]> {
  return nativeLiterals(
    await jsonld.fromRDF(quads as never, { useNativeTypes: false, rdfDirection: 'i18n-datatype' }),
  ) as unknown[];
}

/** The schema.org context, pruned to what compacting these quads can use (same output, faster). */
async function contextFor(quads: readonly Quad[], documentLoader: DocumentLoader) {
  const { document } = await documentLoader(SCHEMA_ORG_CONTEXT);
  return compactionContextFor(document, quads);
}

function compactionSettings(documentLoader: DocumentLoader, input = { skipExpansion: false }) {
  return { documentLoader, compactToRelative: false, base: null, ...input };
}

function requireLoader(options: SerializeOptions): DocumentLoader {
  if (!options.documentLoader)
    throw new TypeError('JSON-LD compaction needs the offline documentLoader');
  return options.documentLoader;
}

const XSD_INTEGER = `${NS.xsd}integer`;
const XSD_BOOLEAN = `${NS.xsd}boolean`;

/**
 * Writes canonical xsd:integer and xsd:boolean literals as JSON numbers and booleans (JSON-LD
 * 1.1 §8.6 native types), as people and search engines write them. Only lexical forms that
 * survive the round trip unchanged are converted (`"020"` stays a typed string), so parsing the
 * output gives back exactly the same literals.
 */
function nativeLiterals(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nativeLiterals);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const literal = object['@value'];
  if (typeof literal === 'string' && Object.keys(object).length === 2) {
    if (object['@type'] === XSD_INTEGER && /^-?(0|[1-9]\d{0,14})$/.test(literal)) {
      return { '@value': Number(literal) };
    }
    if (object['@type'] === XSD_BOOLEAN && (literal === 'true' || literal === 'false')) {
      return { '@value': literal === 'true' };
    }
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, nativeLiterals(item)]),
  );
}

/**
 * The schema.org context aliases `id` and `type` to `@id` and `@type`, so compaction writes the
 * aliases. Consumers that are not full JSON-LD processors (several search engine and SEO tools)
 * only recognise the keywords, and the keywords mean the same under any context, so write those.
 */
function withKeywords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withKeywords);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key === 'id' ? '@id' : key === 'type' ? '@type' : key,
      key === '@context' ? item : withKeywords(item),
    ]),
  );
}

type NodeObject = Record<string, unknown> & { '@id'?: string; '@graph'?: NodeObject[] };

/**
 * Moves each nestable blank node object (see {@link nestableBlankNodes}) into the one place
 * that references it, so compaction yields `"interactionStatistic": { "@type": … }` rather than
 * a separate `_:c14n0` node. Works on the expanded, flat node list from `fromRDF`.
 */
function embedBlankNodes(expanded: readonly unknown[], nestable: ReadonlySet<string>): unknown[] {
  if (nestable.size === 0) return [...expanded];
  const embedIn = (nodes: NodeObject[]): NodeObject[] => {
    const byLabel = new Map<string, NodeObject>();
    for (const node of nodes) {
      const id = node['@id'];
      if (id?.startsWith('_:') && nestable.has(id.slice(2))) byLabel.set(id, node);
    }
    const replace = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(replace);
      if (value === null || typeof value !== 'object') return value;
      const object = value as NodeObject;
      const id = object['@id'];
      const keys = Object.keys(object);
      if (id !== undefined && keys.length === 1 && byLabel.has(id)) {
        const { '@id': _label, ...content } = byLabel.get(id) as NodeObject;
        return replace(content);
      }
      return Object.fromEntries(
        Object.entries(object).map(([key, item]) => [
          key,
          key === '@graph' ? embedIn(item as NodeObject[]) : replace(item),
        ]),
      );
    };
    return nodes
      .filter((node) => !byLabel.has(node['@id'] ?? ''))
      .map((node) => replace(node) as NodeObject);
  };
  return embedIn(expanded as NodeObject[]);
}

function writeNested(
  quads: readonly Quad[],
  format: 'Turtle' | 'TriG',
  prefixes: Readonly<Record<string, string>>,
): Promise<string> {
  const writer = new Writer({ format, prefixes: { ...prefixes } });
  const nestable = nestableBlankNodes(quads);
  const described = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType !== 'BlankNode' || !nestable.has(q.subject.value)) continue;
    const list = described.get(q.subject.value) ?? [];
    list.push(q);
    described.set(q.subject.value, list);
  }
  const objectOf = (object: Quad['object']): Quad['object'] => {
    if (object.termType !== 'BlankNode' || !nestable.has(object.value)) return object;
    const children = (described.get(object.value) ?? []).map((child) => ({
      predicate: child.predicate,
      object: objectOf(child.object),
    }));
    return writer.blank(children);
  };
  for (const q of quads) {
    if (q.subject.termType === 'BlankNode' && nestable.has(q.subject.value)) continue;
    writer.addQuad(q.subject, q.predicate, objectOf(q.object), q.graph);
  }
  return endWriter(writer).then(indentBlankNodes);
}

/**
 * n3 writes nested blank nodes with a fixed two-space indent whatever their depth. Re-indent
 * them under their predicate. Safe because n3 escapes newlines inside literals, so every line
 * break in its output is structural: a line ending in `[` opens a blank node, one starting with
 * `]` closes it.
 */
function indentBlankNodes(text: string): string {
  let depth = 0;
  return text
    .split('\n')
    .map((line) => {
      if (depth === 0 && !line.endsWith('[')) return line;
      if (line.startsWith(']')) depth--;
      const indented =
        depth > 0 || line.startsWith(']') ? `${'    '.repeat(depth + 1)}${line.trimStart()}` : line;
      if (line.endsWith('[')) depth++;
      return indented;
    })
    .join('\n');
}

function writeFlat(quads: readonly Quad[], format: 'N-Triples' | 'N-Quads'): Promise<string> {
  const writer = new Writer({ format });
  writer.addQuads([...quads]);
  return endWriter(writer);
}

function endWriter(writer: Writer): Promise<string> {
  return new Promise((resolve, reject) => {
    writer.end((error: Error | null, result: string) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}

function requireDefaultGraph(quads: readonly Quad[], label: string): void {
  const named = quads.find((q) => q.graph.termType !== 'DefaultGraph');
  if (named) {
    throw new ProfileGraphError(
      [
        {
          code: 'rdf/named-graphs',
          severity: 'error',
          message: `${label} cannot carry named graphs, and the data has graph <${named.graph.value}>; use N-Quads, TriG or JSON-LD.`,
        },
      ],
      1,
    );
  }
}
