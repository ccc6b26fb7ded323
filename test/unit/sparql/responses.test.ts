import { describe, expect, it } from 'vitest';
import type { RequestLike } from '../../../src/http/respond.js';
import type { EditorAsset } from '../../../src/sparql/editor-assets.js';
import { queryFailure } from '../../../src/sparql/failure.js';
import {
  chooseOffer,
  OFFERS_BY_FORM,
  planAsset,
  planFailure,
  resultEncoding,
  resultHeaders,
  sparqlMethodNotAllowed,
  SPARQL_OPTIONS,
} from '../../../src/sparql/responses.js';

const MODIFIED = new Date('2024-05-01T12:00:00Z');

function request(headers: Record<string, string>, method = 'GET'): RequestLike {
  return { method, url: '/sparql', headers };
}

const ASSET: EditorAsset = {
  contentType: 'text/javascript; charset=utf-8',
  identity: Buffer.from('identity'),
  gzip: Buffer.from('gz'),
  br: Buffer.from('b'),
  etag: '"asset"',
  lastModified: MODIFIED,
};

describe('planAsset', () => {
  it('sends the negotiated coding with an ETag per coding and immutable caching', () => {
    const plan = planAsset(request({ 'accept-encoding': 'gzip' }), ASSET);
    expect(plan.status).toBe(200);
    expect(plan.body.toString()).toBe('gz');
    expect(plan.headers).toMatchObject({
      ETag: '"asset-gzip"',
      'Content-Encoding': 'gzip',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Last-Modified': MODIFIED.toUTCString(),
      Vary: 'Accept-Encoding',
    });
  });

  it.each([
    ['If-None-Match', { 'if-none-match': 'W/"asset"' }],
    ['If-Modified-Since', { 'if-modified-since': MODIFIED.toUTCString() }],
  ])('answers 304 to %s', (_name, headers) => {
    expect(planAsset(request(headers), ASSET).status).toBe(304);
  });

  it('answers 404 for an unknown file and 405 for POST', () => {
    expect(planAsset(request({}), undefined).status).toBe(404);
    expect(planAsset(request({}, 'POST'), ASSET).headers.Allow).toBe('GET, HEAD');
  });
});

describe('chooseOffer', () => {
  it('negotiates result formats per query form', () => {
    const ask = chooseOffer(
      request({ accept: 'text/csv' }),
      OFFERS_BY_FORM.ask,
      undefined,
      'ASK results',
    );
    expect(ask.kind).toBe('answer');
    if (ask.kind === 'answer') {
      expect(ask.plan.status).toBe(406);
      expect(ask.plan.body.toString()).toContain('can carry ASK results');
    }
    const select = chooseOffer(request({ accept: 'text/csv' }), OFFERS_BY_FORM.select, undefined);
    expect(select.kind === 'ok' && select.offer.mediaType).toBe('text/csv');
    const named = chooseOffer(request({}), OFFERS_BY_FORM.select, 'tsv');
    expect(named.kind === 'ok' && named.offer.mediaType).toBe('text/tab-separated-values');
  });
});

describe('results', () => {
  const head = {
    body: Buffer.from('{"boolean":true}'),
    contentType: 'application/sparql-results+json',
    negotiated: true,
    elapsedMs: 1.25,
    lastModified: MODIFIED,
  };

  it('give the same bytes the same ETag, suffixed per coding', () => {
    const offer = OFFERS_BY_FORM.ask[0];
    if (offer === undefined) throw new Error('no ASK offer');
    const identity = resultHeaders({ ...head, offer, encoding: 'identity' });
    const gzip = resultHeaders({ ...head, offer, encoding: 'gzip' });
    expect(identity.ETag).toBe(resultHeaders({ ...head, offer, encoding: 'identity' }).ETag);
    expect(gzip.ETag).toBe(`${String(identity.ETag).slice(0, -1)}-gzip"`);
    expect(gzip['Content-Encoding']).toBe('gzip');
    expect(identity).toMatchObject({
      'Cache-Control': 'no-cache',
      'Last-Modified': MODIFIED.toUTCString(),
      'Server-Timing': 'engine;dur=1.3',
      Vary: 'Accept, Accept-Encoding',
    });
  });

  it('are compressed from 1 KB only', () => {
    expect(resultEncoding(request({ 'accept-encoding': 'br' }), 1023)).toBe('identity');
    expect(resultEncoding(request({ 'accept-encoding': 'br' }), 1024)).toBe('br');
    expect(resultEncoding(request({ 'accept-encoding': 'identity;q=0' }), 4096)).toBeUndefined();
  });

  it('report a failure with its line, caret, hint and code', () => {
    const failure = {
      ...queryFailure('sparql/syntax', 'Parse error.'),
      line: 2,
      column: 3,
      hint: 'close the brace',
    };
    const plan = planFailure(failure, 'SELECT *\nWHERE {');
    expect(plan.status).toBe(400);
    expect(plan.headers['X-Error-Code']).toBe('sparql/syntax');
    expect(plan.body.toString()).toBe(
      'Parse error.\n  at line 2, column 3:\n  2 | WHERE {\n    |   ^\nHint: close the brace.\n',
    );
  });
});

describe('methods', () => {
  it('answers OPTIONS and refuses PUT naming GET and POST', () => {
    expect(SPARQL_OPTIONS.headers.Allow).toBe('GET, HEAD, POST, OPTIONS');
    const refused = sparqlMethodNotAllowed('PUT');
    expect(refused.status).toBe(405);
    expect(refused.body.toString()).toContain('use GET or POST (SPARQL 1.1 Protocol §2.1)');
  });
});
