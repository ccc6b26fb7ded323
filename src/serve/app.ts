import express, { type Express, type Request, type Response } from 'express';
import { respond } from '../http/respond.js';
import { send } from './send.js';
import { createSparqlRoutes, type SparqlRouteOptions } from './sparql-routes.js';
import type { SiteRef } from './site-ref.js';

/** Options for {@link createApp}. */
export interface AppOptions {
  /** The SPARQL endpoint's engine or limits (default: a new engine with the default limits). */
  sparql?: SparqlRouteOptions;
}

/**
 * The express application for everything that is not a pre-rendered resource (the hot path in
 * `createRequestListener` answers those before express is involved): the SPARQL endpoint and
 * query page at /sparql, then the final handler for unknown paths and bad requests, answered
 * by the same `respond` so a 404 is negotiated like any document. No `listen()` here
 * (STYLE.md §1): callers own the server (and the engine, when they pass one in, to close it).
 */
export function createApp(siteRef: SiteRef, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(createSparqlRoutes(siteRef, options.sparql).router);
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
