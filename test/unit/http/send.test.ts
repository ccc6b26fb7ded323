import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponsePlan } from '../../../src/http/respond.js';
import { send } from '../../../src/http/send.js';

const HEADERS = {
  'Content-Type': 'text/turtle; charset=utf-8',
  'Content-Length': '5',
  ETag: '"e1"',
  Vary: 'Accept, Accept-Encoding',
  'Access-Control-Allow-Origin': '*',
};
const BODY = Buffer.from('hello');
const PLANS: Record<string, ResponsePlan> = {
  '/frozen': { status: 200, headers: Object.freeze({ ...HEADERS }), body: BODY },
  '/plain': { status: 200, headers: { ...HEADERS }, body: BODY },
};

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    const plan = PLANS[request.url ?? ''];
    if (plan) send(response, plan);
    else send(response, { status: 404, headers: { 'Content-Length': '0' }, body: Buffer.alloc(0) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

/** Status, raw header lines without Date (it changes each second), and body. */
function get(path: string): Promise<{ status: number; rawHeaders: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const rawHeaders: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i] ?? '';
          if (name !== 'Date') rawHeaders.push(`${name}: ${response.rawHeaders[i + 1] ?? ''}`);
        }
        resolve({
          status: response.statusCode ?? 0,
          rawHeaders,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('send', () => {
  it('writes a shared (frozen) header object exactly as a one-off one, every time', async () => {
    const plain = await get('/plain');
    const first = await get('/frozen');
    const again = await get('/frozen');
    expect(plain.rawHeaders).toEqual(
      expect.arrayContaining([
        'Content-Type: text/turtle; charset=utf-8',
        'Content-Length: 5',
        'ETag: "e1"',
        'Vary: Accept, Accept-Encoding',
        'Access-Control-Allow-Origin: *',
      ]),
    );
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
    expect(plain).toMatchObject({ status: 200, body: 'hello' });
  });
});
