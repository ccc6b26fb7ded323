// Writing the published graph into a store through the SPARQL 1.1 Graph Store HTTP Protocol,
// so that after a push the store's graph equals the published one, or is left as it was.
import type { Diagnostic } from '../model/diagnostic.js';
import type { ProgressListener } from '../model/progress.js';
import { canonicalizeQuads } from '../rdf/canonical.js';
import { defaultGraph, quad as makeQuad, type Quad } from '../rdf/data-factory.js';
import { parseRdf } from '../rdf/parse.js';
import { quadsToNQuads, quadsToNTriples } from '../rdf/serialize.js';
import { chunkQuads } from './chunks.js';
import { storeDiagnostic, type StoreClient } from './store-client.js';

/** Where a graph is pushed, and the store's other endpoints. */
export interface StoreTarget {
  /** The Graph Store Protocol endpoint (graphs named by `?graph=`, GSP §4.2). */
  graphStore: URL;
  /** The named graph the publication is written to. */
  graph: string;
  /** The SPARQL query endpoint: compares the store's graph with the published one. */
  queryEndpoint?: URL | undefined;
  /**
   * The SPARQL Update endpoint: with it, chunks go to a staging graph that one `MOVE` puts in
   * place; without it, the whole graph is one `PUT`, which a store applies whole or not at all.
   */
  updateEndpoint?: URL | undefined;
}

/** Options for {@link pushGraph}. */
export interface PushOptions {
  /** Triples per request when staging (default {@link DEFAULT_CHUNK_TRIPLES}). */
  chunkTriples?: number | undefined;
  onProgress?: ProgressListener | undefined;
  /** Stops the push between requests (Ctrl-C); the previous graph stays. */
  signal?: AbortSignal | undefined;
  /** The time limit of the request that replaces the graph (default {@link SWAP_TIMEOUT_MS}). */
  swapTimeoutMs?: number | undefined;
}

/**
 * Ten minutes for the one request that replaces the graph (the MOVE, or a whole-graph PUT):
 * its time grows with the graph, since the store writes it in one transaction, and cutting it
 * off leaves the outcome unknown. Other requests keep the client's limit.
 */
export const SWAP_TIMEOUT_MS = 600_000;

/**
 * 50,000 triples: about 6 MB of N-Triples per request, well under the request limits stores
 * ship with, and a few dozen requests for a large directory.
 */
export const DEFAULT_CHUNK_TRIPLES = 50_000;

/** What {@link pushGraph} did. */
export type PushOutcome =
  | {
      ok: true;
      /** `unchanged`: the store's graph already equalled the published one; nothing was sent. */
      kind: 'pushed' | 'unchanged';
      triples: number;
      /** Requests that carried triples. */
      requests: number;
      /** Whether the chunks went through a staging graph (an update endpoint was given). */
      staged: boolean;
      /** Warnings (a comparison the store could not answer). */
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/** The difference between the published graph and the store's, as triples. */
export type GraphDiff =
  | { ok: true; added: Quad[]; removed: Quad[]; storeTriples: number }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * Pushes `quads` (default-graph triples) into the target's graph with PUT semantics: afterwards
 * the store's graph is the published graph, whatever it held before. With a query endpoint the
 * store's graph is compared first, and an equal one is left alone (`unchanged`), so pushing
 * the same data twice changes nothing. With an update endpoint the triples go in chunks (a PUT,
 * then POSTs) to a staging graph, and `MOVE <staging> TO <graph>` (SPARQL 1.1 Update §3.2.5,
 * one request, so one transaction) replaces the graph; a failure or an abort before the move
 * drops the staging graph and reports `store/previous-graph-kept`. Never rejects.
 */
export async function pushGraph(
  client: StoreClient,
  quads: readonly Quad[],
  target: StoreTarget,
  options: PushOptions = {},
): Promise<PushOutcome> {
  const warnings: Diagnostic[] = [];
  if (target.queryEndpoint !== undefined) {
    const diff = await diffStoreGraph(client, quads, target);
    if (diff.ok && diff.added.length === 0 && diff.removed.length === 0)
      return {
        ok: true,
        kind: 'unchanged',
        triples: quads.length,
        requests: 0,
        staged: false,
        diagnostics: [],
      };
    // A store that cannot list the graph can still take it: the comparison only saves work.
    if (!diff.ok)
      warnings.push(
        ...diff.diagnostics.map((each) => ({
          ...each,
          severity: 'warning' as const,
          message: `${each.message} The graph is pushed without comparing.`,
        })),
      );
  }
  if (target.updateEndpoint === undefined) {
    options.onProgress?.('push', 0, quads.length);
    const put = await client.send(
      graphRequest('PUT', target.graphStore, target.graph, await quadsToNTriples(quads)),
      { timeoutMs: options.swapTimeoutMs ?? SWAP_TIMEOUT_MS },
    );
    if (!put.ok)
      return {
        ok: false,
        diagnostics: put.mayHaveApplied
          ? [outcomeUnknown(put.diagnostic, target.graph)]
          : [put.diagnostic, kept(target.graph)],
      };
    options.onProgress?.('push', quads.length, quads.length);
    return {
      ok: true,
      kind: 'pushed',
      triples: quads.length,
      requests: 1,
      staged: false,
      diagnostics: warnings,
    };
  }
  const staging = stagingGraph(target.graph);
  let sent = 0;
  let requests = 0;
  options.onProgress?.('push', 0, quads.length);
  const fail = async (diagnostic: Diagnostic): Promise<PushOutcome> => {
    // Best effort: a staging graph left behind is replaced by the next push's first PUT.
    await client.send({ method: 'DELETE', url: graphUrl(target.graphStore, staging) });
    return { ok: false, diagnostics: [diagnostic, kept(target.graph)] };
  };
  for (const chunk of chunkQuads(quads, options.chunkTriples ?? DEFAULT_CHUNK_TRIPLES)) {
    if (options.signal?.aborted)
      return fail(
        storeDiagnostic(
          'store/unreachable',
          `The push to ${target.graphStore.href} was interrupted after ${String(sent)} of ${String(quads.length)} triples`,
        ),
      );
    const reply = await client.send(
      graphRequest(
        requests === 0 ? 'PUT' : 'POST',
        target.graphStore,
        staging,
        await quadsToNTriples(chunk),
      ),
    );
    if (!reply.ok) return fail(reply.diagnostic);
    requests += 1;
    sent += chunk.length;
    options.onProgress?.('push', sent, quads.length);
  }
  if (requests === 0) {
    // No triples: no staging graph was made, and an empty PUT empties the graph at once.
    const put = await client.send(graphRequest('PUT', target.graphStore, target.graph, ''));
    if (!put.ok) return { ok: false, diagnostics: [put.diagnostic, kept(target.graph)] };
    return {
      ok: true,
      kind: 'pushed',
      triples: 0,
      requests: 1,
      staged: false,
      diagnostics: warnings,
    };
  }
  if (options.signal?.aborted)
    return fail(
      storeDiagnostic(
        'store/unreachable',
        `The push to ${target.graphStore.href} was interrupted before the swap`,
      ),
    );
  const move = await client.send(
    updateRequest(target.updateEndpoint, `MOVE SILENT ${iri(staging)} TO ${iri(target.graph)}`),
    { timeoutMs: options.swapTimeoutMs ?? SWAP_TIMEOUT_MS },
  );
  // The MOVE may still be running in the store: its staging graph is not deleted under it.
  if (!move.ok && move.mayHaveApplied)
    return { ok: false, diagnostics: [outcomeUnknown(move.diagnostic, target.graph)] };
  if (!move.ok) return fail(move.diagnostic);
  return {
    ok: true,
    kind: 'pushed',
    triples: quads.length,
    requests,
    staged: true,
    diagnostics: warnings,
  };
}

/**
 * Compares `quads` with the store's graph, read through the query endpoint: counted, then
 * listed as N-Triples: with one CONSTRUCT, or, for a graph of more than `pageTriples` triples,
 * with one CONSTRUCT per ordered page (see {@link LIST_PAGE_TRIPLES}). Blank nodes are compared after canonical labelling
 * (RDFC-1.0) of both sides, so an isomorphic graph has no difference. A store that lists fewer
 * triples than it counted (Virtuoso's `ResultSetMaxRows` caps every result) gives a
 * `store/bad-answer` diagnostic rather than a wrong difference.
 */
export async function diffStoreGraph(
  client: StoreClient,
  quads: readonly Quad[],
  target: StoreTarget,
  options: { pageTriples?: number } = {},
): Promise<GraphDiff> {
  const endpoint = target.queryEndpoint;
  if (endpoint === undefined)
    return {
      ok: false,
      diagnostics: [
        storeDiagnostic('store/bad-answer', "No query endpoint to read the store's graph from"),
      ],
    };
  const graph = iri(target.graph);
  const counted = await client.send(
    queryRequest(
      endpoint,
      `SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ${graph} { ?s ?p ?o } }`,
      'application/sparql-results+json',
    ),
  );
  if (!counted.ok) return { ok: false, diagnostics: [counted.diagnostic] };
  const count = readCount(counted.text);
  if (count === undefined)
    return {
      ok: false,
      diagnostics: [
        storeDiagnostic(
          'store/bad-answer',
          `${endpoint.href} answered a COUNT query with no number`,
        ),
      ],
    };
  let current: Quad[] = [];
  if (count > 0) {
    // One text parsed once: a blank node's label holds across pages only within one parse.
    const pages: string[] = [];
    for (const query of listingQueries(graph, count, options.pageTriples ?? LIST_PAGE_TRIPLES)) {
      const listed = await client.send(
        queryRequest(endpoint, query, 'application/n-triples, text/turtle;q=0.9'),
      );
      if (!listed.ok) return { ok: false, diagnostics: [listed.diagnostic] };
      pages.push(listed.text);
    }
    const parsed = await parseRdf(pages.join('\n'), 'turtle', {
      baseIri: target.graph,
      file: endpoint.href,
    });
    if (parsed.diagnostics.length > 0) return { ok: false, diagnostics: parsed.diagnostics };
    current = parsed.quads.map((each) =>
      makeQuad(each.subject, each.predicate, each.object, defaultGraph()),
    );
    if (current.length < count)
      return {
        ok: false,
        diagnostics: [
          storeDiagnostic(
            'store/bad-answer',
            `${endpoint.href} counted ${String(count)} triples in ${graph} but listed ${String(current.length)}`,
            'the store caps results (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)',
          ),
        ],
      };
  }
  const [published, stored] = await Promise.all([canonicalLines(quads), canonicalLines(current)]);
  const added = quads.length === 0 ? [] : difference(published, stored);
  const removed = difference(stored, published);
  return {
    ok: true,
    added: added.map((line) => line.quad),
    removed: removed.map((line) => line.quad),
    storeTriples: count,
  };
}

interface Line {
  text: string;
  quad: Quad;
}

async function canonicalLines(quads: readonly Quad[]): Promise<Map<string, Line>> {
  const canonical = await canonicalizeQuads(
    quads.map((each) => makeQuad(each.subject, each.predicate, each.object, defaultGraph())),
  );
  const lines = new Map<string, Line>();
  // One quad at a time would cost a writer per quad; one text split by line is the same.
  const text = await quadsToNQuads(canonical);
  text.split('\n').forEach((line, index) => {
    const quad = canonical[index];
    if (line !== '' && quad !== undefined) lines.set(line, { text: line, quad });
  });
  return lines;
}

function difference(from: Map<string, Line>, without: Map<string, Line>): Line[] {
  return [...from.values()].filter((line) => !without.has(line.text));
}

/**
 * Triples listed per CONSTRUCT. Virtuoso (7.2.5) refused to list the 100,000-people graph in
 * one: `FRVEC: array in for vectored over max vector length 2071596 > 1000000`, and the push
 * then sent a graph it could have left alone. Half that bound leaves room.
 */
export const LIST_PAGE_TRIPLES = 500_000;

/**
 * The CONSTRUCT queries that list a graph of `count` triples: one, or ordered pages (SPARQL
 * 1.1 §15.4: OFFSET and LIMIT select a stable slice only of an ordered solution sequence).
 */
function listingQueries(graph: string, count: number, pageTriples: number): string[] {
  if (count <= pageTriples) return [`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ${graph} { ?s ?p ?o } }`];
  const queries: string[] = [];
  for (let offset = 0; offset < count; offset += pageTriples)
    queries.push(
      `CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { GRAPH ${graph} { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT ${String(pageTriples)} OFFSET ${String(offset)} } }`,
    );
  return queries;
}

function readCount(text: string): number | undefined {
  try {
    const json = JSON.parse(text) as {
      results?: { bindings?: { triples?: { value?: string } }[] };
    };
    const value = Number(json.results?.bindings?.[0]?.triples?.value);
    return Number.isInteger(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The staging graph of a target graph: one per target, so a later push replaces a leftover. */
export function stagingGraph(graph: string): string {
  return `urn:x-profile-graph:staging:${encodeURIComponent(graph)}`;
}

function kept(graph: string): Diagnostic {
  return {
    code: 'store/previous-graph-kept',
    severity: 'info',
    message: `The store still holds its previous graph ${iri(graph)}: nothing was replaced.`,
  };
}

/** The request that replaces the graph went unanswered: it may still be applied. */
function outcomeUnknown(unanswered: Diagnostic, graph: string): Diagnostic {
  return {
    code: 'store/outcome-unknown',
    severity: 'error',
    message: `${unanswered.message.replace(/\.$/, '')} while it replaced ${iri(graph)}: the store may still complete it, so the graph holds either its previous triples or the published ones.`,
    hint: 'push again: a graph already up to date is left alone (and a slow store may need more time: the swap of a large graph is one transaction)',
  };
}

function iri(value: string): string {
  return `<${value}>`;
}

function graphUrl(graphStore: URL, graph: string): URL {
  const url = new URL(graphStore);
  url.searchParams.set('graph', graph);
  return url;
}

function graphRequest(method: 'PUT' | 'POST', graphStore: URL, graph: string, body: string) {
  // N-Triples is Turtle, and every Graph Store takes Turtle (GSP §5.3 names it).
  return {
    method,
    url: graphUrl(graphStore, graph),
    headers: { 'Content-Type': 'text/turtle; charset=utf-8' },
    body,
  };
}

function queryRequest(endpoint: URL, query: string, accept: string) {
  // SPARQL 1.1 Protocol §2.1.2: a URL-encoded POST, which every endpoint accepts.
  return {
    method: 'POST' as const,
    url: endpoint,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept },
    body: new URLSearchParams({ query }).toString(),
  };
}

function updateRequest(endpoint: URL, update: string) {
  // SPARQL 1.1 Protocol §2.2.1: update via URL-encoded POST.
  return {
    method: 'POST' as const,
    url: endpoint,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ update }).toString(),
  };
}
