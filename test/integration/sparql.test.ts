import { mkdtemp, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Site } from '../../src/publish/site.js';
import { createDocumentLoader } from '../../src/rdf/document-loader.js';
import { readRdf } from '../../src/rdf/read-rdf.js';
import { startServer, stopServer } from '../../src/serve/server.js';
import type { SiteRef } from '../../src/publish/site-ref.js';
import { createSparqlRoutes, MAX_QUERY_BYTES } from '../../src/sparql/routes.js';
import { EXAMPLE_QUERIES } from '../../src/sparql/examples.js';
import { capturedIo } from '../support/captured-io.js';
import { rawRequest, type Reply } from '../support/http-client.js';
import { REPO_ROOT } from '../support/profile.js';
import { buildBundledSite, servedSparql, serveSite } from '../support/server.js';

let site: Site;
let origin: string;
let server: Server;

beforeAll(async () => {
  site = await buildBundledSite({}, { sparql: servedSparql() });
  ({ origin, server } = await serveSite(site));
});
afterAll(async () => {
  await stopServer(server);
});

/** A raw HTTP request to the server under test (or another origin). */
function send(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  base = origin,
): Promise<Reply> {
  return rawRequest(base, method, target, headers, body);
}

const example = (id: string): string => {
  const found = EXAMPLE_QUERIES.find((each) => each.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return found.query;
};
const q = (query: string) => `/sparql?query=${encodeURIComponent(query)}`;
const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const each of Array.isArray(value) ? value : [value]) params.append(name, each);
  }
  return params.toString();
};

const SELECT = 'SELECT ?s WHERE { ?s a <http://schema.org/Person> }';
const ASK = 'ASK { ?s a <http://schema.org/Person> }';
const CONSTRUCT = 'CONSTRUCT WHERE { ?s a <http://schema.org/Person> }';
const DESCRIBE = 'DESCRIBE <people/sheng-zha#bs>';
const SPARQL_QUERY = 'application/sparql-query';
const FORM = 'application/x-www-form-urlencoded';

const JSON_RESULTS = 'application/sparql-results+json';
const XML_RESULTS = 'application/sparql-results+xml';
const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
const TURTLE = 'text/turtle; charset=utf-8';
const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
// Accept headers of the kind these clients send for SELECT/ASK: roqet and rdflib's SPARQLStore
// ask for XML results only; SPARQLWrapper (returnFormat JSON), Jena and Comunica prefer JSON.
const ROQET = 'application/sparql-results+xml';
const RDFLIB_SPARQLSTORE = 'application/sparql-results+xml';
const SPARQLWRAPPER =
  'application/sparql-results+json,application/json,text/javascript,application/javascript';
const JENA =
  'application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7, text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1';
const COMUNICA = 'application/sparql-results+json,application/sparql-results+xml;q=0.8,*/*;q=0.1';
const JENA_GRAPH =
  'text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5';

describe('the SPARQL 1.1 Protocol query operation at /sparql', () => {
  // One row per line keeps the protocol table readable.
  // prettier-ignore
  it.each([
    // label, method, target, Content-Type, body, Accept, status, response Content-Type
    ['GET, no Accept', 'GET', q(SELECT), undefined, undefined, undefined, 200, JSON_RESULTS],
    ['GET, */*', 'GET', q(SELECT), undefined, undefined, '*/*', 200, JSON_RESULTS],
    ['GET, JSON', 'GET', q(SELECT), undefined, undefined, JSON_RESULTS, 200, JSON_RESULTS],
    ['GET, application/json', 'GET', q(SELECT), undefined, undefined, 'application/json', 200, JSON_RESULTS],
    ['GET, XML', 'GET', q(SELECT), undefined, undefined, XML_RESULTS, 200, XML_RESULTS],
    ['GET, application/xml', 'GET', q(SELECT), undefined, undefined, 'application/xml', 200, XML_RESULTS],
    ['GET, CSV', 'GET', q(SELECT), undefined, undefined, 'text/csv', 200, 'text/csv; charset=utf-8'],
    ['GET, TSV', 'GET', q(SELECT), undefined, undefined, 'text/tab-separated-values', 200, 'text/tab-separated-values; charset=utf-8'],
    ['GET, CSV with q and charset', 'GET', q(SELECT), undefined, undefined, 'text/csv;charset=UTF-8;q=0.9, text/tab-separated-values;q=0.5', 200, 'text/csv; charset=utf-8'],
    ['GET, q=0 excludes JSON', 'GET', q(SELECT), undefined, undefined, `${JSON_RESULTS};q=0, */*`, 200, XML_RESULTS],
    ['GET, a browser', 'GET', q(SELECT), undefined, undefined, CHROME, 200, HTML],
    ['GET, roqet', 'GET', q(SELECT), undefined, undefined, ROQET, 200, XML_RESULTS],
    ['GET, rdflib SPARQLStore', 'GET', q(SELECT), undefined, undefined, RDFLIB_SPARQLSTORE, 200, XML_RESULTS],
    ['GET, SPARQLWrapper', 'GET', q(SELECT), undefined, undefined, SPARQLWRAPPER, 200, JSON_RESULTS],
    ['GET, Jena', 'GET', q(SELECT), undefined, undefined, JENA, 200, JSON_RESULTS],
    ['GET, Comunica', 'GET', q(SELECT), undefined, undefined, COMUNICA, 200, JSON_RESULTS],
    ['GET, format=csv', 'GET', `${q(SELECT)}&format=csv`, undefined, undefined, JSON_RESULTS, 200, 'text/csv; charset=utf-8'],
    ['GET, format=srx', 'GET', `${q(SELECT)}&format=srx`, undefined, undefined, undefined, 200, XML_RESULTS],
    ['GET, format=tsv', 'GET', `${q(SELECT)}&format=tsv`, undefined, undefined, undefined, 200, 'text/tab-separated-values; charset=utf-8'],
    ['GET, format=yaml', 'GET', `${q(SELECT)}&format=yaml`, undefined, undefined, undefined, 406, TEXT],
    ['GET, image/png', 'GET', q(SELECT), undefined, undefined, 'image/png', 406, TEXT],
    ['GET, Turtle for SELECT', 'GET', q(SELECT), undefined, undefined, 'text/turtle', 406, TEXT],
    ['GET, malformed Accept', 'GET', q(SELECT), undefined, undefined, ';;;', 400, TEXT],
    ['HEAD', 'HEAD', q(SELECT), undefined, undefined, undefined, 200, JSON_RESULTS],
    ['POST sparql-query', 'POST', '/sparql', SPARQL_QUERY, SELECT, undefined, 200, JSON_RESULTS],
    ['POST sparql-query; charset', 'POST', '/sparql', `${SPARQL_QUERY}; charset=UTF-8`, SELECT, XML_RESULTS, 200, XML_RESULTS],
    ['POST sparql-query, format in URL', 'POST', '/sparql?format=csv', SPARQL_QUERY, SELECT, undefined, 200, 'text/csv; charset=utf-8'],
    ['POST sparql-query, latin1', 'POST', '/sparql', `${SPARQL_QUERY}; charset=iso-8859-1`, SELECT, undefined, 415, TEXT],
    ['POST form', 'POST', '/sparql', FORM, form({ query: SELECT }), undefined, 200, JSON_RESULTS],
    ['POST form, XML', 'POST', '/sparql', `${FORM}; charset=utf-8`, form({ query: SELECT }), ROQET, 200, XML_RESULTS],
    ['ASK, JSON', 'GET', q(ASK), undefined, undefined, undefined, 200, JSON_RESULTS],
    ['ASK, XML', 'POST', '/sparql', SPARQL_QUERY, ASK, RDFLIB_SPARQLSTORE, 200, XML_RESULTS],
    ['ASK, CSV (undefined by the format)', 'GET', q(ASK), undefined, undefined, 'text/csv', 406, TEXT],
    ['ASK, a browser', 'GET', q(ASK), undefined, undefined, CHROME, 200, HTML],
    ['CONSTRUCT, no Accept', 'GET', q(CONSTRUCT), undefined, undefined, undefined, 200, 'application/ld+json'],
    ['CONSTRUCT, Turtle', 'GET', q(CONSTRUCT), undefined, undefined, 'text/turtle', 200, TURTLE],
    ['CONSTRUCT, N-Triples', 'POST', '/sparql', SPARQL_QUERY, CONSTRUCT, 'application/n-triples', 200, 'application/n-triples'],
    ['CONSTRUCT, JSON-LD', 'POST', '/sparql', FORM, form({ query: CONSTRUCT }), 'application/ld+json', 200, 'application/ld+json'],
    ['CONSTRUCT, expanded JSON-LD', 'GET', q(CONSTRUCT), undefined, undefined, 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', 200, 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"'],
    ['CONSTRUCT, RDF/XML', 'GET', q(CONSTRUCT), undefined, undefined, 'application/rdf+xml', 200, 'application/rdf+xml'],
    ['CONSTRUCT, Jena', 'GET', q(CONSTRUCT), undefined, undefined, JENA_GRAPH, 200, TURTLE],
    ['CONSTRUCT, a browser', 'GET', q(CONSTRUCT), undefined, undefined, CHROME, 200, HTML],
    ['CONSTRUCT, format=nt', 'GET', `${q(CONSTRUCT)}&format=nt`, undefined, undefined, undefined, 200, 'application/n-triples'],
    ['CONSTRUCT, a graph RDF/XML cannot write', 'GET', q('CONSTRUCT { ?s <http://example.org/1> ?o } WHERE { ?s a ?o }'), undefined, undefined, 'application/rdf+xml', 406, TEXT],
    ['CONSTRUCT, results JSON only', 'GET', q(CONSTRUCT), undefined, undefined, JSON_RESULTS, 406, TEXT],
    ['DESCRIBE, Turtle', 'GET', q(DESCRIBE), undefined, undefined, 'text/turtle', 200, TURTLE],
    ['malformed query', 'GET', q('SELECT * WHERE { ?s ?p }'), undefined, undefined, undefined, 400, TEXT],
    ['empty query', 'GET', q(''), undefined, undefined, undefined, 400, TEXT],
    ['two queries', 'GET', `${q(SELECT)}&query=ASK%7B%7D`, undefined, undefined, undefined, 400, TEXT],
    ['update= on GET', 'GET', '/sparql?update=CLEAR%20ALL', undefined, undefined, undefined, 400, TEXT],
    ['update= in a form', 'POST', '/sparql', FORM, form({ update: 'INSERT DATA { <a> <b> <c> }' }), undefined, 400, TEXT],
    ['sparql-update body', 'POST', '/sparql', 'application/sparql-update', 'INSERT DATA { <a> <b> <c> }', undefined, 400, TEXT],
    ['an update as query=', 'GET', q('DELETE WHERE { ?s ?p ?o }'), undefined, undefined, undefined, 400, TEXT],
    ['SERVICE', 'GET', q('SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }'), undefined, undefined, undefined, 400, TEXT],
    ['SERVICE SILENT', 'POST', '/sparql', SPARQL_QUERY, 'SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }', undefined, 400, TEXT],
    ['unknown function', 'GET', q('SELECT (<http://example.org/f>(1) AS ?x) {}'), undefined, undefined, undefined, 400, TEXT],
    ['POST form without a query', 'POST', '/sparql', FORM, form({ 'default-graph-uri': 'http://example.org/g' }), undefined, 400, TEXT],
    ['POST text/plain', 'POST', '/sparql', 'text/plain', SELECT, undefined, 415, TEXT],
    ['POST without Content-Type', 'POST', '/sparql', undefined, SELECT, undefined, 415, TEXT],
    ['PUT', 'PUT', '/sparql', SPARQL_QUERY, SELECT, undefined, 405, TEXT],
    ['DELETE', 'DELETE', '/sparql', undefined, undefined, undefined, 405, TEXT],
    ['service description, no Accept', 'GET', '/sparql', undefined, undefined, undefined, 200, HTML],
    ['service description, a browser', 'GET', '/sparql', undefined, undefined, CHROME, 200, HTML],
    ['service description, Turtle', 'GET', '/sparql', undefined, undefined, 'text/turtle', 200, TURTLE],
    ['service description, Jena', 'GET', '/sparql', undefined, undefined, JENA_GRAPH, 200, TURTLE],
    ['service description, N-Triples', 'GET', '/sparql', undefined, undefined, 'application/n-triples', 200, 'application/n-triples'],
    ['service description, JSON-LD', 'GET', '/sparql', undefined, undefined, 'application/ld+json', 200, 'application/ld+json'],
    ['service description, format=ttl', 'GET', '/sparql?format=ttl', undefined, undefined, undefined, 200, TURTLE],
    ['service description, image/png', 'GET', '/sparql', undefined, undefined, 'image/png', 406, TEXT],
  ] as const)(
    '%s: %s %s → %i %s',
    async (_label, method, target, contentType, body, accept, status, type) => {
      const headers: Record<string, string> = {};
      if (contentType !== undefined) headers['content-type'] = contentType;
      if (accept !== undefined) headers.accept = accept;
      const reply = await send(method, target, headers, body);
      expect({ status: reply.status, type: reply.headers['content-type'] }).toEqual({
        status,
        type: status === 405 ? TEXT : type,
      });
      if (method === 'HEAD') expect(reply.body.length).toBe(0);
      if (status >= 400) {
        // One clear message, never a stack trace.
        expect(reply.text.length).toBeGreaterThan(10);
        expect(reply.text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
      }
    },
  );

  it('answers 405 with Allow, and a CORS preflight for POST', async () => {
    const put = await send('PUT', '/sparql', { 'content-type': SPARQL_QUERY }, SELECT);
    expect(put.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const preflight = await send('OPTIONS', '/sparql', {
      origin: 'https://example.org',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
      'access-control-allow-headers': 'Accept, Accept-Encoding, Content-Type',
    });
  });

  it('sends the same CORS headers as documents, on results and on errors', async () => {
    const document = await send('GET', '/people/sheng-zha', { accept: 'text/turtle' });
    const cors = (reply: Reply) => ({
      origin: reply.headers['access-control-allow-origin'],
      expose: reply.headers['access-control-expose-headers'],
    });
    expect(cors(document).origin).toBe('*');
    expect(cors(await send('GET', q(SELECT)))).toEqual(cors(document));
    expect(cors(await send('GET', q('SELECT {')))).toEqual(cors(document));
    expect(cors(await send('GET', '/sparql', { accept: 'text/turtle' }))).toEqual(cors(document));
  });

  it('names the result format in Vary, and compresses large results for clients that accept it', async () => {
    const reply = await send('GET', q('SELECT * WHERE { ?s ?p ?o }'), {
      'accept-encoding': 'gzip',
    });
    expect(reply.headers).toMatchObject({
      vary: 'Accept, Accept-Encoding',
      'content-encoding': 'gzip',
      'x-content-type-options': 'nosniff',
    });
    const json = JSON.parse(gunzipSync(reply.body).toString('utf8')) as {
      results: { bindings: unknown[] };
    };
    expect(json.results.bindings).toHaveLength(site.quads.length);
  });

  it('explains a malformed query with the line, the column and a caret', async () => {
    const reply = await send('GET', q('SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > ) }'));
    expect(reply.status).toBe(400);
    expect(reply.headers['x-error-code']).toBe('sparql/syntax');
    expect(reply.text).toBe(
      [
        "Syntax error: unexpected ')'; expected <iri>, prefix:, (, number, ?variable, !, +, -, …",
        '  at line 3, column 15:',
        '  3 |   FILTER(?o > ) }',
        '    |               ^',
        '',
      ].join('\n'),
    );
  });

  it('says which prefix a query forgot to declare', async () => {
    const reply = await send('GET', q('SELECT ?name WHERE { ?p schema:name ?name }'));
    expect(reply.status).toBe(400);
    expect(reply.text).toBe(
      [
        'Syntax error: the prefix "schema:" is not declared',
        '  at line 1, column 25:',
        '  1 | SELECT ?name WHERE { ?p schema:name ?name }',
        '    |                         ^',
        'Hint: add PREFIX schema: <http://schema.org/>.',
        '',
      ].join('\n'),
    );
  });

  it.each([
    [
      'update=',
      'GET',
      '/sparql?update=CLEAR%20ALL',
      {},
      undefined,
      'SPARQL Update is not supported: the endpoint is read-only and answers queries only.\n',
    ],
    [
      'sparql-update',
      'POST',
      '/sparql',
      { 'content-type': 'application/sparql-update' },
      'CLEAR ALL',
      'SPARQL Update is not supported: the endpoint is read-only and answers queries only.\n',
    ],
    [
      'an update as a query',
      'POST',
      '/sparql',
      { 'content-type': SPARQL_QUERY },
      'INSERT DATA { <a> <b> <c> }',
      'This is a SPARQL Update; the endpoint is read-only and answers queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only.\n',
    ],
    [
      'SERVICE',
      'POST',
      '/sparql',
      { 'content-type': SPARQL_QUERY },
      'SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }',
      'SERVICE (federated query) is not allowed: the endpoint never sends requests to other servers.\n  at line 1, column 12:\n  1 | SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n    |            ^\n',
    ],
  ] as const)(
    'refuses %s with a clear message',
    async (_label, method, target, headers, body, message) => {
      const reply = await send(method, target, headers, body);
      expect({ status: reply.status, text: reply.text }).toEqual({ status: 400, text: message });
    },
  );

  it(`refuses a body over ${MAX_QUERY_BYTES} bytes with 413`, async () => {
    const body = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(MAX_QUERY_BYTES)}`;
    const reply = await send('POST', '/sparql', { 'content-type': SPARQL_QUERY }, body);
    expect(reply.status).toBe(413);
    expect(reply.text).toBe(`The request body is larger than ${MAX_QUERY_BYTES} bytes.\n`);
  });
});

describe('answers about the profile', () => {
  interface JsonResults {
    head: { vars: string[] };
    results: { bindings: Record<string, { type: string; value: string; datatype?: string }>[] };
  }
  const select = async (query: string) => {
    const reply = await send(
      'POST',
      '/sparql',
      { 'content-type': SPARQL_QUERY, accept: JSON_RESULTS },
      query,
    );
    expect(reply.status).toBe(200);
    return JSON.parse(reply.text) as JsonResults;
  };
  const rows = (results: JsonResults) =>
    results.results.bindings.map((binding) =>
      results.head.vars.map((name) => binding[name]?.value ?? null),
    );

  it('all projects with more than 10,000 stars, ordered by stars', async () => {
    const results = await select(example('stars'));
    expect(results.head.vars).toEqual(['project', 'name', 'stars']);
    expect(rows(results)).toEqual([
      ['http://localhost:8080/works/apache-mxnet#id', 'Apache MXNet', '20800'],
      ['http://localhost:8080/works/onnx#id', 'ONNX', '20500'],
    ]);
    expect(results.results.bindings[0]?.stars).toEqual({
      type: 'literal',
      value: '20800',
      datatype: 'http://www.w3.org/2001/XMLSchema#integer',
    });
  });

  it('every organization the person held a role in, with dates', async () => {
    const results = await select(example('roles'));
    expect(results.head.vars).toEqual(['organization', 'name', 'role', 'start', 'end']);
    const base = 'http://localhost:8080/organizations/';
    expect(rows(results)).toEqual([
      [`${base}amazon-trms#id`, 'Amazon TRMS', null, '2013', '2015'],
      [
        `${base}apache-software-foundation#id`,
        'Apache Software Foundation',
        'VP & PMC Chair',
        '2016',
        '2023',
      ],
      [`${base}aws#id`, 'AWS', null, '2018', '2024'],
      [
        `${base}amazon-agi#id`,
        'Amazon AGI',
        'Head of Model Architecture & Training Advancement',
        '2024',
        null,
      ],
      [`${base}onnx#id`, 'ONNX', 'Steering Committee member', null, null],
      [
        `${base}python-data-api-standards#id`,
        'Python Data API Standards Consortium',
        'Founding Member',
        null,
        null,
      ],
    ]);
    // The dates keep the datatype the data gives them.
    expect(results.results.bindings[0]?.start?.datatype).toBe('http://schema.org/Date');
  });

  it('whether the person is an alumnus of a university (ASK), in JSON and in XML', async () => {
    const json = await send('GET', q(example('alumni')));
    expect(json.text).toBe('{"head":{},"boolean":true}\n');
    const xml = await send('GET', q(example('alumni')), { accept: ROQET });
    expect(xml.text).toContain('<boolean>true</boolean>');
    const no = await send(
      'GET',
      q('PREFIX schema: <http://schema.org/> ASK { ?p schema:alumniOf ?o . ?o a schema:Airline }'),
    );
    expect(no.text).toBe('{"head":{},"boolean":false}\n');
  });

  it('the same SELECT in XML, CSV and TSV', async () => {
    const query = example('stars');
    const csv = await send('GET', q(query), { accept: 'text/csv' });
    expect(csv.text).toBe(
      'project,name,stars\r\nhttp://localhost:8080/works/apache-mxnet#id,Apache MXNet,20800\r\nhttp://localhost:8080/works/onnx#id,ONNX,20500\r\n',
    );
    const tsv = await send('GET', q(query), { accept: 'text/tab-separated-values' });
    expect(tsv.text).toBe(
      '?project\t?name\t?stars\n<http://localhost:8080/works/apache-mxnet#id>\t"Apache MXNet"\t20800\n<http://localhost:8080/works/onnx#id>\t"ONNX"\t20500\n',
    );
    const xml = await send('GET', q(query), { accept: RDFLIB_SPARQLSTORE });
    expect(xml.text).toContain('<variable name="project"/>');
    expect(xml.text).toContain(
      '<binding name="stars"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">20800</literal></binding>',
    );
  });

  it('DESCRIBE and CONSTRUCT give RDF that parses back to the expected triples', async () => {
    const reply = await send('GET', q(example('person')), { accept: 'text/turtle' });
    const { quads, diagnostics } = await readRdf(reply.text, {
      format: 'turtle',
      file: '-',
      baseUrl: 'http://localhost:8080/',
      documentLoader: createDocumentLoader(),
    });
    expect(diagnostics).toEqual([]);
    const person = 'http://localhost:8080/people/sheng-zha#id';
    expect(quads.filter((each) => each.subject.value === person)).toHaveLength(
      site.quads.filter((each) => each.subject.value === person).length,
    );
  });

  it('honours default-graph-uri and named-graph-uri (SPARQL 1.1 Protocol §2.1.4)', async () => {
    const count = async (query: string, graphs: string) => {
      const reply = await send('GET', `${q(query)}${graphs}`);
      return (JSON.parse(reply.text) as JsonResults).results.bindings[0]?.n?.value;
    };
    const all = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
    const inGraphs = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }';
    const dump = encodeURIComponent('http://localhost:8080/dump');
    const total = String(site.quads.length);
    expect(await count(all, '')).toBe(total);
    expect(await count(all, `&default-graph-uri=${dump}`)).toBe(total);
    expect(
      await count(all, `&default-graph-uri=${encodeURIComponent('http://example.org/none')}`),
    ).toBe('0');
    expect(await count(all, `&named-graph-uri=${dump}`)).toBe('0');
    expect(await count(inGraphs, `&named-graph-uri=${dump}`)).toBe(total);
    expect(await count(inGraphs, `&default-graph-uri=${dump}`)).toBe('0');
    // In a form POST the graphs travel in the body.
    const posted = await send(
      'POST',
      '/sparql',
      { 'content-type': FORM },
      form({ query: all, 'default-graph-uri': 'http://example.org/none' }),
    );
    expect((JSON.parse(posted.text) as JsonResults).results.bindings[0]?.n?.value).toBe('0');
  });
});

describe('invalid graph IRIs (SPARQL 1.1 Protocol §2.1.4)', () => {
  const HINT =
    'Hint: give a full IRI such as http://example.org/graph, percent-encoding spaces and <>"{}|^`\\.\n';
  it.each([
    ['GET', `${q(SELECT)}&default-graph-uri=a%20b`, undefined, 'default-graph-uri', 'a b'],
    ['GET', `${q(SELECT)}&named-graph-uri=%3C`, undefined, 'named-graph-uri', '<'],
    [
      'GET',
      `${q(SELECT)}&default-graph-uri=relative/graph`,
      undefined,
      'default-graph-uri',
      'relative/graph',
    ],
    [
      'GET',
      `${q(SELECT)}&named-graph-uri=${encodeURIComponent('http://example.org/a b')}`,
      undefined,
      'named-graph-uri',
      'http://example.org/a b',
    ],
    [
      'POST',
      '/sparql?named-graph-uri=http://example.org/%7Bx%7D',
      SELECT,
      'named-graph-uri',
      'http://example.org/{x}',
    ],
  ])(
    '%s %s is a 400 naming the parameter, and the next query is answered at once',
    async (method, target, body, parameter, value) => {
      const reply = await send(
        method,
        target,
        body === undefined ? {} : { 'content-type': SPARQL_QUERY },
        body,
      );
      expect(reply.status).toBe(400);
      expect(reply.headers['x-error-code']).toBe('sparql/bad-graph-iri');
      expect(reply.text).toBe(
        `The ${parameter} ${JSON.stringify(value)} is not an absolute IRI.\n${HINT}`,
      );
      const after = await send('GET', q(ASK));
      expect(after.status).toBe(200);
      expect(after.text).toBe('{"head":{},"boolean":true}\n');
    },
  );
});

describe('GET /sparql without a query', () => {
  it('describes the service in RDF (SPARQL 1.1 Service Description)', async () => {
    const reply = await send('GET', '/sparql', { accept: 'text/turtle' });
    const { quads } = await readRdf(reply.text, {
      format: 'turtle',
      file: '-',
      baseUrl: 'http://localhost:8080/',
      documentLoader: createDocumentLoader(),
    });
    const sd = 'http://www.w3.org/ns/sparql-service-description#';
    const triple = (predicate: string) =>
      quads.find(
        (each) =>
          each.subject.value === 'http://localhost:8080/sparql' &&
          each.predicate.value === predicate,
      )?.object.value;
    expect(triple(`${sd}endpoint`)).toBe('http://localhost:8080/sparql');
    expect(triple(`${sd}supportedLanguage`)).toBe(`${sd}SPARQL11Query`);
    expect(reply.headers.etag).toMatch(/^"/);
    const again = await send('GET', '/sparql', {
      accept: 'text/turtle',
      'if-none-match': String(reply.headers.etag),
    });
    expect(again.status).toBe(304);
  });

  it('gives browsers the query page: examples, a working form, the editor from this server', async () => {
    const reply = await send('GET', '/sparql', { accept: CHROME });
    expect(reply.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    for (const each of EXAMPLE_QUERIES) {
      expect(reply.text).toContain(`data-example="${each.id}"`);
      expect(reply.text).toContain(`href="/sparql?query=${encodeURIComponent(each.query)}"`);
    }
    expect(reply.text).toContain('<form id="query-form" method="get" action="/sparql">');
    // Every script and stylesheet is served by this server, none from elsewhere.
    const assets = [...reply.text.matchAll(/(?:src|href)="(\/sparql\/assets\/[^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets).toHaveLength(3);
    expect(reply.text).not.toMatch(/(?:src|href)="https?:\/\/(?!github\.com\/zazuko)/);
    for (const asset of assets) {
      const file = await send('GET', asset, { 'accept-encoding': 'gzip' });
      expect(file.status).toBe(200);
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(file.headers['content-encoding']).toBe('gzip');
      const text = gunzipSync(file.body).toString('utf8');
      expect(text.length).toBeGreaterThan(100);
      expect(text).not.toContain('sourceMappingURL');
      const cached = await send('GET', asset, {
        'accept-encoding': 'gzip',
        'if-none-match': String(file.headers.etag),
      });
      expect(cached.status).toBe(304);
    }
    expect((await send('GET', '/sparql/assets/nothing.js')).status).toBe(404);
  });

  it.each<[string, Record<string, string>, string, Record<string, string | undefined>]>([
    [
      '/sparql',
      { accept: CHROME },
      'text/html; charset=utf-8',
      {
        'cache-control': 'no-cache',
        vary: 'Accept, Accept-Encoding',
        'content-security-policy':
          "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        'referrer-policy': 'strict-origin-when-cross-origin',
      },
    ],
    [
      '/sparql',
      { accept: 'text/turtle' },
      'text/turtle; charset=utf-8',
      {
        'cache-control': 'no-cache',
        vary: 'Accept, Accept-Encoding',
        'content-security-policy': undefined,
      },
    ],
    [
      '/sparql?format=nt',
      {},
      'application/n-triples',
      { 'cache-control': 'no-cache', vary: 'Accept-Encoding' },
    ],
  ])(
    'GET %s %j keeps the headers of a page that states the limits',
    async (target, headers, type, expected) => {
      const reply = await send('GET', target, headers);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe(type);
      expect(reply.headers['last-modified']).toBe(site.lastModified.toUTCString());
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      for (const [name, value] of Object.entries(expected)) expect(reply.headers[name]).toBe(value);
      const head = await send('HEAD', target, headers);
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(reply.headers.etag);
    },
  );

  it('leaves a query, POST, OPTIONS and other parameters at /sparql to the endpoint', async () => {
    const form = await send(
      'POST',
      '/sparql',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'format=ttl',
    );
    expect(form.status).toBe(400);
    expect(form.text).toBe('The form has no query parameter.\n');
    const preflight = await send('OPTIONS', '/sparql', {});
    expect(preflight.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const update = await send('GET', '/sparql?update=CLEAR%20ALL');
    expect(update.status).toBe(400);
    // A parameter the page does not take, without a query: still the page, by the same planner.
    const graphs = await send(
      'GET',
      '/sparql?default-graph-uri=http%3A%2F%2Flocalhost%3A8080%2Fdump',
      { accept: 'text/turtle' },
    );
    expect(graphs.status).toBe(200);
    expect(graphs.headers['cache-control']).toBe('no-cache');
    expect(graphs.text).toContain('sd:Service');
  });

  it('runs the form without scripts: an HTML table, escaped, with no script allowed', async () => {
    const reply = await send('GET', `${q(example('stars'))}&format=html`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    expect(reply.text).toContain('<td>Apache MXNet</td>');
    expect(reply.text).toContain('<td class="number">20800</td>');
    // The site's IRIs link to its pages on the host being served (root-relative), whatever
    // host the base URL names; the IRI stays the link's text.
    expect(reply.text).toContain(
      '<td><a href="/works/onnx#id">http://localhost:8080/works/onnx#id</a></td>',
    );
    expect(reply.text).not.toContain('href="http://localhost:8080/');
    const hostile = await send(
      'GET',
      `${q('SELECT ("<script>alert(1)</script>" AS ?x) {}')}&format=html`,
    );
    expect(hostile.text).not.toContain('<script>');
    expect(hostile.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the VoID description', () => {
  it('names the SPARQL endpoint (void:sparqlEndpoint)', async () => {
    const reply = await send('GET', '/.well-known/void', { accept: 'application/n-triples' });
    expect(reply.text).toContain(
      '<http://localhost:8080/.well-known/void#dataset> <http://rdfs.org/ns/void#sparqlEndpoint> <http://localhost:8080/sparql> .',
    );
  });
});

describe('limits', () => {
  let limitedServer: Server;
  let limited: string;
  let closeEngine: () => Promise<void>;

  beforeAll(async () => {
    // The same routes and listener as `serve`, with small limits, which the Site's service
    // description states.
    const limits = { timeoutMs: 1000, maxResults: 5 };
    const ref: SiteRef = {
      current: await buildBundledSite({}, { sparql: servedSparql({}, limits) }),
    };
    const routes = createSparqlRoutes(ref, limits);
    const app = express();
    app.use(routes.router);
    limitedServer = await startServer(ref, app, { port: 0, host: '127.0.0.1' });
    const address = limitedServer.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    limited = `http://127.0.0.1:${address.port}`;
    closeEngine = () => routes.engine.close();
  });
  afterAll(async () => {
    await stopServer(limitedServer);
    await closeEngine();
  });

  /** A seven-way cross product of the 169 triples: ~4 · 10^15 rows to count. */
  const EXPENSIVE = `SELECT (COUNT(*) AS ?n) WHERE { ${Array.from({ length: 7 }, (_, i) => `?s${i} ?p${i} ?o${i} .`).join(' ')} }`;

  it('stops an expensive query at the time limit while other requests are answered', async () => {
    const started = performance.now();
    const timed = <T>(promise: Promise<T>) =>
      promise.then((value) => ({ value, at: performance.now() - started }));
    const slow = timed(send('GET', q(EXPENSIVE), {}, undefined, limited));
    // Sent while the expensive query runs: a normal query and a document.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const normal = timed(send('GET', q(example('alumni')), {}, undefined, limited));
    const document = timed(
      send('GET', '/people/sheng-zha', { accept: 'text/turtle' }, undefined, limited),
    );
    const [slowReply, normalReply, documentReply] = await Promise.all([slow, normal, document]);

    expect(normalReply.value.text).toBe('{"head":{},"boolean":true}\n');
    expect(documentReply.value.status).toBe(200);
    expect(normalReply.at).toBeLessThan(slowReply.at);
    expect(documentReply.at).toBeLessThan(slowReply.at);

    expect(slowReply.value.status).toBe(503);
    expect(slowReply.value.headers['x-error-code']).toBe('sparql/timeout');
    expect(slowReply.value.text).toBe(
      'The query ran longer than the time limit of 1 s and was stopped.\nHint: make it more selective, or add a LIMIT.\n',
    );
    // Stopped at the limit (not when the query would finish: hours), with slack for a slow CI.
    expect(slowReply.at).toBeGreaterThanOrEqual(1000);
    expect(slowReply.at).toBeLessThan(1000 + 4000);

    // And the endpoint still answers afterwards.
    const after = await send('GET', q(example('alumni')), {}, undefined, limited);
    expect(after.status).toBe(200);
  });

  it('refuses a result over the size limit, and answers it with a LIMIT', async () => {
    const over = await send('GET', q('SELECT * WHERE { ?s ?p ?o }'), {}, undefined, limited);
    expect(over.status).toBe(400);
    expect(over.text).toBe(
      'The query has more than 5 solutions, the result-size limit; add a LIMIT (and OFFSET to page through them).\nHint: the limit is 5.\n',
    );
    const paged = await send(
      'GET',
      q('SELECT * WHERE { ?s ?p ?o } LIMIT 5 OFFSET 5'),
      {},
      undefined,
      limited,
    );
    expect(paged.status).toBe(200);
  });

  it.each([
    [
      '1,000 nested groups',
      `ASK ${'{'.repeat(1000)}${'}'.repeat(1000)}`,
      'sparql/too-complex',
      'The query nests brackets 1000 levels deep; the limit is 64.\n  at line 1, column 1004:',
    ],
    [
      'an IN of 4,000 items',
      `ASK { FILTER(1 IN (${'1,'.repeat(3999)}1)) }`,
      'sparql/too-complex',
      'The query has 4004 terms and operators; the limit is 1000.\nHint: split long IN lists, UNION chains or VALUES blocks into several queries.\n',
    ],
    [
      '50,000 UNIONs',
      `ASK { ${Array(50_001).fill('{}').join(' UNION ')} }`,
      'sparql/query-too-long',
      'The query is 450010 characters long; the limit is 100000.\n',
    ],
  ])(
    'refuses %s with 400 before the engine, and answers the next query',
    async (_, query, code, text) => {
      const reply = await send('POST', '/sparql', { 'content-type': SPARQL_QUERY }, query, limited);
      expect(reply.status).toBe(400);
      expect(reply.headers['x-error-code']).toBe(code);
      expect(reply.text.slice(0, text.length)).toBe(text);
      const after = await send('GET', q(example('alumni')), {}, undefined, limited);
      expect(after.status).toBe(200);
      expect(after.text).toBe('{"head":{},"boolean":true}\n');
    },
  );

  it('states the limits in the service description', async () => {
    const reply = await send('GET', '/sparql', { accept: 'text/turtle' }, undefined, limited);
    expect(reply.text).toContain('Each query runs for at most 1 s and returns at most 5 results');
  });
});

describe('hot reload', () => {
  it('queries the data of the Site being served: a swap swaps the data', async () => {
    const ref: SiteRef = { current: site };
    const routes = createSparqlRoutes(ref);
    const app = express();
    app.use(routes.router);
    const swapping = await startServer(ref, app, { port: 0, host: '127.0.0.1' });
    try {
      const address = swapping.address();
      if (typeof address !== 'object' || address === null) throw new Error('no address');
      const base = `http://127.0.0.1:${address.port}`;
      const person = 'SELECT ?p WHERE { ?p a <http://schema.org/Person> }';
      const before = await send('GET', q(person), {}, undefined, base);
      expect(before.text).toContain('"http://localhost:8080/people/sheng-zha#id"');
      ref.current = await buildBundledSite(
        { baseUrl: 'https://profile.example/' },
        { sparql: servedSparql({ baseUrl: 'https://profile.example/' }) },
      );
      const after = await send('GET', q(person), {}, undefined, base);
      expect(after.text).toContain('"https://profile.example/people/sheng-zha#id"');
      const description = await send('GET', '/sparql', { accept: 'text/turtle' }, undefined, base);
      expect(description.text).toContain('<https://profile.example/sparql> a sd:Service');
    } finally {
      await stopServer(swapping);
      await routes.engine.close();
    }
  });
});

// Each run validates the profile first (the graph /sparql serves), some seconds on a busy machine.
describe('profile-graph query', { timeout: 120_000 }, () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pg-query-'));
    await writeFile(path.join(work, 'stars.rq'), example('stars'));
    await writeFile(
      path.join(work, 'broken.rq'),
      'SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > ) }\n',
    );
  });

  async function run(argv: string[], stdin?: string) {
    const io = capturedIo({ cwd: REPO_ROOT, ...(stdin === undefined ? {} : { stdin }) });
    const status = await main(['query', ...argv], io);
    return { status, out: io.out, err: io.err };
  }

  const STARS_TABLE = [
    ' project                                     | name         | stars',
    '---------------------------------------------+--------------+-------',
    ' http://localhost:8080/works/apache-mxnet#id | Apache MXNet | 20800',
    ' http://localhost:8080/works/onnx#id         | ONNX         | 20500',
    '(2 rows)',
    '',
  ].join('\n');

  it('prints a readable table by default', async () => {
    expect(await run([example('stars')])).toEqual({ status: 0, out: STARS_TABLE, err: '' });
  });

  it('reads the query from --file or standard input', async () => {
    expect(await run(['--file', path.join(work, 'stars.rq')])).toMatchObject({
      status: 0,
      out: STARS_TABLE,
    });
    expect(await run(['-'], example('stars'))).toMatchObject({ status: 0, out: STARS_TABLE });
  });

  it.each([
    ['json', '{"head":{"vars":["project","name","stars"]}'],
    ['xml', '<?xml version="1.0" encoding="utf-8"?>\n<sparql'],
    ['csv', 'project,name,stars\r\n'],
    ['tsv', '?project\t?name\t?stars\n'],
  ])('--format %s', async (format, start) => {
    const result = await run([example('stars'), '--format', format]);
    expect(result.status).toBe(0);
    expect(result.out.startsWith(start)).toBe(true);
  });

  it('prints ASK as true or false, and CONSTRUCT/DESCRIBE as Turtle', async () => {
    expect(await run([example('alumni')])).toEqual({ status: 0, out: 'true\n', err: '' });
    const described = await run([DESCRIBE]);
    expect(described.status).toBe(0);
    expect(described.out).toContain(
      '<http://localhost:8080/people/sheng-zha#bs> a schema:EducationalOccupationalCredential;',
    );
    const ntriples = await run([DESCRIBE, '--format', 'ntriples']);
    expect(ntriples.out).toContain(
      '<http://localhost:8080/people/sheng-zha#bs> <http://schema.org/name> "BS" .',
    );
  });

  it('applies --max-bytes to the result (exit 1), and a LIMIT fits under it', async () => {
    const over = await run(['SELECT * WHERE { ?s ?p ?o }', '--max-bytes', '2000']);
    expect(over.status).toBe(1);
    expect(over.out).toBe('');
    expect(over.err).toMatch(
      /^error sparql\/result-too-large The result is \d+ bytes, more than the result-size limit of 2000 bytes\./,
    );
    const under = await run(['SELECT * WHERE { ?s ?p ?o } LIMIT 1', '--max-bytes', '2000']);
    expect(under.status).toBe(0);
  });

  it('reports a malformed query at file:line:column, exit 1', async () => {
    const result = await run(['--file', path.join(work, 'broken.rq')]);
    expect(result.status).toBe(1);
    expect(result.out).toBe('');
    const file = path.relative(REPO_ROOT, path.join(work, 'broken.rq')).split(path.sep).join('/');
    expect(result.err).toBe(
      `${file}:3:15 error sparql/syntax Syntax error: unexpected ')'; expected <iri>, prefix:, (, number, ?variable, !, +, -, …\n`,
    );
  });

  it.each([
    [
      ['ASK {}', '--format', 'csv'],
      'query: --format csv is for SELECT results; for ASK use table, json or xml.',
    ],
    [
      [SELECT, '--format', 'turtle'],
      'query: --format turtle is for CONSTRUCT and DESCRIBE results; for SELECT use table, json, xml, csv, tsv.',
    ],
    [
      [CONSTRUCT, '--format', 'csv'],
      'query: --format csv is for SELECT and ASK results; for CONSTRUCT use turtle, ntriples, nquads, trig, rdfxml or jsonld.',
    ],
    [
      [SELECT, '--format', 'yaml'],
      'query: unknown --format "yaml"; use one of table, json, xml, csv, tsv, turtle, jsonld, ntriples, nquads, trig, rdfxml.',
    ],
    [[], 'query: give the query as an argument, with --file FILE, or - for standard input.'],
    [[SELECT, '--timeout', '0'], 'query: --timeout must be a positive number, not "0".'],
    [
      [SELECT, '--endpoint', 'ftp://example.org/sparql'],
      'query: --endpoint must be an http(s) URL, not "ftp://example.org/sparql".',
    ],
  ])('refuses %j (exit 2)', async (argv, message) => {
    expect(await run(argv)).toEqual({
      status: 2,
      out: '',
      err: `error usage/invalid ${message}\n`,
    });
  });

  it('refuses an update and SERVICE (exit 1)', async () => {
    expect(await run(['CLEAR ALL'])).toMatchObject({
      status: 1,
      err: expect.stringContaining('error sparql/update-refused') as unknown,
    });
    expect(await run(['SELECT * { SERVICE <http://x/> { ?s ?p ?o } }'])).toMatchObject({
      status: 1,
      err: expect.stringMatching(/^1:12 error sparql\/service-refused /) as unknown,
    });
  });

  it('sends the query to a remote endpoint with --endpoint (our own server)', async () => {
    expect(await run([example('stars'), '--endpoint', `${origin}/sparql`])).toEqual({
      status: 0,
      out: STARS_TABLE,
      err: '',
    });
    const csv = await run([example('stars'), '--endpoint', `${origin}/sparql`, '--format', 'csv']);
    expect(csv.out.startsWith('project,name,stars\r\n')).toBe(true);
    const ask = await run([example('alumni'), '--endpoint', `${origin}/sparql`]);
    expect(ask).toMatchObject({ status: 0, out: 'true\n' });
    const turtle = await run([DESCRIBE, '--endpoint', `${origin}/sparql`]);
    expect(turtle.out).toContain('schema:name "BS"');
    const graphs = await run([
      'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }',
      '--endpoint',
      `${origin}/sparql`,
      '--default-graph-uri',
      'http://example.org/none',
      '--format',
      'csv',
    ]);
    expect(graphs.out).toBe('n\r\n0\r\n');
  });

  it('reports what a remote endpoint refused (exit 1), and an unreachable one (exit 2)', async () => {
    const refused = await run(['SELECT * WHERE { ?s ?p }', '--endpoint', `${origin}/sparql`]);
    expect(refused.status).toBe(1);
    expect(refused.err).toMatch(
      new RegExp(
        `^error sparql/remote ${origin.replaceAll('.', '\\.')}/sparql answered 400 Bad Request: Syntax error: `,
      ),
    );
    const closed = await run([SELECT, '--endpoint', 'http://127.0.0.1:9/sparql']);
    expect(closed.status).toBe(2);
    expect(closed.err).toMatch(
      /^error sparql\/remote Cannot query http:\/\/127\.0\.0\.1:9\/sparql: /,
    );
  });
});
