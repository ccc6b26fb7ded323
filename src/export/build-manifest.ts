import { statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { hashParts, type CacheStore } from '../runtime/cache-store.js';
import type { GraphRead } from '../publish/render-inputs.js';
import type { DeferredResource, Resource } from '../publish/site.js';
import type { DefaultReply } from './static-host.js';

/** The cache namespace build manifests are kept in (`<cache>/build/…`). */
export const BUILD_NAMESPACE = 'build';

const FORMAT = 'profile-graph-build-manifest/1';

/** One file of a document in an export: its POSIX path, size and mtime (whole ms). */
export interface ManifestFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What the manifest knows of one document: its render key, its page's reads, its files. */
export interface ManifestEntry {
  key: string;
  reads: readonly GraphRead[];
  files: ManifestFile[];
  /** Its default reply (static hosts' header rules), taken when it was rendered. */
  reply: DefaultReply;
}

/**
 * Which folder an export is: a new one is made (a new staging folder renamed into place) for
 * every build, so its inode and change time tell a build's folder from any other's, including
 * one a build without the cache wrote over it.
 */
interface FolderIdentity {
  dev: string;
  ino: string;
  ctimeNs: string;
  birthtimeNs: string;
}

/** What a build tells {@link BuildManifest} about the tool and the host it writes for. */
export interface ManifestSettings {
  /** profile-graph's version: another version renders differently. */
  version: string;
  /** The host the export is for: it decides which files a document has. */
  host: string;
}

/** Stored form: the settings' hash, the folder's identity, read strings once, the documents. */
interface StoredManifest {
  format: string;
  settings: string;
  folder: FolderIdentity;
  reads: string[];
  documents: [
    path: string,
    key: string,
    reads: number[],
    files: [path: string, size: number, mtimeMs: number][],
    reply: DefaultReply,
  ][];
}

/** How many documents a build rendered and how many it took from the previous export. */
export interface ManifestCounts {
  rendered: number;
  reused: number;
}

/**
 * The build manifest (issue #18): for every document of the last export into a folder, the
 * key of what its rendering read (see `renderInputsKey`) and the files it was written to. A
 * build over that export takes a document whose key is unchanged from it, file for file (hard
 * links: bytes and mtime kept), instead of rendering and compressing it again.
 *
 * It lives in the cache (`<cache>/build/`, one entry per output folder), not in the export,
 * which stays byte-identical to a cold build. It is trusted only as far as it can be checked:
 * the cache entry's checksum (a truncated or altered entry reads as absent), its format, the
 * tool version, Node's (ICU formats the dates), the host, the output folder's identity (the
 * folder the manifest's build made, not one written over it since) and, per document, that
 * each of its files is there with its size and mtime. Anything else is rendered.
 */
export class BuildManifest {
  readonly #store: CacheStore;
  readonly #target: string;
  readonly #settings: string;
  readonly #previous: ReadonlyMap<string, ManifestEntry>;
  readonly #next = new Map<string, ManifestEntry>();
  /** The counts so far: documents rendered, and taken from the previous export. */
  readonly counts: ManifestCounts = { rendered: 0, reused: 0 };

  private constructor(
    store: CacheStore,
    target: string,
    settings: string,
    previous: ReadonlyMap<string, ManifestEntry>,
  ) {
    this.#store = store;
    this.#target = target;
    this.#settings = settings;
    this.#previous = previous;
  }

  /**
   * Opens the manifest of the export in `outDir` (an absolute path); empty when there is none
   * to trust (see the class).
   */
  static open(store: CacheStore, outDir: string, settings: ManifestSettings): BuildManifest {
    const digest = hashParts([FORMAT, settings.version, process.version, settings.host]);
    const empty = new BuildManifest(store, outDir, digest, new Map());
    const stored = store.get(BUILD_NAMESPACE, storeKey(outDir));
    if (stored === undefined) return empty;
    const folder = identityOf(outDir);
    const previous = new Map<string, ManifestEntry>();
    try {
      const manifest = JSON.parse(gunzipSync(stored).toString('utf8')) as StoredManifest;
      if (
        manifest.format !== FORMAT ||
        manifest.settings !== digest ||
        folder === undefined ||
        !sameIdentity(manifest.folder, folder)
      )
        return empty;
      for (const [documentPath, key, reads, files, reply] of manifest.documents) {
        previous.set(documentPath, {
          key,
          // An index out of range reads as no read: the document is rendered.
          reads: reads.map((index) => manifest.reads[index] ?? '\0'),
          files: files.map(([file, size, mtimeMs]) => ({ path: file, size, mtimeMs })),
          reply,
        });
      }
    } catch {
      // Not a manifest of this format (a checksum-valid entry written by a bug): not trusted.
      return empty;
    }
    return new BuildManifest(store, outDir, digest, previous);
  }

  /**
   * The previous export's entry for a document that renders on demand, when its key now is
   * the recorded one and every file it recorded is in the previous export as recorded; the
   * entry then stands for the document in the new manifest. Undefined otherwise: render it.
   */
  reuse(resource: DeferredResource): ManifestEntry | undefined {
    const entry = this.#previous.get(resource.path);
    if (entry === undefined || resource.inputsKey === undefined) return undefined;
    if (resource.inputsKey(entry.reads) !== entry.key) return undefined;
    for (const file of entry.files) {
      const info = statSync(path.join(this.#target, ...file.path.split('/')), {
        throwIfNoEntry: false,
      });
      if (!info?.isFile() || info.size !== file.size || Math.round(info.mtimeMs) !== file.mtimeMs)
        return undefined;
    }
    this.#next.set(resource.path, { ...entry, files: [...entry.files] });
    this.counts.reused++;
    return entry;
  }

  /**
   * Notes a document just rendered, with its default reply; its files are added as they are
   * written ({@link addFile}). A resource without recorded inputs is not kept.
   */
  rendered(resource: Resource, reply: DefaultReply): void {
    this.counts.rendered++;
    if (resource.inputs === undefined) return;
    const { key, reads } = resource.inputs;
    this.#next.set(resource.path, { key, reads, files: [], reply });
  }

  /** Adds a file written (or linked) for a rendered document. */
  addFile(owner: string, file: ManifestFile): void {
    const entry = this.#next.get(owner);
    if (entry !== undefined && !entry.files.some((known) => known.path === file.path))
      entry.files.push(file);
  }

  /**
   * Stores the manifest of the export just written into the output folder (call after the
   * swap: it records the folder's identity). Never throws: a manifest that cannot be stored
   * only costs the next build its reuse.
   */
  save(): void {
    const folder = identityOf(this.#target);
    if (folder === undefined) return;
    const reads = new Map<string, number>();
    const indexOf = (read: string) => {
      let index = reads.get(read);
      if (index === undefined) {
        index = reads.size;
        reads.set(read, index);
      }
      return index;
    };
    const documents: StoredManifest['documents'] = [];
    for (const [documentPath, entry] of this.#next)
      documents.push([
        documentPath,
        entry.key,
        entry.reads.map(indexOf),
        entry.files.map((file) => [file.path, file.size, file.mtimeMs]),
        entry.reply,
      ]);
    const manifest: StoredManifest = {
      format: FORMAT,
      settings: this.#settings,
      folder,
      reads: [...reads.keys()],
      documents,
    };
    this.#store.put(
      BUILD_NAMESPACE,
      storeKey(this.#target),
      gzipSync(JSON.stringify(manifest), { level: 1 }),
    );
  }
}

/** The cache key of an output folder's manifest. */
function storeKey(outDir: string): string {
  return hashParts([FORMAT, path.resolve(outDir)]);
}

function identityOf(folder: string): FolderIdentity | undefined {
  const info = statSync(folder, { bigint: true, throwIfNoEntry: false });
  if (!info?.isDirectory()) return undefined;
  return {
    dev: String(info.dev),
    ino: String(info.ino),
    ctimeNs: String(info.ctimeNs),
    birthtimeNs: String(info.birthtimeNs),
  };
}

function sameIdentity(a: FolderIdentity, b: FolderIdentity): boolean {
  return (
    a.dev === b.dev && a.ino === b.ino && a.ctimeNs === b.ctimeNs && a.birthtimeNs === b.birthtimeNs
  );
}
