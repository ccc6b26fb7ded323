import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: writes `vendor/shacl-engine/` and `vendor/yasgui/` (scripts/vendor.js)
 * before any test runs, so the tests load the same bundled files the package ships, fresh from
 * the installed packages, in a checkout that has not run `npm run build` yet.
 */
export function setup(): void {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../../scripts/vendor.js', import.meta.url))],
    {
      stdio: 'inherit',
    },
  );
}
