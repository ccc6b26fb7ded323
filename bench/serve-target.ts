// A server process for bench/serve.ts: serves the bundled profile with one of three
// implementations, so each is measured in its own process (its own core and event loop).
//   raw      node:http returning the same bytes and headers, no negotiation (the ceiling)
//   express  a bare express 5 route returning the same bytes (the naive design)
//   site     profile-graph's request listener: negotiation + table lookup before express
import { renderResource } from '../src/publish/site.js';
import { createServer } from 'node:http';
import express from 'express';
import { respond } from '../src/http/respond.js';
import { createApp } from '../src/serve/app.js';
import { createRequestListener } from '../src/serve/server.js';
import type { SiteRef } from '../src/publish/site-ref.js';
import { buildBundledSite } from '../test/support/server.js';

const kind = process.argv[2] ?? 'site';
const accept = process.argv[3] ?? 'text/turtle';
// As `serve` builds it: documents rendered on first request into its default 256 MB cache.
const site = await buildBundledSite({}, { renderOnDemand: { maxBytes: 256 * 1024 * 1024 } });
const siteRef: SiteRef = { current: site };
const person = site.resources.get('/people/sheng-zha');
if (person) await renderResource(person);
// The response the benchmark asks for: the person's document in the format `accept` names, gzip.
const plan = respond(site, {
  method: 'GET',
  url: '/people/sheng-zha',
  headers: { accept, 'accept-encoding': 'gzip' },
});

let listener: Parameters<typeof createServer>[1];
if (kind === 'raw') {
  listener = (_request, response) => {
    response.writeHead(plan.status, plan.headers);
    response.end(plan.body);
  };
} else if (kind === 'express') {
  const app = express();
  app.get('/people/sheng-zha', (_request, response) => {
    response.set(plan.headers).status(plan.status).end(plan.body);
  });
  listener = app;
} else {
  listener = createRequestListener(siteRef, createApp(siteRef));
}
const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
