import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { vendorFile } from '../rdf/vendor-files.js';
import { QUERY_PAGE_SCRIPT } from '../publish/html/query-page.js';
import type { PageFile } from '../publish/sparql-service.js';

/** One file the query page loads, read and compressed once. */
export interface EditorAsset {
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** Strong validator of the identity body; codings add a suffix. */
  etag: string;
  /**
   * When this server first offered the file (whole seconds). The URL names the content, so a
   * date later than the file's true one only costs a client with an older copy one download.
   */
  lastModified: Date;
}

/** The URLs the query page loads its editor from. */
export interface EditorAssetUrls {
  editorScript: string;
  editorStyles: string;
  pageScript: string;
}

/** The editor's files, served from the package's `vendor/yasgui/`. */
export interface EditorAssets {
  /** Where the page finds them; `undefined` when the YASGUI copy is missing. */
  urls: EditorAssetUrls | undefined;
  /** The file at a URL path from {@link urls}; `undefined` for any other path. */
  load(path: string): Promise<EditorAsset | undefined>;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The query page's files under `prefix` (`/sparql/assets/`): YASGUI's prebuilt bundle and
 * stylesheet from `@zazuko/yasgui` (MIT, copied into `vendor/yasgui/`; one self-contained script, no fonts or CDN requests),
 * and {@link QUERY_PAGE_SCRIPT}. Their URLs carry the package version or the content's hash, so
 * they can be cached for good. Each file is read and compressed (gzip, brotli, on zlib's thread
 * pool: the bundle is about 1 MB) on its first request, then kept; unknown paths cost nothing.
 */
export function createEditorAssets(prefix: string): EditorAssets {
  const sources = editorSources(prefix);
  if (sources === undefined) return { urls: undefined, load: () => Promise.resolve(undefined) };
  const { urls, readers } = sources;
  const loaded = new Map<string, Promise<EditorAsset>>();
  const since = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    urls,
    load(path) {
      const read = readers.get(path);
      if (read === undefined) return Promise.resolve(undefined);
      let asset = loaded.get(path);
      if (asset === undefined) {
        asset = read().then((file) => compress(file, since));
        loaded.set(path, asset);
      }
      return asset;
    },
  };
}

/**
 * The editor's files under `prefix` as they are served, read now (for the static export, which
 * publishes them with the Site); empty when the YASGUI copy is missing.
 */
export async function readEditorFiles(prefix: string): Promise<PageFile[]> {
  const sources = editorSources(prefix);
  if (sources === undefined) return [];
  return Promise.all(
    [...sources.readers].map(async ([path, read]) => ({ path, ...(await read()) })),
  );
}

type FileReader = () => Promise<{ body: Buffer; contentType: string }>;

/** The editor's URLs under `prefix` and how to read each file; undefined without YASGUI. */
function editorSources(
  prefix: string,
): { urls: EditorAssetUrls; readers: Map<string, FileReader> } | undefined {
  const editor = locateEditor();
  if (editor === undefined) return undefined;
  const pageScript = Buffer.from(QUERY_PAGE_SCRIPT, 'utf8');
  const urls: EditorAssetUrls = {
    editorScript: `${prefix}yasgui-${editor.version}.min.js`,
    editorStyles: `${prefix}yasgui-${editor.version}.min.css`,
    pageScript: `${prefix}query-page-${hashOf(pageScript).slice(0, 12)}.js`,
  };
  const readers = new Map<string, FileReader>([
    [
      urls.editorScript,
      async () => ({
        // The bundle names its source map, which is not served: drop the comment, so
        // browsers' developer tools do not ask for it.
        body: Buffer.from(
          (await readFile(editor.script, 'utf8')).replace(
            /\n?\/\/# sourceMappingURL=\S+\s*$/,
            '\n',
          ),
          'utf8',
        ),
        contentType: 'text/javascript; charset=utf-8',
      }),
    ],
    [
      urls.editorStyles,
      async () => ({ body: await readFile(editor.styles), contentType: 'text/css; charset=utf-8' }),
    ],
    [
      urls.pageScript,
      () => Promise.resolve({ body: pageScript, contentType: 'text/javascript; charset=utf-8' }),
    ],
  ]);
  return { urls, readers };
}

/**
 * Where the YASGUI build is: `vendor/yasgui/`, copied from the @zazuko/yasgui package by
 * scripts/vendor.js (the package itself, about 50 MB with its dependencies, is not a runtime
 * dependency); undefined when the copy is missing.
 */
function locateEditor(): { version: string; script: string; styles: string } | undefined {
  try {
    const { version } = JSON.parse(readFileSync(vendorFile('yasgui/yasgui.json'), 'utf8')) as {
      version: string;
    };
    return {
      version,
      script: vendorFile('yasgui/yasgui.min.js'),
      styles: vendorFile('yasgui/yasgui.min.css'),
    };
  } catch {
    return undefined;
  }
}

async function compress(
  file: { body: Buffer; contentType: string },
  lastModified: Date,
): Promise<EditorAsset> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(file.body, { level: 9 }),
    brotliAsync(file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  ]);
  return {
    contentType: file.contentType,
    identity: file.body,
    gzip: gzipped,
    br: brotli,
    etag: `"${hashOf(file.body).slice(0, 22)}"`,
    lastModified,
  };
}

function hashOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}
