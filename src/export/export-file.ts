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
}

/** The extensions of a file's precompressed siblings, as web servers look them up. */
export const COMPRESSED_SUFFIXES = { gzip: '.gz', br: '.br' } as const;

/**
 * The files a planned file stands for: itself, and when it asks to be compressed, its `.gz` and
 * `.br` siblings (each only when smaller, exactly as the Site's own variants).
 */
export function filesOf(file: ExportFile): ExportFile[] {
  const plain = { path: file.path, body: file.body };
  if (!file.compress) return [plain];
  const { gzip, br } = compressedVariants(file.body);
  return [
    plain,
    ...(gzip ? [{ path: `${file.path}${COMPRESSED_SUFFIXES.gzip}`, body: gzip }] : []),
    ...(br ? [{ path: `${file.path}${COMPRESSED_SUFFIXES.br}`, body: br }] : []),
  ];
}
