// The netrc file as curl reads it (curl's lib/netrc.c; the format is ftp(1)'s): whitespace
// separated tokens, `machine NAME` or `default` starting an entry, `login`, `password` and
// `account` inside it, `macdef NAME` skipping a macro up to the next blank line, and
// double-quoted tokens with backslash escapes (curl 7.84+).

/** A login and password found for a host. */
export interface NetrcLogin {
  login: string;
  password: string;
}

/**
 * The login for `host` in a netrc file's text: the first `machine` entry whose name equals the
 * host (case-insensitively, without the port, as curl matches), else the `default` entry, else
 * `undefined`. An entry without a password is skipped, as curl skips it for a password.
 */
export function findNetrcLogin(text: string, host: string): NetrcLogin | undefined {
  const wanted = host.toLowerCase();
  let fallback: NetrcLogin | undefined;
  for (const entry of netrcEntries(text)) {
    if (entry.login === undefined || entry.password === undefined) continue;
    const login = { login: entry.login, password: entry.password };
    if (entry.machine === undefined) fallback ??= login;
    else if (entry.machine.toLowerCase() === wanted) return login;
  }
  return fallback;
}

interface NetrcEntry {
  /** `undefined` for the `default` entry. */
  machine: string | undefined;
  login?: string;
  password?: string;
}

function netrcEntries(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  const tokens = netrcTokens(text);
  let current: NetrcEntry | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    const next = tokens[index + 1];
    switch (token.text) {
      case 'machine':
        current = { machine: next?.text ?? '' };
        entries.push(current);
        index += 1;
        break;
      case 'default':
        current = { machine: undefined };
        entries.push(current);
        break;
      case 'login':
      case 'password':
      case 'account':
        if (current !== undefined && next !== undefined && token.text !== 'account')
          current[token.text] = next.text;
        index += 1;
        break;
      case 'macdef':
        // A macro's body runs to the first blank line; its words are not netrc tokens.
        index = tokens.findIndex((later, at) => at > index && later.afterBlankLine);
        if (index < 0) return entries;
        index -= 1;
        current = undefined;
        break;
      default:
        break;
    }
  }
  return entries;
}

interface Token {
  text: string;
  /** Whether an empty line came between this token and the one before it. */
  afterBlankLine: boolean;
}

function netrcTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let blank = false;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '\n') {
      // A line holding only whitespace after a newline ends a macdef.
      const rest = /^[ \t\r]*\n/.exec(text.slice(at + 1));
      if (rest !== null) blank = true;
      at += 1;
      continue;
    }
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '#') {
      // curl treats # as a comment to the end of the line, outside quotes.
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end;
      continue;
    }
    let value = '';
    if (char === '"') {
      at += 1;
      while (at < text.length && text.charAt(at) !== '"') {
        let next = text.charAt(at);
        if (next === '\\' && at + 1 < text.length) {
          at += 1;
          const escaped = text.charAt(at);
          next = escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped === 't' ? '\t' : escaped;
        }
        value += next;
        at += 1;
      }
      at += 1;
    } else {
      while (at < text.length && !/\s/.test(text.charAt(at))) {
        value += text.charAt(at);
        at += 1;
      }
    }
    tokens.push({ text: value, afterBlankLine: blank });
    blank = false;
  }
  return tokens;
}
