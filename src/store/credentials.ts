// Where a store's credentials come from: never the command line (shell history, `ps`), so a
// netrc file, as curl reads it, or environment variables.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { findNetrcLogin } from './netrc.js';

/** The variables read for credentials (the README and `push --help` name them). */
export const CREDENTIAL_VARIABLES = {
  user: 'PROFILE_GRAPH_STORE_USER',
  password: 'PROFILE_GRAPH_STORE_PASSWORD',
  token: 'PROFILE_GRAPH_STORE_TOKEN',
} as const;

/** How requests to a store authenticate; `source` says where the secret came from, not what it is. */
export type StoreCredentials =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string; source: string }
  | { kind: 'password'; user: string; password: string; source: string };

/**
 * The credentials for requests to `url`: a bearer token from `PROFILE_GRAPH_STORE_TOKEN`; else a
 * user and password from `PROFILE_GRAPH_STORE_USER` and `PROFILE_GRAPH_STORE_PASSWORD`; else the
 * netrc entry for the URL's host (the file `NETRC` names, else `$HOME/.netrc`); else none. A
 * missing netrc file is no error; one that cannot be read, or a user without a password, is a
 * `store/credentials` diagnostic.
 */
export async function resolveCredentials(
  url: URL,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true; credentials: StoreCredentials } | { ok: false; diagnostic: Diagnostic }> {
  const token = env[CREDENTIAL_VARIABLES.token];
  if (token !== undefined && token !== '')
    return { ok: true, credentials: { kind: 'bearer', token, source: CREDENTIAL_VARIABLES.token } };
  const user = env[CREDENTIAL_VARIABLES.user];
  const password = env[CREDENTIAL_VARIABLES.password];
  if (user !== undefined && user !== '') {
    if (password === undefined)
      return {
        ok: false,
        diagnostic: {
          code: 'store/credentials',
          severity: 'error',
          message: `${CREDENTIAL_VARIABLES.user} is set but ${CREDENTIAL_VARIABLES.password} is not.`,
        },
      };
    return {
      ok: true,
      credentials: { kind: 'password', user, password, source: CREDENTIAL_VARIABLES.user },
    };
  }
  const file = netrcPath(env);
  if (file === undefined) return { ok: true, credentials: { kind: 'none' } };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { ok: true, credentials: { kind: 'none' } };
    return {
      ok: false,
      diagnostic: {
        code: 'store/credentials',
        severity: 'error',
        message: `Cannot read the netrc file ${file}: ${(error as Error).message}.`,
        file,
      },
    };
  }
  const login = findNetrcLogin(text, url.hostname);
  if (login === undefined) return { ok: true, credentials: { kind: 'none' } };
  return {
    ok: true,
    credentials: {
      kind: 'password',
      user: login.login,
      password: login.password,
      source: `${file} (machine ${url.hostname})`,
    },
  };
}

function netrcPath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.NETRC !== undefined && env.NETRC !== '') return env.NETRC;
  if (env.HOME !== undefined && env.HOME !== '') return path.join(env.HOME, '.netrc');
  return undefined;
}
