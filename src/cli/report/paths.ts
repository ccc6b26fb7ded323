import path from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.js';

/**
 * The diagnostics with each `file` (relative to the project folder, `root`) made relative to the
 * working directory, as CI annotations, SARIF viewers and terminals resolve them: a config file
 * in a subfolder must not shift every path. Paths outside `cwd` stay absolute; standard input
 * (`-`) and absolute paths are kept. Returns a new array; the input is unchanged.
 */
export function relativeToCwd(
  diagnostics: readonly Diagnostic[],
  root: string,
  cwd: string,
): Diagnostic[] {
  if (path.resolve(root) === path.resolve(cwd)) return [...diagnostics];
  return diagnostics.map((diagnostic) => {
    const { file } = diagnostic;
    if (file === undefined || file === '-' || path.isAbsolute(file)) return diagnostic;
    const absolute = path.resolve(root, file);
    const relative = path.relative(cwd, absolute);
    const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    return { ...diagnostic, file: (inside ? relative : absolute).split(path.sep).join('/') };
  });
}
