/**
 * Site settings: where IRIs are minted and what the site is about. Read from
 * `profile-graph.config.json` (checked by ajv) and overridden by command-line flags.
 */
export interface SiteConfig {
  /** Absolute http(s) URL ending in `/`; every relative `@id` in `data/` resolves against it. */
  baseUrl: string;
  /** Human-readable site name (HTML titles, Open Graph). */
  siteName: string;
  /** `@id` (relative to baseUrl, or absolute) of the entity the site is about. */
  mainEntity: string;
  /** Default BCP 47 language of the content. */
  language: string;
  /** Data directory, relative to the configuration file. */
  data: string;
  /** Shapes directory, relative to the configuration file. */
  shapes: string;
  /**
   * The rule sets to check, as written (a list or one comma-separated string): `schema.org`,
   * `google`, `profile`. Absent: every rule set. Checked by the pipeline, which knows them.
   */
  rules?: string | string[];
  /**
   * An external SPARQL endpoint's absolute http(s) URL (a store the graph was pushed to): `serve`
   * forwards /sparql to it; the query page sends queries there, and VoID and the service
   * description name it; `build` then publishes the query page and description, so a static
   * export has working SPARQL.
   */
  sparqlEndpoint?: string;
  /**
   * The predicates entity pages read a node's label from, first match wins, each a
   * `prefix:local` name (`schema:name`, `rdfs:label`, `skos:prefLabel`…) or an absolute IRI.
   * Absent: schema:name, schema:headline, rdfs:label, skos:prefLabel, foaf:name,
   * dcterms:title, schema:roleName, schema:alternateName. Checked by the pipeline.
   */
  labelProperties?: string[];
  /**
   * The folder of the cache that lets a run skip work an earlier run did on the same input
   * (default `.profile-graph/cache`), relative to the configuration file. Safe to delete.
   */
  cache?: string;
  /**
   * The host `build` writes for when `--host` is not given (`nginx`, `apache`, `netlify`…; see
   * `export/hosts.ts`). Checked by the pipeline, which knows the hosts.
   */
  host?: string;
}

/** The settings used when there is no configuration file. */
export const DEFAULT_CONFIG: SiteConfig = {
  baseUrl: 'http://localhost:8080/',
  siteName: 'profile-graph',
  mainEntity: '',
  language: 'en',
  data: 'data',
  shapes: 'shapes',
};
