// Types for the parts of jsonld.js 9 that profile-graph uses. DefinitelyTyped's @types/jsonld
// describes jsonld 1.x (no event handlers, no RDF/JS quads), so these are written against the
// 9.x source (lib/jsonld.js, lib/events.js) instead.
declare module 'jsonld' {
  export interface JsonLdEvent {
    type: string[];
    code: string;
    level: 'warning' | 'info';
    message: string;
    details: Record<string, unknown>;
  }
  export type EventHandler = (arg: { event: JsonLdEvent; next: () => void }) => void;
  export interface RemoteDocument {
    contextUrl: string | null;
    document: unknown;
    documentUrl: string;
  }
  export interface Options {
    base?: string | null;
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    eventHandler?: EventHandler | EventHandler[];
    safe?: boolean;
    processingMode?: 'json-ld-1.0' | 'json-ld-1.1';
    compactToRelative?: boolean;
    compactArrays?: boolean;
    ordered?: boolean;
    expandContext?: unknown;
    rdfDirection?: 'i18n-datatype';
    useNativeTypes?: boolean;
    useRdfType?: boolean;
    produceGeneratedTriples?: boolean;
  }
  export interface RdfTerm {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    datatype?: { termType: 'NamedNode'; value: string };
    language?: string;
  }
  export interface RdfQuad {
    subject: RdfTerm;
    predicate: RdfTerm;
    object: RdfTerm;
    graph: RdfTerm;
  }
  interface JsonLd {
    toRDF(input: unknown, options?: Options): Promise<RdfQuad[]>;
    fromRDF(dataset: readonly RdfQuad[], options?: Options): Promise<unknown[]>;
    expand(input: unknown, options?: Options): Promise<unknown[]>;
    compact(input: unknown, context: unknown, options?: Options): Promise<Record<string, unknown>>;
    flatten(input: unknown, context?: unknown, options?: Options): Promise<Record<string, unknown>>;
  }
  const jsonld: JsonLd;
  export default jsonld;
}

// jsonld.js's internal helpers (lib/util.js), which json-ld-to-quads.ts indexes: see there.
declare module 'jsonld/lib/util.js' {
  interface JsonLdUtil {
    hasValue: (subject: Record<string, unknown>, property: string, value: unknown) => boolean;
    compareValues: (v1: unknown, v2: unknown) => boolean;
  }
  const util: JsonLdUtil;
  export default util;
}
