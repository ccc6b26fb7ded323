import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { send } from '../http/send.js';
import { ProfileGraphError } from '../model/diagnostic.js';
import {
  answersRequest,
  renderResource,
  type Resource,
  type Site,
  type SiteResource,
} from '../publish/site.js';
import { locate, plainResponse, respondAt, type RequestLike } from '../http/respond.js';
import type { SiteRef } from '../publish/site-ref.js';
import type { App } from './app.js';

/** Called once per finished request (the access log). */
export type AccessLogger = (line: string) => void;

/**
 * The request listener: a published resource (its canonical path or a format URL) is answered
 * straight from the Site table, bypassing express's router (which costs most of a request's
 * time for this job, see bench/); everything else goes to the express app, and so do the
 * requests a resource leaves to the route at its path (see `answersRequest`).
 */
export function createRequestListener(siteRef: SiteRef, app: App, log?: AccessLogger) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (log) logRequest(request, response, log);
    if (!answerPublished(siteRef.current, request, response)) app(request, response);
  };
}

/**
 * Answers a request for a resource the Site publishes (its canonical path or a format URL) and
 * returns true; returns false, having written nothing, for any other path, which the caller
 * passes on (to serve's express app, or to the host application's `next`). The one way a
 * published resource is answered, so `serve` and `profile-graph/server` send the same bytes
 * and headers.
 */
export function answerPublished(
  site: Site,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  // node:http sets both on every request a server receives (they are optional only on the
  // client side), so the request is the planner's RequestLike as it is: nothing is copied.
  const url = request.url ?? '/';
  const method = request.method ?? 'GET';
  // Looked up once: the planner is handed the same target (`respondAt`).
  const target = locate(site, url);
  const resource = target?.entry;
  // A resource sharing its path with a route (the query page at /sparql) leaves that route
  // the requests it does not answer (a query, POST, OPTIONS).
  if (resource === undefined || !answersRequest(resource, method, url)) return false;
  const planned = request as RequestLike;
  // Rendered up front or cached: answered in this synchronous step, without allocating a
  // closure (the hot path).
  const rendering = renderResource(resource);
  if (!(rendering instanceof Promise)) send(response, respondAt(site, planned, target));
  else
    answerWhenRendered(resource, rendering, () => {
      send(response, respondAt(site, planned, target));
    }).catch(() => {
      send(response, plainResponse(500, 'The resource could not be rendered.\n'));
    });
  return true;
}

/**
 * Answers once a resource rendered on demand is in the cache. Checked again after each wait,
 * and answered in the same synchronous step as the last check: a burst of other renderings
 * could otherwise evict it from the cache before this request's turn came.
 */
async function answerWhenRendered(
  resource: SiteResource,
  rendering: Promise<Resource>,
  answer: () => void,
): Promise<void> {
  let pending: Resource | Promise<Resource> = rendering;
  while (pending instanceof Promise) {
    await pending;
    pending = renderResource(resource);
  }
  answer();
}

/** Time limits that keep slow or stuck clients from holding the server (milliseconds). */
export interface ServerLimits {
  /** The whole request head must arrive within this (a slowloris client is cut near it). */
  headersTimeoutMs: number;
  /** The whole request, head and body, must arrive within this. */
  requestTimeoutMs: number;
  /**
   * How often the two timeouts above are checked. Node's default (30 s) let a slowloris
   * connection live 30 s although the headers timeout was 10 s.
   */
  checkIntervalMs: number;
}

/** The limits `serve` uses. */
export const SERVER_LIMITS: Readonly<ServerLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
};

/**
 * Writes one access-log line when the response has finished: method, target, status, body
 * bytes sent and milliseconds. The bytes are counted as written, since responses sent with
 * `writeHead(status, headers)` or streamed in chunks have no Content-Length to read back.
 */
function logRequest(request: IncomingMessage, response: ServerResponse, log: AccessLogger): void {
  const started = process.hrtime.bigint();
  let bytes = 0;
  const count = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string')
      bytes += Buffer.byteLength(
        chunk,
        typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
      );
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    count(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof response.write;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    count(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as typeof response.end;
  response.once('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // No body goes on the wire for HEAD, 204 and 304 (RFC 9110 §9.3.2, §15.3.5, §15.4.5),
    // whatever was passed to end().
    const status = response.statusCode;
    const sent = request.method === 'HEAD' || status === 204 || status === 304 ? 0 : bytes;
    log(
      `${request.method ?? '-'} ${request.url ?? '-'} ${status} ${String(sent)} ${ms.toFixed(1)}ms`,
    );
  });
}

/** Options for {@link startServer}. */
export interface ServerOptions {
  port: number;
  host: string;
  log?: AccessLogger;
  /** Overrides of {@link SERVER_LIMITS} (tests use short ones). */
  limits?: Partial<ServerLimits> | undefined;
}

/** A server listening on its port before there is a site to serve (see {@link bindServer}). */
export interface BoundServer {
  server: Server;
  /** The port actually bound (the one the system picked for port 0). */
  port: number;
  /** Starts answering from the site: every request from now on goes to it. */
  serve(siteRef: SiteRef, app: App): void;
}

/** What requests get until {@link BoundServer.serve} is called. */
const STARTING = plainResponse(503, 'The profile is being validated; try again in a moment.\n', {
  'Retry-After': '2',
});

/**
 * Binds the port first, so a busy port is reported at once rather than after a validation
 * that can take minutes; until `serve` is called every request gets 503 with Retry-After
 * (RFC 9110 §15.6.4). Rejects with a {@link ProfileGraphError} (exit 2) when the port cannot be
 * bound: `serve/port-in-use`, or `serve/cannot-listen` (no permission, no such address).
 */
export async function bindServer(options: ServerOptions): Promise<BoundServer> {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  let listener = (_request: IncomingMessage, response: ServerResponse): void => {
    send(response, STARTING);
  };
  const { log } = options;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (request, response) => {
      if (log) logRequest(request, response, log);
      listener(request, response);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(listenError(error, options));
    });
    server.listen(options.port, options.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : options.port,
    serve(siteRef, app) {
      listener = createRequestListener(siteRef, app);
    },
  };
}

function listenError(error: NodeJS.ErrnoException, options: ServerOptions): ProfileGraphError {
  const where = `${options.host}:${String(options.port)}`;
  return new ProfileGraphError([
    error.code === 'EADDRINUSE'
      ? {
          code: 'serve/port-in-use',
          severity: 'error',
          message: `${where} is already in use; stop the server that holds it or choose another port with --port (0 picks a free one).`,
        }
      : {
          code: 'serve/cannot-listen',
          severity: 'error',
          message: `Cannot listen on ${where}: ${error.code ?? error.message}; choose another --host or --port.`,
        },
  ]);
}

/** Starts an HTTP server for the site; resolves once listening. */
export async function startServer(
  siteRef: SiteRef,
  app: App,
  options: ServerOptions,
): Promise<Server> {
  const bound = await bindServer(options);
  bound.serve(siteRef, app);
  return bound.server;
}

/** The grace period {@link stopServer} gives requests in flight by default. */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Stops accepting connections and resolves when in-flight requests have finished, or after
 * `graceMs` at the latest: then every remaining connection is closed. Once a server closes, Node
 * stops enforcing its request timeouts, so without this bound a client holding a half-sent head
 * or body kept shutdown waiting forever.
 */
export function stopServer(server: Server, options: { graceMs?: number } = {}): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      server.closeAllConnections();
    }, options.graceMs ?? SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
