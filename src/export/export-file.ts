import { compressedVariants } from '../publish/representation.js';

/** One file of the export: a POSIX path relative to the export root, and its bytes. */
export interface ExportFile {
  path: string;
  body: Buffer;
  /**
   * Also write the body's precompressed `.gz` and `.br` siblings, made by the writer (see
   * `Representation.compressLater`). Their names are already taken in the export's layout.
   */
  compress?: true;
  /**
   * The document (its resource path) the file belongs to, for the build manifest: the writer
   * reports each such file it writes, siblings included (see `WrittenFile`).
   */
  owner?: string;
  /**
   * Take the file from the previous export (a hard link: bytes and mtime kept) instead of
   * writing `body`, which is empty: the build manifest found it there unchanged.
   */
  link?: true;
}

/** A file of a document the writer wrote or linked: its owner, path, size and mtime (whole ms). */
export type WrittenFile = [owner: string, path: string, size: number, mtimeMs: number];

/** The extensions of a file's precompressed siblings, as web servers look them up. */
export const COMPRESSED_SUFFIXES = { gzip: '.gz', br: '.br' } as const;

/**
 * The files a planned file stands for: itself, and when it asks to be compressed, its `.gz` and
 * `.br` siblings (each only when smaller, exactly as the Site's own variants).
 */
export function filesOf(file: ExportFile): ExportFile[] {
  const plain = {
    path: file.path,
    body: file.body,
    ...(file.owner === undefined ? {} : { owner: file.owner }),
    ...(file.link ? { link: true as const } : {}),
  };
  if (!file.compress || file.link) return [plain];
  const { gzip, br } = compressedVariants(file.body);
  return [
    plain,
    ...(gzip ? [{ ...plain, path: `${file.path}${COMPRESSED_SUFFIXES.gzip}`, body: gzip }] : []),
    ...(br ? [{ ...plain, path: `${file.path}${COMPRESSED_SUFFIXES.br}`, body: br }] : []),
  ];
}
