import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { toDisplayPath } from './load-sources.js';

/**
 * Image files a profile keeps beside its data, by file name ending, with the media type they are
 * served as (IANA media types registry; `image/svg+xml`: SVG 1.1 Appendix P).
 */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

/** An image in the data folder, published at the URL its path names under the base URL. */
export interface MediaFile {
  /** Absolute path on disk. */
  file: string;
  /** POSIX path relative to the data folder (`people/sheng-zha.jpg`): the URL path under the base URL. */
  relative: string;
  /** Repo-relative POSIX path, as diagnostics name files (`data/people/sheng-zha.jpg`). */
  display: string;
  /** Media type, from {@link MEDIA_TYPES}. */
  contentType: string;
}

/** Whether a path names an image by its ending (see {@link MEDIA_TYPES}). */
export function isMediaPath(urlPath: string): boolean {
  return Object.hasOwn(MEDIA_TYPES, path.posix.extname(urlPath).toLowerCase());
}

/**
 * The images under the data folder (resolved against `root`), sorted by relative path, skipping
 * dot-folders. A folder that cannot be listed has none: `listDataFiles` reports it when it reads
 * the same folder.
 */
export async function listMediaFiles(dataDir: string, root: string): Promise<MediaFile[]> {
  const absolute = path.resolve(root, dataDir);
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true }).catch(() => []);
  const media: MediaFile[] = [];
  for (const entry of entries) {
    const contentType = MEDIA_TYPES[path.extname(entry.name).toLowerCase()];
    if (!entry.isFile() || contentType === undefined) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(absolute, file).split(path.sep).join('/');
    if (relative.split('/').some((segment) => segment.startsWith('.'))) continue;
    media.push({ file, relative, display: toDisplayPath(file, root), contentType });
  }
  return media.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** An image's bytes at its URL path, as the Site publishes it. */
export interface MediaBody {
  /** URL path (`/people/sheng-zha.jpg`): the base URL's path, then the path under the data folder. */
  path: string;
  contentType: string;
  body: Buffer;
}

/**
 * Reads the images, each at its URL path under `basePath` (the base URL's path, ending in `/`).
 * Throws a {@link ProfileGraphError} (`io/unreadable`, exit 2) naming each file that cannot be
 * read: an image that disappears or loses its permissions between listing and reading.
 */
export async function readMediaFiles(
  media: readonly MediaFile[],
  basePath: string,
): Promise<MediaBody[]> {
  const bodies: MediaBody[] = [];
  const failed: Diagnostic[] = [];
  for (const each of media) {
    try {
      const body = await readFile(each.file);
      bodies.push({ path: `${basePath}${each.relative}`, contentType: each.contentType, body });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      failed.push({
        code: 'io/unreadable',
        severity: 'error',
        message: `Cannot read ${each.display} (${reason}).`,
        file: each.display,
      });
    }
  }
  if (failed.length > 0) throw new ProfileGraphError(failed, 2);
  return bodies;
}
