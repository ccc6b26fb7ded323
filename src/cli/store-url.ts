import { ProfileGraphError } from '../model/diagnostic.js';
import { CREDENTIAL_VARIABLES } from '../store/credentials.js';
import { usageError } from './args.js';

/**
 * A store's URL as given to `command` by `what` (a flag or a configuration key): an absolute
 * http(s) URL without credentials in it, which belong in netrc or the environment (a URL on the
 * command line lands in shell history and `ps`). Throws a usage error (exit 2) otherwise.
 */
export function storeEndpointUrl(command: string, what: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${command}: ${what} must be an absolute http(s) URL, not "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`${command}: ${what} must be an http(s) URL, not "${value}".`);
  if (url.username !== '' || url.password !== '') {
    throw new ProfileGraphError(
      [
        {
          code: 'usage/invalid',
          severity: 'error',
          message: `${command}: ${what} carries credentials; they are never taken from the command line or the configuration.`,
          hint: `put them in ~/.netrc ("machine ${url.hostname} login USER password PASS") or set ${CREDENTIAL_VARIABLES.user} and ${CREDENTIAL_VARIABLES.password}`,
        },
      ],
      2,
    );
  }
  return url;
}
