import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isomorphic } from 'rdf-isomorphic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProfile } from '../../bench/generate.js';
import { main } from '../../src/cli/main.js';
import { parseRdf } from '../../src/rdf/parse.js';
import type { Quad } from '../../src/rdf/data-factory.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { createApp } from '../../src/serve/app.js';
import { startServer, stopServer } from '../../src/serve/server.js';
import { EXAMPLE_QUERIES } from '../../src/sparql/examples.js';
import { jsonToResults, type Binding } from '../../src/sparql/query-result.js';
import { createRemoteEngine } from '../../src/sparql/remote-engine.js';
import { createSparqlRoutes } from '../../src/sparql/routes.js';
import { pushGraph } from '../../src/store/push.js';
import { createStoreClient } from '../../src/store/store-client.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';
import { buildBundledSite, serveSite } from '../support/server.js';
import {
  startVirtuoso,
  virtuosoMissing,
  VIRTUOSO_START_MS,
  type Virtuoso,
} from '../support/virtuoso.js';

/**
 * `push` against a real store: Debian's Virtuoso (test/support/virtuoso.ts), digest auth with
 * the credentials in a variable. The store's graph is read back with CONSTRUCT and compared by
 * isomorphism with what `convert` prints (the published graph).
 */
const missing = virtuosoMissing();
const GRAPH = 'http://localhost:8080/';

describe.skipIf(missing !== undefined)(
  `push into Virtuoso${missing === undefined ? '' : ` (skipped: ${missing})`}`,
  () => {
    let store: Virtuoso;
    let generated: string;
    const env = () => ({
      PROFILE_GRAPH_STORE_USER: store.user,
      PROFILE_GRAPH_STORE_PASSWORD: store.password,
    });
    const flags = () => [
      '--store',
      store.graphStore,
      '--query-endpoint',
      store.sparql,
      '--update-endpoint',
      store.update,
    ];

    beforeAll(async () => {
      // Raised from Debian's 10,000 so the store can list a whole 1,000-people graph.
      store = await startVirtuoso({ maxRows: 1_000_000 });
      generated = await mkdtemp(path.join(tmpdir(), 'profile-graph-push-'));
    }, VIRTUOSO_START_MS + 10_000);

    afterAll(async () => {
      await store.stop();
      await rm(generated, { recursive: true, force: true });
    });

    async function run(argv: string[], cwd = REPO_ROOT) {
      const io = capturedIo({ cwd });
      io.env = env();
      const status = await main(argv, io);
      return { status, out: io.out, err: io.err };
    }

    async function storeGraph(graph: string): Promise<Quad[]> {
      const response = await fetch(store.sparql, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/n-triples',
        },
        body: new URLSearchParams({
          query: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`,
        }),
      });
      return (await parseRdf(await response.text(), 'ntriples', { baseIri: graph, file: 'store' }))
        .quads;
    }

    async function published(cwd = REPO_ROOT): Promise<Quad[]> {
      const converted = await run(['convert', '--to', 'ntriples'], cwd);
      expect(converted.status).toBe(0);
      return (await parseRdf(converted.out, 'ntriples', { baseIri: GRAPH, file: 'dump' })).quads;
    }

    it('pushes the bundled profile in chunks; the store holds the published graph; a second push sends nothing', async () => {
      const first = await run(['push', ...flags(), '--chunk-triples', '40']);
      expect(first.err).not.toMatch(/error/);
      expect(first.status).toBe(0);
      expect(first.out).toMatch(
        /^Pushed \d+ triples to <http:\/\/localhost:8080\/> in [5-9] request\(s\) through a staging graph/,
      );
      const profile = await published();
      expect(isomorphic(await storeGraph(GRAPH), profile)).toBe(true);

      const second = await run(['push', ...flags()]);
      expect(second.status).toBe(0);
      expect(second.out).toBe(
        `<${GRAPH}> is up to date (${String(profile.length)} triples); nothing sent.\n`,
      );
      expect(isomorphic(await storeGraph(GRAPH), profile)).toBe(true);
    }, 120_000);

    it('--dry-run lists what a push would change and changes nothing', async () => {
      const dry = await run([
        'push',
        ...flags(),
        '--graph',
        'http://example.org/empty',
        '--dry-run',
      ]);
      expect(dry.status).toBe(0);
      expect(dry.out).toMatch(
        /^<http:\/\/example.org\/empty>: \d+ triples to add, 0 to remove \(the store holds 0/,
      );
      expect(await storeGraph('http://example.org/empty')).toEqual([]);
    }, 120_000);

    it('a push interrupted halfway leaves the previous graph and says so', async () => {
      const before = await storeGraph(GRAPH);
      expect(before.length).toBeGreaterThan(0);
      const changed = before.slice(0, Math.floor(before.length / 2));
      const controller = new AbortController();
      const outcome = await pushGraph(
        createStoreClient({
          kind: 'password',
          user: store.user,
          password: store.password,
          source: 'test',
        }),
        changed,
        {
          graphStore: new URL(store.graphStore),
          graph: GRAPH,
          updateEndpoint: new URL(store.update),
        },
        {
          chunkTriples: 10,
          onProgress: (_stage, done, total) => {
            if (done > 0 && done >= total / 2) controller.abort();
          },
          signal: controller.signal,
        },
      );
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? [] : outcome.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'store/previous-graph-kept' }),
      );
      expect(isomorphic(await storeGraph(GRAPH), before)).toBe(true);
      expect(await storeGraph(`urn:x-profile-graph:staging:${encodeURIComponent(GRAPH)}`)).toEqual(
        [],
      );
    }, 120_000);

    it('pushes 1,000 generated people; the store holds the published graph', async () => {
      await generateProfile(generated, { people: 1000 });
      const pushed = await run(['push', ...flags(), '--chunk-triples', '5000'], generated);
      expect(pushed.status).toBe(0);
      const graph = 'https://people.example.org/';
      expect(isomorphic(await storeGraph(graph), await published(generated))).toBe(true);
      const again = await run(['push', ...flags()], generated);
      expect(again.out).toMatch(/is up to date/);
    }, 300_000);

    it('refuses credentials in the URL (exit 2) and reports wrong ones (exit 1) without printing them', async () => {
      const inUrl = await run([
        'push',
        '--store',
        store.graphStore.replace('http://', 'http://dba:dba@'),
      ]);
      expect(inUrl.status).toBe(2);
      const io = capturedIo({ cwd: REPO_ROOT });
      io.env = { PROFILE_GRAPH_STORE_USER: 'dba', PROFILE_GRAPH_STORE_PASSWORD: 'wrong-secret' };
      expect(await main(['push', '--store', store.graphStore, '--graph', 'urn:x'], io)).toBe(1);
      expect(io.err).toMatch(/error store\/unauthorized/);
      expect(io.err).toMatch(/info store\/previous-graph-kept/);
      expect(io.err).not.toContain('wrong-secret');
    }, 120_000);

    it('/sparql proxied to the store answers the example queries as the built-in engine does', async () => {
      expect((await run(['push', ...flags()])).status).toBe(0);
      const site = await buildBundledSite();
      const local = await serveSite(site);
      const siteRef: SiteRef = { current: site };
      const engine = createRemoteEngine({ endpoint: new URL(store.sparql), graph: GRAPH });
      const app = createApp(siteRef, { routes: [createSparqlRoutes(siteRef, { engine }).router] });
      const proxied = await startServer(siteRef, app, { port: 0, host: '127.0.0.1' });
      const proxy = `http://127.0.0.1:${String((proxied.address() as AddressInfo).port)}`;
      const queries = [
        ...EXAMPLE_QUERIES.map((each) => [each.id, each.query] as const),
        ...(await Promise.all(
          ['stars.rq', 'alumni.rq'].map(
            async (name) =>
              [name, await readFile(path.join(REPO_ROOT, 'examples', name), 'utf8')] as const,
          ),
        )),
        // The README's property path, and a relative IRI (resolved against the site's base).
        [
          'readme path',
          'PREFIX schema: <http://schema.org/>\nSELECT ?name ?stars WHERE { ?project schema:name ?name ; schema:interactionStatistic/schema:userInteractionCount ?stars . FILTER (?stars > 10000) } ORDER BY DESC(?stars)',
        ],
        ['relative IRI', 'CONSTRUCT WHERE { <people/sheng-zha#id> ?p ?o }'],
      ];
      try {
        for (const [id, query] of queries) {
          const [mine, theirs] = await Promise.all([
            answer(local.origin, query),
            answer(proxy, query),
          ]);
          expect({ id, status: theirs.status }).toEqual({ id, status: 200 });
          if (mine.result.kind === 'graph' && theirs.result.kind === 'graph') {
            expect(mine.result.quads.length, id).toBeGreaterThan(0);
            let quads = theirs.result.quads;
            if (/^\s*(PREFIX[^\n]*\n\s*)*DESCRIBE/i.test(query)) {
              // What DESCRIBE returns is the store's choice (SPARQL 1.1 Query §16.4): Oxigraph
              // gives the resource's own triples, Virtuoso adds those that point at it.
              const described = new Set(
                mine.result.quads
                  .filter((each) => each.subject.termType === 'NamedNode')
                  .map((each) => each.subject.value),
              );
              const own = (each: Quad) =>
                each.subject.termType === 'BlankNode' || described.has(each.subject.value);
              expect(
                quads
                  .filter((each) => !own(each))
                  .every((each) => described.has(each.object.value)),
                id,
              ).toBe(true);
              quads = quads.filter(own);
            }
            expect(isomorphic(quads, mine.result.quads), id).toBe(true);
          } else {
            expect({ id, result: theirs.result }).toEqual({ id, result: mine.result });
          }
        }
      } finally {
        await stopServer(proxied);
        await stopServer(local.server);
      }
    }, 180_000);
  },
);

type Answer =
  | { kind: 'graph'; quads: Quad[] }
  | { kind: 'rows'; vars: readonly string[]; rows: string[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; text: string };

/**
 * A query's answer from a /sparql endpoint, comparable across engines: a graph as quads (for
 * isomorphism), SELECT solutions as a sorted list of canonical rows (blank node labels are the
 * engine's own), ASK as the boolean.
 */
async function answer(origin: string, query: string): Promise<{ status: number; result: Answer }> {
  const response = await fetch(`${origin}/sparql`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/sparql-query',
      Accept: 'application/sparql-results+json, application/n-triples;q=0.9',
    },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) return { status: response.status, result: { kind: 'text', text } };
  if ((response.headers.get('content-type') ?? '').startsWith('application/n-triples')) {
    const parsed = await parseRdf(text, 'ntriples', { baseIri: GRAPH, file: origin });
    return { status: response.status, result: { kind: 'graph', quads: parsed.quads } };
  }
  const result = jsonToResults(text);
  if (result === undefined || result.kind === 'graph')
    return { status: 0, result: { kind: 'text', text } };
  if (result.kind === 'boolean')
    return { status: response.status, result: { kind: 'boolean', value: result.value } };
  return {
    status: response.status,
    result: { kind: 'rows', vars: result.vars, rows: result.bindings.map(canonicalRow).sort() },
  };
}

function canonicalRow(binding: Binding): string {
  return JSON.stringify(
    Object.keys(binding)
      .sort()
      .map((name) => {
        const term = binding[name];
        return [name, term?.type === 'bnode' ? { type: 'bnode' } : term];
      }),
  );
}
