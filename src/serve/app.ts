import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response } from 'express';
import { respond } from '../http/respond.js';
import { send } from '../http/send.js';
import type { SiteRef } from '../publish/site-ref.js';

// The types below are structural, not express's: createApp is public (src/index.ts), and a
// consumer's type check must not need @types/express, which is not a dependency.

/** The application {@link createApp} returns, as a node:http request listener (`createServer(app)`). */
export type App = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A connect-style handler that passes on what it does not answer (an express `Router` is one).
 * Written as a method's type so that express's handlers, which declare express's request and
 * response (node's, extended), are accepted: express calls them with exactly those.
 */
export type Route = {
  handle(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void;
}['handle'];

/** Options for {@link createApp}. */
export interface AppOptions {
  /**
   * Routers tried in order before the final handler: the command composes them (the SPARQL
   * endpoint is `sparql/routes.ts`, serve's sibling, so serve does not import it).
   */
  routes?: readonly Route[];
}

/**
 * The express application for everything that is not a pre-rendered resource (the hot path in
 * `createRequestListener` answers those before express is involved): the routes given (the
 * SPARQL endpoint and query page at /sparql, when the command mounts them), then the final
 * handler for unknown paths and bad requests, answered by the same `respond` so a 404 is
 * negotiated like any document. No `listen()` here
 * (STYLE.md §1): callers own the server (and the engine, when they pass one in, to close it).
 */
export function createApp(siteRef: SiteRef, options: AppOptions = {}): App {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  for (const router of options.routes ?? []) app.use(router);
  app.use((request: Request, response: Response) => {
    send(
      response,
      respond(siteRef.current, {
        method: request.method,
        url: request.originalUrl,
        headers: request.headers,
      }),
    );
  });
  return app;
}
