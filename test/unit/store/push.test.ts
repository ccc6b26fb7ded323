import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { literal, namedNode, quad, defaultGraph } from '../../../src/rdf/data-factory.js';
import { parseRdf } from '../../../src/rdf/parse.js';
import { diffStoreGraph, pushGraph, stagingGraph } from '../../../src/store/push.js';
import { createStoreClient } from '../../../src/store/store-client.js';

const GRAPH = 'https://people.example.org/';
const QUADS = [
  quad(
    namedNode('https://people.example.org/a'),
    namedNode('http://schema.org/name'),
    literal('A'),
    defaultGraph(),
  ),
];

/** A store whose graph-replacing request (the MOVE, or a whole-graph PUT) answers as told. */
async function fakeStore(replace: 'hang' | 'refuse') {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://store');
      const graph = url.searchParams.get('graph');
      const update = new URLSearchParams(body).get('update');
      seen.push(
        `${request.method ?? ''} ${url.pathname}${graph === null ? '' : ` ${graph}`}${update === null ? '' : ` ${update}`}`,
      );
      const replacing =
        update?.startsWith('MOVE') === true || (request.method === 'PUT' && graph === GRAPH);
      if (!replacing) {
        response.writeHead(request.method === 'DELETE' ? 200 : 201).end();
        return;
      }
      if (replace === 'refuse') response.writeHead(500).end('no');
      // 'hang': never answers; the push's time limit for the swap ends the wait.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
  return { server, origin, seen };
}

describe('pushGraph', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('says the outcome is unknown, and leaves the staging graph alone, when the swap gets no answer in time', async () => {
    const store = await fakeStore('hang');
    server = store.server;
    const outcome = await pushGraph(
      createStoreClient({ kind: 'none' }),
      QUADS,
      {
        graphStore: new URL(`${store.origin}/gsp`),
        graph: GRAPH,
        updateEndpoint: new URL(`${store.origin}/update`),
      },
      { swapTimeoutMs: 300 },
    );
    expect(outcome).toEqual({
      ok: false,
      diagnostics: [
        {
          code: 'store/outcome-unknown',
          severity: 'error',
          message: `POST ${store.origin}/update got no answer in 0.3 s while it replaced <${GRAPH}>: the store may still complete it, so the graph holds either its previous triples or the published ones.`,
          hint: 'push again: a graph already up to date is left alone (and a slow store may need more time: the swap of a large graph is one transaction)',
        },
      ],
    });
    // The MOVE may still run in the store: its staging graph is not deleted under it.
    expect(store.seen).toEqual([
      `PUT /gsp ${stagingGraph(GRAPH)}`,
      `POST /update MOVE SILENT <${stagingGraph(GRAPH)}> TO <${GRAPH}>`,
    ]);
  });

  it('says the outcome is unknown when a whole-graph PUT gets no answer in time', async () => {
    const store = await fakeStore('hang');
    server = store.server;
    const outcome = await pushGraph(
      createStoreClient({ kind: 'none' }),
      QUADS,
      { graphStore: new URL(`${store.origin}/gsp`), graph: GRAPH },
      { swapTimeoutMs: 300 },
    );
    expect(outcome.ok ? [] : outcome.diagnostics.map((each) => each.code)).toEqual([
      'store/outcome-unknown',
    ]);
  });

  it('drops the staging graph and keeps the previous one when the store refuses the swap', async () => {
    const store = await fakeStore('refuse');
    server = store.server;
    const outcome = await pushGraph(createStoreClient({ kind: 'none' }), QUADS, {
      graphStore: new URL(`${store.origin}/gsp`),
      graph: GRAPH,
      updateEndpoint: new URL(`${store.origin}/update`),
    });
    expect(outcome.ok ? [] : outcome.diagnostics.map((each) => each.code)).toEqual([
      'store/rejected',
      'store/previous-graph-kept',
    ]);
    expect(store.seen.at(-1)).toBe(`DELETE /gsp ${stagingGraph(GRAPH)}`);
  });
});

describe('diffStoreGraph', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  // The store's graph as N-Triples lines, in the order ORDER BY ?s ?p ?o gives; the blank node
  // is an object on the first line and a subject on the last, so pages split its triples.
  const STORED = [
    `<${GRAPH}a> <http://schema.org/address> _:b1 .`,
    `<${GRAPH}a> <http://schema.org/name> "A" .`,
    `<${GRAPH}b> <http://schema.org/name> "B" .`,
    `<${GRAPH}c> <http://schema.org/name> "C" .`,
    `_:b1 <http://schema.org/addressLocality> "Berlin" .`,
  ];

  /**
   * A store that, like Virtuoso (`FRVEC: array in for vectored over max vector length`), refuses
   * to list more than `maxTriples` triples in one CONSTRUCT, and pages by LIMIT and OFFSET.
   */
  async function pagingStore(maxTriples: number) {
    const queries: string[] = [];
    const instance = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const query = new URLSearchParams(body).get('query') ?? '';
        queries.push(query);
        if (query.includes('COUNT(*)')) {
          response.writeHead(200, { 'Content-Type': 'application/sparql-results+json' });
          response.end(
            JSON.stringify({
              head: { vars: ['triples'] },
              results: {
                bindings: [{ triples: { type: 'literal', value: String(STORED.length) } }],
              },
            }),
          );
          return;
        }
        const limit = /LIMIT (\d+)/.exec(query);
        const offset = Number(/OFFSET (\d+)/.exec(query)?.[1] ?? 0);
        const lines = limit === null ? STORED : STORED.slice(offset, offset + Number(limit[1]));
        if (lines.length > maxTriples) {
          response.writeHead(500, 'SPARQL Request Failed');
          response.end(
            `Virtuoso 42000 Error FRVEC: array in for vectored over max vector length ${String(lines.length)} > ${String(maxTriples)}`,
          );
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/n-triples' });
        response.end(`${lines.join('\n')}\n`);
      });
    });
    await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
    const address = instance.address();
    const origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
    return { server: instance, origin, queries };
  }

  it('lists a graph larger than the store lists at once in ordered pages, one blank node across them', async () => {
    const store = await pagingStore(2);
    server = store.server;
    const published = (
      await parseRdf(STORED.join('\n'), 'ntriples', { baseIri: GRAPH, file: 'x.nt' })
    ).quads;
    const diff = await diffStoreGraph(
      createStoreClient({ kind: 'none' }),
      published,
      {
        graphStore: new URL(`${store.origin}/gsp`),
        graph: GRAPH,
        queryEndpoint: new URL(`${store.origin}/sparql`),
      },
      { pageTriples: 2 },
    );
    expect(diff).toEqual({ ok: true, added: [], removed: [], storeTriples: 5 });
    expect(store.queries.slice(1)).toEqual(
      [0, 2, 4].map(
        (offset) =>
          `CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s ?p ?o WHERE { GRAPH <${GRAPH}> { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT 2 OFFSET ${String(offset)} } }`,
      ),
    );
  });

  it('lists a graph that fits in one page with one CONSTRUCT', async () => {
    const store = await pagingStore(5);
    server = store.server;
    const diff = await diffStoreGraph(
      createStoreClient({ kind: 'none' }),
      QUADS,
      {
        graphStore: new URL(`${store.origin}/gsp`),
        graph: GRAPH,
        queryEndpoint: new URL(`${store.origin}/sparql`),
      },
      { pageTriples: 5 },
    );
    expect(diff.ok && { added: diff.added.length, removed: diff.removed.length }).toEqual({
      added: 0,
      removed: 4,
    });
    expect(store.queries.slice(1)).toEqual([
      `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${GRAPH}> { ?s ?p ?o } }`,
    ]);
  });
});
