import { describe, expect, it } from 'vitest';
import {
  createDocumentLoader,
  RemoteDocumentRefusedError,
  SCHEMA_ORG_CONTEXT_URLS,
} from '../../../src/rdf/document-loader.js';

describe('createDocumentLoader', () => {
  const loader = createDocumentLoader();

  it.each(SCHEMA_ORG_CONTEXT_URLS)('serves the bundled schema.org context for %s', async (url) => {
    const document = await loader(url);
    expect(document.documentUrl).toBe(url);
    expect((document.document as { '@context': { '@vocab': string } })['@context']['@vocab']).toBe(
      'http://schema.org/',
    );
  });

  it.each([
    'https://example.org/context.jsonld',
    'https://schema.org/Person',
    'file:///etc/passwd',
    'http://localhost:8080/ctx',
  ])('refuses %s without touching the network', async (url) => {
    await expect(loader(url)).rejects.toBeInstanceOf(RemoteDocumentRefusedError);
  });
});
