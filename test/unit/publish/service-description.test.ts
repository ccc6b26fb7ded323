import { describe, expect, it } from 'vitest';
import { serviceDescriptionQuads, SD } from '../../../src/publish/service-description.js';

describe('serviceDescriptionQuads', () => {
  const quads = serviceDescriptionQuads({
    endpoint: 'http://localhost:8080/sparql',
    baseUrl: 'http://localhost:8080/',
    graph: 'http://localhost:8080/dump',
    triples: 169,
    limits: { timeoutMs: 5000, maxResults: 10_000 },
  });
  const objects = (subject: string, predicate: string) =>
    quads
      .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
      .map((q) => q.object.value)
      .sort();

  it('describes a read-only SPARQL 1.1 Query service at the endpoint (SD §3.2)', () => {
    const service = 'http://localhost:8080/sparql';
    expect(objects(service, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([
      `${SD}Service`,
    ]);
    expect(objects(service, `${SD}endpoint`)).toEqual([service]);
    expect(objects(service, `${SD}supportedLanguage`)).toEqual([`${SD}SPARQL11Query`]);
    expect(objects(service, `${SD}feature`)).toEqual([`${SD}UnionDefaultGraph`]);
    expect(objects(service, `${SD}resultFormat`)).toContain(
      'http://www.w3.org/ns/formats/SPARQL_Results_JSON',
    );
    expect(objects(service, `${SD}resultFormat`)).toHaveLength(10);
    expect(objects(service, 'http://www.w3.org/2000/01/rdf-schema#comment')).toEqual([
      'Read-only SPARQL 1.1 Query endpoint. Each query runs for at most 5 s and returns at most 10000 results; SERVICE and updates are refused.',
    ]);
  });

  it('names the VoID dataset as the default dataset, with the data in one named graph', () => {
    const dataset = 'http://localhost:8080/.well-known/void#dataset';
    expect(objects('http://localhost:8080/sparql', `${SD}defaultDataset`)).toEqual([dataset]);
    const namedGraph = quads.find(
      (q) => q.subject.value === dataset && q.predicate.value === `${SD}namedGraph`,
    );
    expect(namedGraph).toBeDefined();
    expect(objects(namedGraph?.object.value ?? '', `${SD}name`)).toEqual([
      'http://localhost:8080/dump',
    ]);
  });
});
