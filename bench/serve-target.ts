// A server process for bench/serve.ts, so each implementation is measured in its own process
// (its own core and event loop). Started once per bench run and kept for every format and round:
//   site     profile-graph's request listener (`answerPublished` before express), serving the
//            bundled profile as `serve` does; it builds the Site once, then sends the parent
//            the plan `respond` makes for each Accept it was given
//   raw      node:http sending a plan it is given: `writeHead(status, flatHeaderArray)` and
//            `end(body)`, nothing else (the ceiling: no URL, header or negotiation work)
//   express  a bare express 5 route sending a plan it is given (the naive design)
//   raw-built node:http as raw, in a process that first built the Site and rendered the
//            document as the site process does (a control: what that set-up leaves behind costs
//            every request whatever the listener; see bench/serve.ts)
// raw and express start without a plan and swap to the one in each `{ plan }` message, replying
// `{ ready: true }`; the site replies `{ port, plans }` once listening.
import { createServer } from 'node:http';
import type { ResponsePlan } from '../src/http/respond.js';

/** A plan as it crosses the IPC channel (JSON): the body in base64. */
export interface PlanMessage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const kind = process.argv[2] ?? 'site';

let listener: Parameters<typeof createServer>[1];
/** raw-built's Site, kept alive (and its heap with it) while serving. */
export let built: unknown;
if (kind === 'site') {
  const [{ renderResource }, { respond }, { createApp }, { createRequestListener }, support] =
    await Promise.all([
      import('../src/publish/site.js'),
      import('../src/http/respond.js'),
      import('../src/serve/app.js'),
      import('../src/serve/server.js'),
      import('../test/support/server.js'),
    ]);
  // As `serve` builds it: documents rendered on first request into its default 256 MB cache.
  const site = await support.buildBundledSite(
    {},
    { renderOnDemand: { maxBytes: 256 * 1024 * 1024 } },
  );
  const person = site.resources.get('/people/sheng-zha');
  if (person) await renderResource(person);
  const accepts: readonly string[] = JSON.parse(process.argv[3] ?? '[]') as string[];
  // The responses the benchmark asks for: the person's document in each format, gzip.
  const plans = Object.fromEntries(
    accepts.map((accept) => {
      const plan = respond(site, {
        method: 'GET',
        url: '/people/sheng-zha',
        headers: { accept, 'accept-encoding': 'gzip' },
      });
      const message: PlanMessage = {
        status: plan.status,
        headers: { ...plan.headers },
        body: plan.body.toString('base64'),
      };
      return [accept, message];
    }),
  );
  listener = createRequestListener({ current: site }, createApp({ current: site }));
  listen((port) => process.send?.({ port, plans }));
} else {
  if (kind === 'raw-built') {
    const [support, { renderResource }] = await Promise.all([
      import('../test/support/server.js'),
      import('../src/publish/site.js'),
    ]);
    const site = await support.buildBundledSite(
      {},
      { renderOnDemand: { maxBytes: 256 * 1024 * 1024 } },
    );
    // Rendered as the site process renders it: this step (one gzipSync and brotliCompressSync
    // after the build suffice) is what leaves node's nextTick ten times slower in the profile.
    const person = site.resources.get('/people/sheng-zha');
    if (person) await renderResource(person);
    built = site;
  }
  let status = 503;
  let headers: string[] = [];
  let plan: ResponsePlan = { status, headers: {}, body: Buffer.alloc(0) };
  process.on('message', (message: { plan: PlanMessage }) => {
    status = message.plan.status;
    // Flattened once, as `http/send.ts` does for the Site's shared header objects.
    headers = Object.entries(message.plan.headers).flat();
    plan = { ...message.plan, body: Buffer.from(message.plan.body, 'base64') };
    process.send?.({ ready: true });
  });
  if (kind === 'raw' || kind === 'raw-built') {
    listener = (_request, response) => {
      response.writeHead(status, headers);
      response.end(plan.body);
    };
  } else {
    const { default: express } = await import('express');
    const app = express();
    app.get('/people/sheng-zha', (_request, response) => {
      response.set(plan.headers).status(plan.status).end(plan.body);
    });
    listener = app;
  }
  listen((port) => process.send?.({ port }));
}

function listen(ready: (port: number) => void): void {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    ready(typeof address === 'object' && address ? address.port : 0);
  });
}
process.on('disconnect', () => process.exit(0));
