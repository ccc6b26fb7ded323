import { readFileSync } from 'node:fs';
import { vendorFile } from './vendor-files.js';

/** What jsonld.js expects a document loader to resolve to. */
export interface RemoteDocument {
  contextUrl: string | null;
  document: unknown;
  documentUrl: string;
  /**
   * `'static'` marks a document that never changes, so jsonld.js keeps the resolved (and
   * processed) context in its shared cache across calls instead of re-resolving it per file.
   */
  tag?: 'static';
}

/** A jsonld.js document loader. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** The URLs under which schema.org publishes its context (JSON-LD 1.1 §9.1: HTTP Link / redirects). */
export const SCHEMA_ORG_CONTEXT_URLS: readonly string[] = [
  'https://schema.org',
  'https://schema.org/',
  'http://schema.org',
  'http://schema.org/',
  'https://schema.org/docs/jsonldcontext.jsonld',
  'http://schema.org/docs/jsonldcontext.jsonld',
  'https://schema.org/docs/jsonldcontext.json',
];

/** Raised by the loader for any URL it does not bundle; nothing is ever fetched. */
export class RemoteDocumentRefusedError extends Error {
  readonly url: string;
  constructor(url: string) {
    super(`Remote document refused (no network access): ${url}`);
    this.name = 'RemoteDocumentRefusedError';
    this.url = url;
  }
}

/** The bundled schema.org context document (parsed once per call; share the loader). */
export function readSchemaOrgContext(): unknown {
  return JSON.parse(readFileSync(vendorFile('schemaorg/schemaorgcontext.jsonld'), 'utf8'));
}

/**
 * Creates an offline document loader: the schema.org context URLs resolve to the bundled
 * context, and every other URL is refused with {@link RemoteDocumentRefusedError}. Build it
 * once and share it: the 200 KB context is parsed here, not per document.
 */
export function createDocumentLoader(): DocumentLoader {
  const context = readSchemaOrgContext();
  const known = new Set(SCHEMA_ORG_CONTEXT_URLS);
  return (url: string) => {
    if (known.has(url)) {
      return Promise.resolve({
        contextUrl: null,
        document: context,
        documentUrl: url,
        tag: 'static',
      });
    }
    return Promise.reject(new RemoteDocumentRefusedError(url));
  };
}
