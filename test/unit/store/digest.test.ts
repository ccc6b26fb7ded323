import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { digestAuthorization, parseChallenges } from '../../../src/store/digest.js';
import { createStoreClient } from '../../../src/store/store-client.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('parseChallenges', () => {
  it('reads several challenges of one header, quoted and plain values', () => {
    expect(
      parseChallenges('Digest realm="a \\"b\\"", nonce=xyz, qop="auth,auth-int", Basic realm="r"'),
    ).toEqual([
      { scheme: 'digest', params: { realm: 'a "b"', nonce: 'xyz', qop: 'auth,auth-int' } },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });
});

describe('digestAuthorization', () => {
  it('gives the response of RFC 7616 §3.9.1 (MD5)', () => {
    const header = digestAuthorization({
      challenge: {
        scheme: 'digest',
        params: {
          realm: 'http-auth@example.org',
          qop: 'auth, auth-int',
          algorithm: 'MD5',
          nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
          opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
        },
      },
      user: 'Mufasa',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonceCount: 1,
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    });
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  });
});

/** A server that demands Digest MD5 (as Virtuoso does), checking each answer itself. */
function digestServer(): Promise<{ origin: string; server: Server; log: string[] }> {
  const log: string[] = [];
  const realm = 'test';
  let nonce = 'n1';
  const server = createServer((request: IncomingMessage, response) => {
    // As Virtuoso does: a request without credentials is refused at once, before its body is
    // read, and the connection closed, so a client still sending a large body gets a reset.
    if (request.headers.authorization === undefined) {
      log.push(`${request.method ?? ''} none`);
      response.writeHead(401, {
        'WWW-Authenticate': `Digest realm="${realm}", nonce="${nonce}", qop="auth", algorithm="MD5"`,
        Connection: 'close',
      });
      response.end();
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const header = request.headers.authorization ?? '';
      const [challenge] = parseChallenges(header);
      const params = challenge?.params ?? {};
      const ha1 = md5(`dba:${realm}:secret`);
      const ha2 = md5(`${request.method ?? ''}:${request.url ?? ''}`);
      const expected = md5(
        `${ha1}:${params.nonce ?? ''}:${params.nc ?? ''}:${params.cnonce ?? ''}:auth:${ha2}`,
      );
      const valid =
        challenge?.scheme === 'digest' &&
        params.nonce === nonce &&
        params.uri === request.url &&
        params.response === expected;
      log.push(`${request.method ?? ''} ${valid ? 'valid' : header === '' ? 'none' : 'invalid'}`);
      if (request.url === '/rotate' && valid) nonce = 'n2';
      if (!valid) {
        response.writeHead(401, {
          'WWW-Authenticate': `Digest realm="${realm}", nonce="${nonce}", qop="auth", algorithm="MD5"`,
        });
        response.end('no');
        return;
      }
      response.writeHead(201, { 'Content-Type': 'text/plain' });
      response.end(`got ${String(Buffer.concat(chunks).length)} bytes`);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ origin: `http://127.0.0.1:${String(port)}`, server, log });
    });
  });
}

describe('createStoreClient against a server that demands digest', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('answers the challenge, then reuses it so later requests are sent once', async () => {
    const started = await digestServer();
    server = started.server;
    const client = createStoreClient({
      kind: 'password',
      user: 'dba',
      password: 'secret',
      source: 'test',
    });
    const first = await client.send({
      method: 'PUT',
      url: new URL(`${started.origin}/g?graph=x`),
      body: 'abc',
    });
    expect(first).toMatchObject({ ok: true, status: 201, text: 'got 3 bytes' });
    const second = await client.send({
      method: 'POST',
      url: new URL(`${started.origin}/g`),
      body: 'abcd',
    });
    expect(second).toMatchObject({ ok: true, text: 'got 4 bytes' });
    expect(started.log).toEqual(['PUT none', 'PUT valid', 'POST valid']);
  });

  it('asks for the challenge with HEAD before sending a large body it would refuse', async () => {
    const started = await digestServer();
    server = started.server;
    const client = createStoreClient({
      kind: 'password',
      user: 'dba',
      password: 'secret',
      source: 'test',
    });
    const body = 'x'.repeat(8 * 1024 * 1024);
    const reply = await client.send({ method: 'PUT', url: new URL(`${started.origin}/g`), body });
    expect(reply).toMatchObject({ ok: true, text: `got ${String(body.length)} bytes` });
    expect(started.log).toEqual(['HEAD none', 'PUT valid']);
  });

  it('answers a new nonce once more, and reports refused credentials without the password', async () => {
    const started = await digestServer();
    server = started.server;
    const good = createStoreClient({
      kind: 'password',
      user: 'dba',
      password: 'secret',
      source: 'test',
    });
    expect(
      await good.send({ method: 'GET', url: new URL(`${started.origin}/rotate`) }),
    ).toMatchObject({ ok: true });
    expect(
      await good.send({ method: 'GET', url: new URL(`${started.origin}/after`) }),
    ).toMatchObject({ ok: true });
    const bad = createStoreClient({
      kind: 'password',
      user: 'dba',
      password: 'hunter2',
      source: 'NETRC',
    });
    const refused = await bad.send({ method: 'GET', url: new URL(`${started.origin}/x`) });
    expect(refused).toMatchObject({
      ok: false,
      status: 401,
      diagnostic: { code: 'store/unauthorized', hint: 'the credentials from NETRC were refused' },
    });
    expect(JSON.stringify(refused)).not.toContain('hunter2');
  });

  it('reports a store that is down as store/unreachable', async () => {
    const client = createStoreClient({ kind: 'none' }, { timeoutMs: 2000 });
    const started = await digestServer();
    const origin = started.origin;
    await new Promise((resolve) => started.server.close(resolve));
    expect(await client.send({ method: 'GET', url: new URL(`${origin}/x`) })).toMatchObject({
      ok: false,
      diagnostic: { code: 'store/unreachable' },
    });
  });
});
