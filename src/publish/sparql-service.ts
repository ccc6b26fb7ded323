// What a Site says about the SPARQL service beside it. publish renders the query page and the
// service description (both are Site resources, sent like documents); the service's facts
// (its endpoint, limits, examples, the editor's URLs) are given by whoever runs the endpoint,
// since publish sits below sparql/ and cannot ask it.

/** The path of the query page and service description (and of the endpoint `serve` mounts). */
export const SPARQL_PATH = '/sparql';

/** A query the page offers as an example. */
export interface QueryExample {
  /** Stable id (`stars`), used in the page and in tests. */
  id: string;
  /** What the query asks, as a question. */
  title: string;
  query: string;
}

/** The limits the endpoint enforces, as the page and the description state them. */
export interface QueryLimits {
  timeoutMs: number;
  maxResults: number;
}

/** The URLs the query page loads the YASGUI editor and its own script from. */
export interface EditorUrls {
  editorScript: string;
  editorStyles: string;
  pageScript: string;
}

/**
 * The SPARQL service a Site describes (see `PublishInput.sparql`): with it, the Site has a
 * resource at {@link SPARQL_PATH}, the query page for browsers and the SPARQL 1.1 Service
 * Description in every RDF format, and VoID names {@link endpoint} as the dataset's endpoint.
 */
export interface SparqlService {
  /** The endpoint's absolute IRI, as the service description and VoID name it. */
  endpoint: string;
  /**
   * Where the query page sends queries: this server's endpoint path (`/sparql`, so the page
   * works whatever host name it is reached by), or an external endpoint's absolute URL.
   */
  queryUrl: string;
  /** The named graph the endpoint holds the data in. */
  graph: string;
  /** The limits the endpoint enforces; unknown (not stated) for a store nobody here runs. */
  limits: QueryLimits | undefined;
  examples: readonly QueryExample[];
  /** The editor's files; without them (YASGUI is not installed) the page is the plain form. */
  editor: EditorUrls | undefined;
  /**
   * The editor's files themselves, published with the Site where no endpoint serves them (the
   * static export); `serve`'s endpoint route serves them itself, read on first request.
   */
  files?: readonly PageFile[];
}

/** A file the query page loads (the editor's script and stylesheet, the page's script). */
export interface PageFile {
  /** Its URL path, one of {@link EditorUrls}. */
  path: string;
  contentType: string;
  body: Buffer;
}

/**
 * The query page's Content-Security-Policy: the editor's scripts from this origin only, and
 * requests (`connect-src`, the plain form's `form-action`) to this origin, or to the external
 * endpoint's origin and nowhere else. YASGUI's widgets set inline styles, hence
 * `'unsafe-inline'` for styles (never for scripts).
 */
export function queryPagePolicy(service: Pick<SparqlService, 'queryUrl'>): string {
  const target = URL.canParse(service.queryUrl)
    ? `'self' ${new URL(service.queryUrl).origin}`
    : "'self'";
  return `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src ${target}; base-uri 'none'; form-action ${target}; frame-ancestors 'none'`;
}
