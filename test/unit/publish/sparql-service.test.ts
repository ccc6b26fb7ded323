import { beforeAll, describe, expect, it } from 'vitest';
import { respond } from '../../../src/http/respond.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import {
  answersRequest,
  currentResource,
  publishSite,
  type PublishInput,
  type Resource,
  type Site,
} from '../../../src/publish/site.js';
import { queryPagePolicy, type SparqlService } from '../../../src/publish/sparql-service.js';
import { createDocumentLoader } from '../../../src/rdf/document-loader.js';
import { readRdf } from '../../../src/rdf/read-rdf.js';
import { RDF_FORMATS } from '../../../src/rdf/formats.js';
import { BASE_URL, loadBundledDataset } from '../../support/profile.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const VOID_ENDPOINT = 'http://rdfs.org/ns/void#sparqlEndpoint';
// The address of an external store is whatever the publisher names; this one is reserved for
// examples (RFC 2606) and never contacted.
const EXTERNAL = 'https://store.example/sparql';

const LOCAL: SparqlService = {
  endpoint: `${BASE_URL}sparql`,
  queryUrl: '/sparql',
  graph: `${BASE_URL}dump`,
  limits: { timeoutMs: 5000, maxResults: 10_000 },
  examples: [{ id: 'all', title: 'Everything', query: 'SELECT * WHERE { ?s ?p ?o }' }],
  editor: undefined,
};

let base: Omit<PublishInput, 'sparql'>;

beforeAll(async () => {
  const { quads, documentLoader } = await loadBundledDataset();
  base = {
    config: { ...DEFAULT_CONFIG, baseUrl: BASE_URL },
    quads,
    shapes: [],
    documentLoader,
    lastModified: new Date('2024-05-01T00:00:00Z'),
  };
});

function resourceAt(site: Site, path: string): Resource {
  const entry = site.resources.get(path);
  const resource = entry && currentResource(entry);
  if (resource === undefined) throw new Error(`${path} is not published`);
  return resource;
}

async function triples(site: Site, path: string, predicate: string): Promise<string[]> {
  const reply = respond(site, { method: 'GET', url: path, headers: { accept: 'text/turtle' } });
  const { quads } = await readRdf(reply.body.toString('utf8'), {
    format: 'turtle',
    file: '-',
    baseUrl: BASE_URL,
    documentLoader: createDocumentLoader(),
  });
  return quads.filter((q) => q.predicate.value === predicate).map((q) => q.object.value);
}

describe('publishSite: the SPARQL service', () => {
  it('publishes no query page or description without one, and VoID names <base>sparql', async () => {
    const site = await publishSite(base);
    expect(site.resources.has('/sparql')).toBe(false);
    expect(site.byLocation.has('/sparql.ttl')).toBe(false);
    expect(await triples(site, '/.well-known/void', VOID_ENDPOINT)).toEqual([`${BASE_URL}sparql`]);
  });

  it('publishes the page and the description in every RDF format, negotiated like a document', async () => {
    const site = await publishSite({ ...base, sparql: LOCAL });
    const resource = resourceAt(site, '/sparql');
    expect(resource.representations.map((each) => each.id)).toEqual([
      'html',
      ...RDF_FORMATS.map((format) => format.name),
    ]);
    expect(site.byLocation.get('/sparql.nt')?.id).toBe('ntriples');
    const page = respond(site, { method: 'GET', url: '/sparql', headers: { accept: 'text/html' } });
    expect(page.headers['Cache-Control']).toBe('no-cache');
    expect(page.headers['Content-Security-Policy']).toBe(queryPagePolicy(LOCAL));
    expect(page.body.toString('utf8')).toContain('action="/sparql"');
    expect(await triples(site, '/sparql', `${SD}endpoint`)).toEqual([`${BASE_URL}sparql`]);
    expect(await triples(site, '/sparql', `${SD}resultFormat`)).toHaveLength(10);
    // Documents keep theirs.
    const document = respond(site, { method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(document.headers['Cache-Control']).toBe('public, max-age=300, must-revalidate');
    expect(document.headers['Content-Security-Policy']).not.toContain('connect-src');
  });

  it('names an external endpoint in the description, VoID, the page and its CSP', async () => {
    const site = await publishSite({
      ...base,
      sparql: { ...LOCAL, endpoint: EXTERNAL, queryUrl: EXTERNAL },
    });
    expect(await triples(site, '/sparql', `${SD}endpoint`)).toEqual([EXTERNAL]);
    expect(await triples(site, '/.well-known/void', VOID_ENDPOINT)).toEqual([EXTERNAL]);
    const page = respond(site, { method: 'GET', url: '/sparql', headers: { accept: 'text/html' } });
    const html = page.body.toString('utf8');
    expect(html).toContain(`action="${EXTERNAL}"`);
    expect(html).toContain(`<code>${EXTERNAL}</code>`);
    const policy = String(page.headers['Content-Security-Policy']);
    expect(policy).toContain("connect-src 'self' https://store.example;");
    expect(policy).toContain("form-action 'self' https://store.example;");
    expect(policy).toContain("script-src 'self';");
  });
});

describe('answersRequest: the query page leaves queries to the endpoint', () => {
  let site: Site;
  beforeAll(async () => {
    site = await publishSite({ ...base, sparql: LOCAL });
  });

  it.each<[string, string, boolean]>([
    ['GET', '/sparql', true],
    ['HEAD', '/sparql', true],
    ['GET', '/sparql?format=ttl', true],
    ['GET', '/sparql.ttl', true],
    ['GET', '/sparql?query=ASK%7B%7D', false],
    ['GET', '/sparql?format=json&query=ASK%7B%7D', false],
    ['GET', '/sparql?update=CLEAR%20ALL', false],
    ['GET', '/sparql?default-graph-uri=x', false],
    ['POST', '/sparql', false],
    ['OPTIONS', '/sparql', false],
  ])('%s %s → %s', (method, url, expected) => {
    const path = url.split('?')[0] ?? url;
    const entry = site.resources.get(path) ?? site.byLocation.get(path)?.resource;
    if (entry === undefined) throw new Error(`${path} is not published`);
    expect(answersRequest(entry, method, url)).toBe(expected);
  });

  it('lets every other resource answer every request at its path', () => {
    const entry = site.resources.get('/');
    if (entry === undefined) throw new Error('/ is not published');
    expect(answersRequest(entry, 'POST', '/?query=x')).toBe(true);
  });
});
