import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filesOf, type ExportFile } from './export-file.js';

/**
 * Writes planned export files under one root folder, each with the same mtime, creating
 * folders as needed, and counts what it wrote. Used by `writeExport` in its own thread and by
 * each writer thread; synchronous on purpose: for hundreds of thousands of small files, each
 * fs.promises call is a thread-pool round trip costing more than the write itself.
 */
export class FileWriter {
  readonly #root: string;
  readonly #mtime: Date;
  /** Every folder created under the root (absolute paths), so each is made once. */
  readonly folders = new Set<string>();
  files = 0;
  bytes = 0;

  constructor(root: string, mtime: Date) {
    this.#root = root;
    this.#mtime = mtime;
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
      writeFileSync(destination, file.body);
      utimesSync(destination, this.#mtime, this.#mtime);
      this.files++;
      this.bytes += file.body.length;
    }
  }
}
