import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../src/publish/site.js';
import { createApp } from '../../src/serve/app.js';
import { startServer, stopServer, type ServerOptions } from '../../src/serve/server.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { buildBundledSite } from '../support/server.js';

let site: Site;
beforeAll(async () => {
  site = await buildBundledSite({}, { renderOnDemand: { maxBytes: 16 * 1024 * 1024 } });
}, 120_000);

const sockets: Socket[] = [];
let running: Server | undefined;
afterEach(() => {
  for (const socket of sockets) socket.destroy();
  sockets.length = 0;
  running?.closeAllConnections();
  running?.close();
  running = undefined;
});

async function start(limits: ServerOptions['limits']): Promise<{ server: Server; port: number }> {
  const siteRef: SiteRef = { current: site };
  const server = await startServer(siteRef, createApp(siteRef), {
    port: 0,
    host: '127.0.0.1',
    limits,
  });
  running = server;
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, port: address.port };
}

/** Opens a raw connection and sends `text` (a request cut short), resolving once written. */
async function halfSent(port: number, text: string): Promise<{ closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  await new Promise<void>((resolve) =>
    socket.once('connect', () => {
      resolve();
    }),
  );
  await new Promise<void>((resolve) =>
    socket.write(text, () => {
      resolve();
    }),
  );
  const opened = Date.now();
  return {
    closed: new Promise((resolve) =>
      socket.once('close', () => {
        resolve(Date.now() - opened);
      }),
    ),
  };
}

/** Resolves to how long `promise` took, or rejects once `limitMs` has passed. */
async function within(promise: Promise<unknown>, limitMs: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`not done within ${String(limitMs)} ms`));
    }, limitMs);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - started;
}

describe('server limits', { timeout: 60_000 }, () => {
  it('finishes shutdown within the grace period while a client holds a half-sent head', async () => {
    const { server, port } = await start({ headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    await halfSent(port, 'GET /people/sheng-zha HTTP/1.1\r\nHost: localhost\r\nAccept: te');
    const took = await within(stopServer(server, { graceMs: 300 }), 5_000);
    expect(took).toBeGreaterThanOrEqual(250);
  });

  it('finishes shutdown within the grace period while a client holds a half-sent body', async () => {
    const { server, port } = await start({ headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 });
    await halfSent(
      port,
      'POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 1000\r\n\r\nASK {',
    );
    await within(stopServer(server, { graceMs: 300 }), 5_000);
  });

  it('finishes at once when no request is in flight', async () => {
    const { server } = await start({});
    expect(await within(stopServer(server, { graceMs: 10_000 }), 2_000)).toBeLessThan(1_000);
  });

  it('cuts a slowloris connection soon after the headers timeout', async () => {
    const { port } = await start({ headersTimeoutMs: 500, checkIntervalMs: 100 });
    const { closed } = await halfSent(port, 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1');
    const lived = await within(closed, 5_000);
    expect(lived).toBeGreaterThanOrEqual(400);
    expect(lived).toBeLessThan(2_000);
  });
});
