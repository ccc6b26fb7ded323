/**
 * The negotiation table: path, Accept header (undefined: none sent), status, Content-Type, as
 * `serve` answers them. test/integration/http.test.ts checks serve against it and
 * test/integration/nginx.test.ts checks the static export behind nginx against serve on it.
 */
export const RDFLIB =
  'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1';
export const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
export const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const JENA =
  'text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.5';

export const NEGOTIATION_TABLE = [
  // path, Accept, status, Content-Type
  ['/people/sheng-zha', undefined, 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', '*/*', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', '', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', 'text/html', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', 'application/xhtml+xml', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', CHROME, 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', FIREFOX, 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', 'application/ld+json', 200, 'application/ld+json'],
  ['/people/sheng-zha', 'application/json', 200, 'application/ld+json'],
  ['/people/sheng-zha', 'text/turtle', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'text/n3', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'text/rdf+n3', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'application/x-turtle', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'text/turtle;charset=utf-8', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'application/n-triples', 200, 'application/n-triples'],
  ['/people/sheng-zha', 'text/plain', 200, 'application/n-triples'],
  ['/people/sheng-zha', 'application/n-quads', 200, 'application/n-quads'],
  ['/people/sheng-zha', 'application/trig', 200, 'application/trig'],
  ['/people/sheng-zha', 'application/rdf+xml', 200, 'application/rdf+xml'],
  ['/people/sheng-zha', RDFLIB, 200, 'application/rdf+xml'],
  ['/people/sheng-zha', JENA, 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha', 'text/*', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha', 'text/*;q=0.5, application/n-triples', 200, 'application/n-triples'],
  ['/people/sheng-zha', 'text/html;q=0, */*', 200, 'application/ld+json'],
  ['/people/sheng-zha', 'text/turtle;q=0.5, application/rdf+xml;q=0.9', 200, 'application/rdf+xml'],
  ['/people/sheng-zha', 'text/turtle, application/ld+json', 200, 'application/ld+json'],
  ['/people/sheng-zha', 'image/png', 406, 'text/plain; charset=utf-8'],
  ['/people/sheng-zha', 'text/html;q=0, application/*;q=0', 406, 'text/plain; charset=utf-8'],
  ['/people/sheng-zha.ttl', 'text/html', 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha.jsonld', undefined, 200, 'application/ld+json'],
  ['/people/sheng-zha.nt', undefined, 200, 'application/n-triples'],
  ['/people/sheng-zha.nq', undefined, 200, 'application/n-quads'],
  ['/people/sheng-zha.trig', undefined, 200, 'application/trig'],
  ['/people/sheng-zha.rdf', undefined, 200, 'application/rdf+xml'],
  ['/people/sheng-zha.html', 'text/turtle', 200, 'text/html; charset=utf-8'],
  ['/people/sheng-zha?format=ttl', undefined, 200, 'text/turtle; charset=utf-8'],
  ['/people/sheng-zha?format=application/rdf%2Bxml', undefined, 200, 'application/rdf+xml'],
  ['/people/sheng-zha?format=yaml', undefined, 406, 'text/plain; charset=utf-8'],
  ['/', undefined, 200, 'text/html; charset=utf-8'],
  ['/', 'text/turtle', 200, 'text/turtle; charset=utf-8'],
  ['/index.html', undefined, 200, 'text/html; charset=utf-8'],
  ['/index.ttl', undefined, 200, 'text/turtle; charset=utf-8'],
  ['/nowhere', undefined, 404, 'text/html; charset=utf-8'],
  ['/nowhere', 'text/turtle', 404, 'text/turtle; charset=utf-8'],
  ['/nowhere', 'application/ld+json', 404, 'application/ld+json'],
  ['/sitemap.xml', 'text/turtle', 200, 'application/xml; charset=utf-8'],
  ['/robots.txt', undefined, 200, 'text/plain; charset=utf-8'],
  ['/.well-known/void', 'text/turtle', 200, 'text/turtle; charset=utf-8'],
  ['/dump', 'application/n-triples', 200, 'application/n-triples'],
  ['/dump', undefined, 200, 'application/ld+json'],
  ['/shapes', 'text/turtle', 200, 'text/turtle; charset=utf-8'],
] as const;
