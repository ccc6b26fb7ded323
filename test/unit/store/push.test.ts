import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { literal, namedNode, quad, defaultGraph } from '../../../src/rdf/data-factory.js';
import { pushGraph, stagingGraph } from '../../../src/store/push.js';
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
