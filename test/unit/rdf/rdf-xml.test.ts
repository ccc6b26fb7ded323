import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { literal, namedNode, quad } from '../../../src/rdf/data-factory.js';
import { writeRdfXml } from '../../../src/rdf/rdf-xml.js';

describe('writeRdfXml', () => {
  const s = namedNode('http://example.org/s');

  it('declares a generated prefix for namespaces it has no name for', () => {
    const xml = writeRdfXml([quad(s, namedNode('http://other.example/v#term'), literal('x'))], {});
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n    xmlns:ns1="http://other.example/v#"\n    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
        '  <rdf:Description rdf:about="http://example.org/s">\n    <ns1:term>x</ns1:term>\n  </rdf:Description>\n</rdf:RDF>\n',
    );
  });

  it('refuses a predicate whose IRI ends in no XML name, naming it', () => {
    const write = () =>
      writeRdfXml([quad(s, namedNode('http://example.org/p/123'), literal('x'))], {});
    expect(write).toThrow(ProfileGraphError);
    expect(write).toThrow(
      'RDF/XML cannot represent this graph: predicate <http://example.org/p/123> has no XML name as its last part.',
    );
  });

  it('refuses characters XML 1.0 forbids instead of writing a broken document', () => {
    expect(() =>
      writeRdfXml([quad(s, namedNode('http://example.org/p'), literal('a\u0001b'))], {}),
    ).toThrow('control character');
  });
});
