import type { QuadSource } from '../../rdf/quad-index.js';

/** Another representation of the same document, announced in `<head>` and in the footer. */
export interface PageAlternate {
  /** Media type, e.g. `text/turtle`. */
  mediaType: string;
  /** Where it is served, e.g. `/people/sheng-zha.ttl`. */
  href: string;
  /** What a person calls it, e.g. `Turtle`. */
  label: string;
}

/** Everything `renderPage` needs to render one document as HTML; built by `publish`. */
export interface PageInput {
  site: { name: string; baseUrl: string; language: string };
  /** Absolute IRI of the document this page shows, e.g. http://localhost:8080/people/sheng-zha (root: http://localhost:8080/). */
  documentIri: string;
  /** Every node described in this document (subject IRIs whose part before '#' is documentIri), main one first. */
  subjects: string[];
  /** The whole dataset (all documents) for labels, types and links of neighbours. */
  graph: QuadSource;
  /** This document's graph as compacted JSON-LD text ("@context": "https://schema.org"), to embed verbatim (after escaping). */
  jsonLd: string;
  /** Every other representation of this document. */
  alternates: PageAlternate[];
  /**
   * The predicates labels are read from, as absolute IRIs, first match wins (the configuration's
   * `labelProperties`); absent: `DEFAULT_LABEL_PROPERTIES` of entity-labels.ts.
   */
  labelProperties?: readonly string[];
  /** The query page's path (`/sparql`) when the site has one: entity pages link to it. */
  queryPage?: string;
  /**
   * The absolute URL of the site's social card (a PNG of `SOCIAL_CARD_WIDTH`×`SOCIAL_CARD_HEIGHT`)
   * when the site has one: the profile page names it as its `og:image`.
   */
  socialCard?: string;
}
