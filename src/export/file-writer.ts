import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { filesOf, type ExportFile, type WrittenFile } from './export-file.js';

/**
 * Writes planned export files under one root folder, each with the same mtime, creating
 * folders as needed, and counts what it wrote. Used by `writeExport` in its own thread and by
 * each writer thread; synchronous on purpose: for hundreds of thousands of small files, each
 * fs.promises call is a thread-pool round trip costing more than the write itself.
 *
 * Given the previous export's folder, a file whose bytes it already holds at the same path is
 * hard-linked from there instead of written: the new export shares the old file, mtime
 * included, so a rebuild after a small edit rewrites only what changed, and a web server's
 * Last-Modified and ETag of the untouched files stay as they were. The old file is only read
 * and linked, never changed, so the previous export stays whole until it is replaced.
 */
export class FileWriter {
  readonly #root: string;
  readonly #mtime: Date;
  readonly #previous: string | undefined;
  /** Every folder created under the root (absolute paths), so each is made once. */
  readonly folders = new Set<string>();
  files = 0;
  bytes = 0;
  /** Files linked from the previous export rather than written (counted in `files` too). */
  reused = 0;
  /** The files with an owner (documents' files) written or linked, in order. */
  readonly written: WrittenFile[] = [];
  readonly #mtimeMs: number;

  constructor(root: string, mtime: Date, previous?: string) {
    this.#root = root;
    this.#mtime = mtime;
    this.#previous = previous;
    this.#mtimeMs = Math.round(mtime.getTime());
  }

  /** Writes the file and, when it asks, its compressed siblings (see {@link filesOf}). */
  write(planned: ExportFile): void {
    for (const file of filesOf(planned)) {
      const destination = path.join(this.#root, ...file.path.split('/'));
      const folder = path.dirname(destination);
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        let each = folder;
        while (each !== this.#root && !this.folders.has(each)) {
          this.folders.add(each);
          each = path.dirname(each);
        }
      }
      this.files++;
      if (file.link) {
        this.#link(file, destination);
        continue;
      }
      this.bytes += file.body.length;
      const kept = this.#reuse(file, destination);
      if (kept === undefined) {
        writeFileSync(destination, file.body);
        utimesSync(destination, this.#mtime, this.#mtime);
      }
      if (file.owner !== undefined)
        this.written.push([file.owner, file.path, file.body.length, kept ?? this.#mtimeMs]);
    }
  }

  /**
   * Links a file the build manifest found unchanged in the previous export. It was checked just
   * before; gone since (someone deleting in the export while it builds), the build fails with
   * the fs error rather than write an export without it.
   */
  #link(file: ExportFile, destination: string): void {
    if (this.#previous === undefined)
      throw Object.assign(new Error(`no previous export to take "${file.path}" from`), {
        code: 'ENOENT',
      });
    const old = path.join(this.#previous, ...file.path.split('/'));
    const info = statSync(old);
    try {
      linkSync(old, destination);
    } catch {
      // A filesystem without hard links: a copy with the same mtime.
      copyFileSync(old, destination);
      utimesSync(destination, info.atime, info.mtime);
    }
    this.bytes += info.size;
    this.reused++;
    if (file.owner !== undefined)
      this.written.push([file.owner, file.path, info.size, Math.round(info.mtimeMs)]);
  }

  /**
   * Links the previous export's file to `destination` if it has the same bytes, and returns its
   * mtime (whole ms) then; undefined when it did not.
   */
  #reuse(file: ExportFile, destination: string): number | undefined {
    if (this.#previous === undefined) return undefined;
    const old = path.join(this.#previous, ...file.path.split('/'));
    try {
      const info = statSync(old, { throwIfNoEntry: false });
      if (!info?.isFile() || info.size !== file.body.length) return undefined;
      if (!readFileSync(old).equals(file.body)) return undefined;
      linkSync(old, destination);
      this.reused++;
      return Math.round(info.mtimeMs);
    } catch {
      // Unreadable, or a filesystem without hard links: write the file instead.
      return undefined;
    }
  }
}
