import { readFileSync } from 'node:fs';

interface Manifest {
  version: string;
  repository?: string | { url?: string };
}

/** package.json (one level above src/ and dist/). */
function readManifest(): Manifest {
  return JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as Manifest;
}

/** profile-graph's version, from package.json. */
export function readVersion(): string {
  return readManifest().version;
}

/**
 * The web address of `docs/codes.md` in the repository package.json names (`repository`), for
 * SARIF `helpUri`s; undefined when the manifest names no GitHub repository.
 */
export function readCodesPageUrl(): string | undefined {
  const { repository } = readManifest();
  const url = typeof repository === 'string' ? repository : repository?.url;
  const match = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url ?? '');
  return match ? `https://github.com/${match[1] ?? ''}/blob/main/docs/codes.md` : undefined;
}
