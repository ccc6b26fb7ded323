import { createServer, type Server } from 'node:http';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreClient } from '../../../src/store/store-client.js';

// Virtuoso's answer, verbatim, when a MOVE of 2 million triples exceeded its default
// TransactionAfterImageLimit (npm run bench -- --only push --sizes 100000).
const SR325 =
  "Virtuoso 40005 Error SR325: Transaction aborted because it's log after image size went above the limit\n\nSPARQL query:\ndefine sql:big-data-const 0 MOVE SILENT <urn:x-profile-graph:staging:x> TO <https://people.example.org/>";

// Virtuoso's answer, verbatim, when the MOVE of 207,134 triples ran past [SPARQL]
// MaxQueryExecutionTime (set to 1 s to reproduce the 100,000-people push's SR171 at 10,000).
const SR171 =
  'Virtuoso S1T00 Error SR171: Transaction timed out\n\nSPARQL query:\nMOVE SILENT <urn:x-profile-graph:staging:https%3A%2F%2Fpeople.example.org%2F> TO <https://people.example.org/>';

describe('createStoreClient', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      const body =
        request.url === '/sr325'
          ? SR325
          : request.url === '/sr171'
            ? SR171
            : 'Something else went wrong';
      response.writeHead(500, 'SPARQL Request Failed', { 'Content-Type': 'text/plain' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
  });
  afterAll(() => {
    server.close();
  });

  const client = createStoreClient({ kind: 'none' });

  it('says which Virtuoso setting to raise when a graph is too large for one transaction', async () => {
    const reply = await client.send({ method: 'POST', url: new URL(`${origin}/sr325`), body: '' });
    expect(reply).toEqual({
      ok: false,
      status: 500,
      mayHaveApplied: false,
      diagnostic: {
        code: 'store/rejected',
        severity: 'error',
        message: `POST ${origin}/sr325 answered 500 SPARQL Request Failed: ${SR325.replace(/\s+/g, ' ').slice(0, 300)}.`,
        hint: 'the store could not write the graph in one transaction (Virtuoso: raise TransactionAfterImageLimit, in bytes, in the [Parameters] section of virtuoso.ini)',
      },
    });
  });

  it('says which Virtuoso setting bounds the time of one update when the MOVE timed out', async () => {
    const reply = await client.send({ method: 'POST', url: new URL(`${origin}/sr171`), body: '' });
    expect(reply).toEqual({
      ok: false,
      status: 500,
      mayHaveApplied: false,
      diagnostic: {
        code: 'store/rejected',
        severity: 'error',
        message: `POST ${origin}/sr171 answered 500 SPARQL Request Failed: ${SR171.replace(/\s+/g, ' ')}.`,
        hint: 'the store stopped the update when it ran out of time (Virtuoso: raise MaxQueryExecutionTime, in seconds, or set it to 0, in the [SPARQL] section of virtuoso.ini; it bounds updates sent to /sparql-auth too)',
      },
    });
  });

  it('quotes any other refusal without a hint', async () => {
    const reply = await client.send({ method: 'POST', url: new URL(`${origin}/other`), body: '' });
    expect(reply).toEqual({
      ok: false,
      status: 500,
      mayHaveApplied: false,
      diagnostic: {
        code: 'store/rejected',
        severity: 'error',
        message: `POST ${origin}/other answered 500 SPARQL Request Failed: Something else went wrong.`,
      },
    });
  });
});

describe('createStoreClient time limits', () => {
  let server: Server;
  let origin: string;
  let previous: Dispatcher;
  beforeAll(async () => {
    // Headers after 2.5 s: longer than the transport default set below, shorter than the
    // request's own limit.
    server = createServer((request, response) => {
      request.resume();
      setTimeout(() => response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'), 2_500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}`;
    // fetch's own default (undici's headersTimeout, 300 s) cut the 100,000-people MOVE short of
    // the push's 10 minutes (UND_ERR_HEADERS_TIMEOUT); here the same cap, scaled down.
    previous = getGlobalDispatcher();
    setGlobalDispatcher(new Agent({ headersTimeout: 200, bodyTimeout: 200 }));
  });
  afterAll(() => {
    setGlobalDispatcher(previous);
    server.closeAllConnections();
    server.close();
  });

  it("waits for the request's own time limit, whatever fetch's transport default is", async () => {
    const client = createStoreClient({ kind: 'none' });
    const reply = await client.send(
      { method: 'POST', url: new URL(`${origin}/slow`), body: '' },
      { timeoutMs: 5_000 },
    );
    expect(reply).toEqual({ ok: true, status: 200, contentType: 'text/plain', text: 'ok' });
  });

  it('still ends a request at its own time limit', async () => {
    const client = createStoreClient({ kind: 'none' });
    const reply = await client.send(
      { method: 'POST', url: new URL(`${origin}/slow`), body: '' },
      { timeoutMs: 300 },
    );
    expect(reply.ok ? undefined : reply.diagnostic.message).toBe(
      `POST ${origin}/slow got no answer in 0.3 s.`,
    );
  });
});
