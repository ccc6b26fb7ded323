import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/publish/site.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { createApp } from '../../src/serve/app.js';
import { startServer, stopServer } from '../../src/serve/server.js';
import type { SparqlDataset } from '../../src/sparql/dataset.js';
import { createSparqlEngine, DEFAULT_LIMITS, type SparqlEngine } from '../../src/sparql/engine.js';
import type { QueryRequest } from '../../src/sparql/limits.js';
import { createSparqlRoutes } from '../../src/sparql/routes.js';
import { rawRequest } from '../support/http-client.js';
import { buildBundledSite, servedSparql } from '../support/server.js';

// Issue #18: `serve` loads the SPARQL worker at start, so the first query after ready does not
// pay the load. What makes it so: the warm-up runs on the very dataset the route queries (so
// the worker that loaded it has nothing to load again), and it has finished when warm() resolves.

let site: Site;
beforeAll(async () => {
  site = await buildBundledSite({}, { sparql: servedSparql() });
}, 120_000);

/** An engine that records what it is asked, answering with a real one. */
function recording(inner: SparqlEngine) {
  const asked: { dataset: SparqlDataset; request: QueryRequest }[] = [];
  const engine: SparqlEngine = {
    limits: inner.limits,
    query(dataset, request) {
      asked.push({ dataset, request });
      return inner.query(dataset, request);
    },
    close: () => inner.close(),
  };
  return { engine, asked };
}

describe('SparqlRoutes.warm', () => {
  let server: Server | undefined;
  let inner: SparqlEngine | undefined;
  afterAll(async () => {
    if (server) await stopServer(server);
    await inner?.close();
  });

  it('loads the current dataset into a worker; the first query runs on that same dataset', async () => {
    inner = createSparqlEngine({ workers: 1 });
    const { engine, asked } = recording(inner);
    const siteRef: SiteRef = { current: site };
    const routes = createSparqlRoutes(siteRef, { engine });
    await routes.warm();
    expect(asked.map(({ request }) => request.query)).toEqual(['ASK {}']);
    server = await startServer(siteRef, createApp(siteRef, { routes: [routes.router] }), {
      port: 0,
      host: '127.0.0.1',
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    const query = 'ASK { ?s a <http://schema.org/Person> }';
    const reply = await rawRequest(
      `http://127.0.0.1:${String(address.port)}`,
      'GET',
      `/sparql?query=${encodeURIComponent(query)}`,
      { accept: 'application/sparql-results+json' },
    );
    expect(reply.status).toBe(200);
    expect(asked.map(({ request }) => request.query)).toEqual(['ASK {}', query]);
    expect(asked[1]?.dataset).toBe(asked[0]?.dataset);
  }, 60_000);

  it('asks nothing of an external store (its data is loaded already)', async () => {
    const asked: string[] = [];
    const engine: SparqlEngine = {
      limits: DEFAULT_LIMITS,
      remote: { endpoint: 'http://127.0.0.1:9/sparql', graph: 'http://localhost:8080/' },
      query(_dataset, request) {
        asked.push(request.query);
        return Promise.reject(new Error('an external store is not warmed'));
      },
      close: () => Promise.resolve(),
    };
    await createSparqlRoutes({ current: site }, { engine }).warm();
    expect(asked).toEqual([]);
  });
});
