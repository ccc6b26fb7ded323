import { readFileSync } from 'node:fs';

/** profile-graph's version, from package.json (one level above src/ and dist/). */
export function readVersion(): string {
  const manifest = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as {
    version: string;
  };
  return manifest.version;
}
