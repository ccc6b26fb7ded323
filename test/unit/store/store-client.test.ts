import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreClient } from '../../../src/store/store-client.js';

// Virtuoso's answer, verbatim, when a MOVE of 2 million triples exceeded its default
// TransactionAfterImageLimit (npm run bench -- --only push --sizes 100000).
const SR325 =
  "Virtuoso 40005 Error SR325: Transaction aborted because it's log after image size went above the limit\n\nSPARQL query:\ndefine sql:big-data-const 0 MOVE SILENT <urn:x-profile-graph:staging:x> TO <https://people.example.org/>";

describe('createStoreClient', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      const body = request.url === '/sr325' ? SR325 : 'Something else went wrong';
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
