import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ProfileGraphError, type Diagnostic } from '../model/diagnostic.js';
import { toDisplayPath, type DataFile } from './load-sources.js';

/** File name endings read from loose input: JSON-LD documents and the HTML pages that embed it. */
export const INPUT_EXTENSIONS = ['.jsonld', '.json', '.html', '.htm'] as const;

/**
 * Folders never walked: installed packages and version control hold other people's files,
 * and dot-folders (`.git`, `.cache`, `.next`) hold tools' state, not a site's pages.
 */
const SKIPPED = ['**/node_modules/**', '**/.*/**'];

/**
 * The input files that `validate PATH…` names: each PATH is a file (read whatever its ending),
 * a folder (walked whole, a built site such as `dist/`, `public/` or `_site/` included, for
 * `.jsonld`, `.json`, `.html` and `.htm` files, skipping `node_modules` and dot-folders) or a
 * glob (`site/**\/*.html`, matched against the same files), relative to `cwd`. Returns each file
 * once, sorted by display path (relative to `root`), so every report is deterministic.
 *
 * Throws a {@link ProfileGraphError} (exit 2): `io/not-found` for each PATH that does not exist
 * or that matches no input file, naming what was searched, since an empty input validated
 * "clean" would let a mistyped path pass CI.
 */
export async function discoverInputs(
  paths: readonly string[],
  cwd: string,
  root: string,
): Promise<DataFile[]> {
  const found = new Map<string, DataFile>();
  const missing: Diagnostic[] = [];
  for (const written of paths) {
    const files = await filesOf(written, cwd);
    if (files.length === 0)
      missing.push(
        nothingFound(written, await stat(path.resolve(cwd, written)).catch(() => undefined)),
      );
    for (const file of files) found.set(file, { file, display: toDisplayPath(file, root) });
  }
  if (missing.length > 0) throw new ProfileGraphError(missing, 2);
  return [...found.values()].sort((a, b) =>
    a.display < b.display ? -1 : a.display > b.display ? 1 : 0,
  );
}

/** The absolute input files one PATH stands for (none when it names nothing readable). */
async function filesOf(written: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, written);
  const info = await stat(absolute).catch(() => undefined);
  // An existing path is taken literally, even if it has glob characters (`[slug].html`).
  if (info?.isFile()) return [absolute];
  // The skipped folders are those below the one named: a site checked out under `~/.work/` is
  // still walked.
  if (info?.isDirectory()) return walk('**/*', absolute);
  if (!isDynamicPattern(written)) return [];
  return walk(written.split(path.sep).join('/'), cwd);
}

async function walk(pattern: string, cwd: string): Promise<string[]> {
  const matches = await glob(pattern, {
    cwd,
    absolute: true,
    onlyFiles: true,
    dot: false,
    ignore: SKIPPED,
    expandDirectories: false,
  });
  return matches
    .filter((file) =>
      (INPUT_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()),
    )
    .map((file) => path.normalize(file));
}

function nothingFound(written: string, info: { isDirectory(): boolean } | undefined): Diagnostic {
  const searched = INPUT_EXTENSIONS.map((extension) => `*${extension}`).join(', ');
  return {
    code: 'io/not-found',
    severity: 'error',
    message:
      info?.isDirectory() === true
        ? `No ${searched} files in ${written} (node_modules and dot-folders are skipped).`
        : isDynamicPattern(written)
          ? `No ${searched} files match ${written}.`
          : `File or folder not found: ${written}`,
  };
}
