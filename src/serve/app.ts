import express, { type Express, type Request, type Response } from 'express';
import { respond, type ResponsePlan } from './respond.js';
import type { SiteRef } from './site-ref.js';

/**
 * The express application for everything that is not a pre-rendered resource (the hot path in
 * `createRequestListener` answers those before express is involved). For now that is only the
 * final handler: unknown paths and bad requests, answered by the same `respond` so a 404 is
 * negotiated like any document. No `listen()` here (STYLE.md §1): callers own the server.
 */
export function createApp(siteRef: SiteRef): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
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

/** Writes a planned response. */
export function send(response: import('node:http').ServerResponse, plan: ResponsePlan): void {
  response.writeHead(plan.status, plan.headers);
  response.end(plan.body);
}
