// rdf-canonize 5 ships no types; this covers the one call profile-graph makes (lib/index.js).
declare module 'rdf-canonize' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    canonicalIdMap?: Map<string, string>;
    maxWorkFactor?: number;
    maxDeepIterations?: number;
    format?: 'application/n-quads';
    signal?: AbortSignal;
  }
  interface RdfCanonize {
    canonize(dataset: readonly unknown[], options: CanonizeOptions): Promise<string>;
  }
  const rdfCanonize: RdfCanonize;
  export default rdfCanonize;
}
