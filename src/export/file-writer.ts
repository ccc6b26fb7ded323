import { linkSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filesOf, type ExportFile } from './export-file.js';

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

  constructor(root: string, mtime: Date, previous?: string) {
    this.#root = root;
    this.#mtime = mtime;
    this.#previous = previous;
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
      this.bytes += file.body.length;
      if (this.#reuse(file, destination)) continue;
      writeFileSync(destination, file.body);
      utimesSync(destination, this.#mtime, this.#mtime);
    }
  }

  /** Links the previous export's file to `destination` if it has the same bytes; whether it did. */
  #reuse(file: ExportFile, destination: string): boolean {
    if (this.#previous === undefined) return false;
    const old = path.join(this.#previous, ...file.path.split('/'));
    try {
      const info = statSync(old, { throwIfNoEntry: false });
      if (!info?.isFile() || info.size !== file.body.length) return false;
      if (!readFileSync(old).equals(file.body)) return false;
      linkSync(old, destination);
    } catch {
      // Unreadable, or a filesystem without hard links: write the file instead.
      return false;
    }
    this.reused++;
    return true;
  }
}
