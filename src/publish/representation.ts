import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Content codings the site precomputes (RFC 9110 §8.4.1). */
export type Encoding = 'identity' | 'gzip' | 'br';

/** One encoded body with its strong ETag (distinct per representation and encoding). */
export interface Variant {
  body: Buffer;
  etag: string;
}

/** One format of one resource, rendered once: bytes, validators and compressed variants. */
export interface Representation {
  /** Negotiation id: 'html', 'jsonld', 'turtle', 'ntriples', 'nquads', 'trig', 'rdfxml', or a plain file's id. */
  id: string;
  /** The full Content-Type header value (`text/turtle; charset=utf-8`). */
  contentType: string;
  /** The format-specific URL of this representation (`/people/sheng-zha.ttl`). */
  contentLocation: string;
  variants: Readonly<Partial<Record<Encoding, Variant>>> & { identity: Variant };
  /**
   * Set when the gzip and br variants were left to whoever writes the bytes, who makes them
   * with {@link compressedVariants}: a build compresses on its writer threads, not while it
   * renders. Never set on what `serve` sends.
   */
  compressLater?: true;
}

/** Bodies smaller than this are not worth compressing (one TCP packet; headers dominate). */
const MIN_COMPRESS_BYTES = 256;

// Compression levels, measured on this project's output (npm run bench, representation sizes):
// brotli quality 6 compresses a 2 KB document exactly as well as quality 11, 57 times faster
// (0.07 vs 4 ms), and a 1 MB dump to 4.2% instead of 3.2%, 220 times faster (15 ms vs 3.4 s);
// quality 11 made a 1,000-people site take minutes to publish. gzip level 6 (zlib's default)
// is within 1% of level 9 on documents and 3 times faster on dumps.
const BROTLI_QUALITY = 6;
const GZIP_LEVEL = 6;

/**
 * Renders one representation: the identity body, and gzip and brotli variants when compression
 * actually saves bytes (or, with `precompress` false, a note that the writer makes them). ETags
 * are strong validators derived from the bytes (SHA-256, truncated), suffixed per coding so
 * caches never confuse encodings (RFC 9110 §8.8.3).
 */
export function createRepresentation(
  id: string,
  contentType: string,
  contentLocation: string,
  body: string | Buffer,
  precompress = true,
): Representation {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const hash = etagHash(id, identity);
  const variants: { identity: Variant } & Partial<Record<Encoding, Variant>> = {
    identity: { body: identity, etag: `"${hash}"` },
  };
  if (!precompress) {
    const later = identity.length >= MIN_COMPRESS_BYTES ? { compressLater: true as const } : {};
    return { id, contentType, contentLocation, variants, ...later };
  }
  const { gzip, br } = compressedVariants(identity);
  if (gzip) variants.gzip = { body: gzip, etag: `"${hash}-gzip"` };
  if (br) variants.br = { body: br, etag: `"${hash}-br"` };
  return { id, contentType, contentLocation, variants };
}

/**
 * A representation of bytes that are compressed already (PNG, JPEG, WebP…): the identity body
 * only, with its strong ETag; neither the Site nor a writer makes gzip or br variants of it.
 */
export function createCompressedRepresentation(
  id: string,
  contentType: string,
  contentLocation: string,
  body: Buffer,
): Representation {
  return {
    id,
    contentType,
    contentLocation,
    variants: { identity: { body, etag: `"${etagHash(id, body)}"` } },
  };
}

// The id is hashed too: two formats can have the same bytes (an N-Triples and an N-Quads
// file of a default-graph document) and must still have distinct strong validators.
function etagHash(id: string, body: Buffer): string {
  return createHash('sha256').update(id).update('\0').update(body).digest('base64url').slice(0, 22);
}

/**
 * The gzip and brotli encodings of a body, each only when it is smaller than the body (and
 * none for bodies under one packet). The one definition of the variants' bytes: the Site's
 * and an export writer's are the same.
 */
export function compressedVariants(identity: Buffer): { gzip?: Buffer; br?: Buffer } {
  if (identity.length < MIN_COMPRESS_BYTES) return {};
  const gzip = gzipSync(identity, { level: GZIP_LEVEL });
  const br = brotliCompressSync(identity, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
    },
  });
  return {
    ...(gzip.length < identity.length ? { gzip } : {}),
    ...(br.length < identity.length ? { br } : {}),
  };
}
