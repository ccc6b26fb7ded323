import { fileURLToPath } from 'node:url';

/**
 * Absolute path of a file shipped in the package's `vendor/` folder. Works from `src/` (tsx,
 * tests) and from `dist/` (the built package) since both sit one level below the package root.
 */
export function vendorFile(relative: string): string {
  return fileURLToPath(new URL(`../../vendor/${relative}`, import.meta.url));
}
