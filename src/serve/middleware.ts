import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteRef } from '../publish/site-ref.js';
import { answerPublished } from './server.js';

/** Default budget of the rendered-document cache: some 5,000 documents of a typical profile. */
export const DEFAULT_CACHE_MB = 256;

/** Connect's and express's `next`: called with nothing to pass the request on. */
export type NextFunction = (error?: unknown) => void;

/**
 * A connect-style request handler: `app.use(handler)` in express, or called from a plain
 * node:http listener with a `next` of its own.
 */
export type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: NextFunction,
) => void;

/**
 * The publisher as middleware: a request for a resource the current Site publishes is answered
 * exactly as `serve` answers it (the same `answerPublished`, so the same negotiation, headers,
 * conditional requests and cache); every other request goes to `next` untouched, so the host
 * application keeps its own routes and its own 404.
 */
export function createMiddleware(siteRef: SiteRef): Middleware {
  return (request, response, next) => {
    if (!answerPublished(siteRef.current, request, response)) next();
  };
}
