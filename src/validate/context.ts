import type { NodeIndex } from './node-index.js';
import type { SourceFile } from '../load/source-file.js';
import type { SiteConfig } from '../model/config.js';
import type { Quad } from '../rdf/data-factory.js';
import type { SchemaOrgTerms } from '../rdf/schema-org-terms.js';

/**
 * What the graph-level validation layers (vocabulary, integrity, SHACL) see: the parsed sources,
 * where every node is written, and the merged canonical dataset built from them.
 */
export interface ValidationContext {
  config: SiteConfig;
  /** Sources that parsed as JSON (syntax errors are reported before this). */
  sources: readonly SourceFile[];
  /** Where each node is described/referenced (file, pointer), by IRI. */
  nodes: NodeIndex;
  /** schema.org term expansion (prefixes, @vocab, aliases). */
  terms: SchemaOrgTerms;
  /** The canonical merged dataset (RDFC-1.0 blank node labels, sorted). */
  quads: readonly Quad[];
  /**
   * The images in the data folder, by their path under it (`people/sheng-zha.jpg`): published
   * at that path under the base URL, so a reference to it is not dangling.
   */
  media: ReadonlySet<string>;
}
