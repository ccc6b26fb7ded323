import express, { type Express, type Request, type Response, type Router } from 'express';
import { respond } from '../http/respond.js';
import { send } from '../http/send.js';
import type { SiteRef } from '../publish/site-ref.js';

/** Options for {@link createApp}. */
export interface AppOptions {
  /**
   * Routers tried in order before the final handler: the command composes them (the SPARQL
   * endpoint is `sparql/routes.ts`, serve's sibling, so serve does not import it).
   */
  routes?: readonly Router[];
}

/**
 * The express application for everything that is not a pre-rendered resource (the hot path in
 * `createRequestListener` answers those before express is involved): the routes given (the
 * SPARQL endpoint and query page at /sparql, when the command mounts them), then the final
 * handler for unknown paths and bad requests, answered by the same `respond` so a 404 is
 * negotiated like any document. No `listen()` here
 * (STYLE.md §1): callers own the server (and the engine, when they pass one in, to close it).
 */
export function createApp(siteRef: SiteRef, options: AppOptions = {}): Express {
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
