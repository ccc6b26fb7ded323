import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import { send } from './send.js';
import type { Resource } from '../publish/site.js';
import { decodePath, plainResponse, respond } from '../http/respond.js';
import type { SiteRef } from './site-ref.js';

/** Called once per finished request (the access log). */
export type AccessLogger = (line: string) => void;

/**
 * The request listener: a published resource (its canonical path or a format URL) is answered
 * straight from the Site table, bypassing express's router (which costs most of a request's
 * time for this job, see bench/); everything else goes to the express app.
 */
export function createRequestListener(siteRef: SiteRef, app: Express, log?: AccessLogger) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const started = log ? process.hrtime.bigint() : 0n;
    if (log) {
      response.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log(
          `${request.method ?? '-'} ${request.url ?? '-'} ${response.statusCode} ${String(response.getHeader('content-length') ?? 0)} ${ms.toFixed(1)}ms`,
        );
      });
    }
    const site = siteRef.current;
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = decodePath(queryStart < 0 ? url : url.slice(0, queryStart));
    const resource =
      path === undefined
        ? undefined
        : (site.resources.get(path) ?? site.byLocation.get(path)?.resource);
    if (resource === undefined) {
      app(request, response);
      return;
    }
    const answer = () => {
      send(
        response,
        respond(site, { method: request.method ?? 'GET', url, headers: request.headers }),
      );
    };
    const rendering = resource.prepare?.();
    if (rendering === undefined) answer();
    else
      answerWhenRendered(resource, rendering, answer).catch(() => {
        send(response, plainResponse(500, 'The resource could not be rendered.\n'));
      });
  };
}

/**
 * Answers once a resource rendered on demand can be read. Checked again after each wait, and
 * answered in the same synchronous step as the last check: a burst of other renderings could
 * otherwise evict it from the cache before this request's turn came.
 */
async function answerWhenRendered(
  resource: Resource,
  rendering: Promise<void>,
  answer: () => void,
): Promise<void> {
  let pending: Promise<void> | undefined = rendering;
  while (pending !== undefined) {
    await pending;
    pending = resource.prepare?.();
  }
  answer();
}

/** Options for {@link startServer}. */
export interface ServerOptions {
  port: number;
  host: string;
  log?: AccessLogger;
}

/** Starts an HTTP server for the site; resolves once listening. */
export async function startServer(
  siteRef: SiteRef,
  app: Express,
  options: ServerOptions,
): Promise<Server> {
  const server = createServer(createRequestListener(siteRef, app, options.log));
  // Slow or stuck clients must not hold connections forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Stops accepting connections and resolves when in-flight requests have finished. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeIdleConnections();
  });
}
