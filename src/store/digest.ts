// HTTP authentication challenges (RFC 9110 §11.6.1) and the Digest scheme (RFC 7616), which
// Virtuoso's authenticated endpoints demand with MD5.
import { createHash, randomBytes } from 'node:crypto';

/** One challenge of a `WWW-Authenticate` header: its scheme (lower case) and parameters. */
export interface Challenge {
  scheme: string;
  /** Parameter names in lower case; quoted values unquoted. */
  params: Readonly<Record<string, string>>;
}

/**
 * The challenges in a `WWW-Authenticate` value (several may share one header, comma-separated,
 * as fetch joins repeated headers): `Digest realm="x", nonce="y", Basic realm="z"` gives two.
 * A name followed by `=` is a parameter of the challenge before it; any other name starts a
 * challenge (token68 forms such as `Negotiate abc==` are not read: no scheme this client
 * answers uses them). Never throws; text it cannot read ends the list.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
  let rest = header;
  let current: { scheme: string; params: Record<string, string> } | undefined;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = token.exec(rest)?.[0];
    if (name === undefined) break;
    rest = rest.slice(name.length);
    const equals = /^\s*=\s*/.exec(rest);
    if (equals === null || current === undefined) {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
      continue;
    }
    rest = rest.slice(equals[0].length);
    let value = '';
    if (rest.startsWith('"')) {
      // quoted-string (RFC 9110 §5.6.4): a backslash escapes the next character.
      let at = 1;
      while (at < rest.length && rest.charAt(at) !== '"') {
        if (rest.charAt(at) === '\\') at += 1;
        value += rest.charAt(at);
        at += 1;
      }
      rest = rest.slice(at + 1);
    } else {
      value = /^[^,\s]*/.exec(rest)?.[0] ?? '';
      rest = rest.slice(value.length);
    }
    current.params[name.toLowerCase()] = value;
  }
  return challenges;
}

/** The algorithms of RFC 7616 §3.3 this client answers (the `-sess` variants included). */
const HASHES: Readonly<Record<string, string>> = {
  md5: 'md5',
  'md5-sess': 'md5',
  'sha-256': 'sha256',
  'sha-256-sess': 'sha256',
};

/** Whether {@link digestAuthorization} can answer this Digest challenge. */
export function canAnswerDigest(challenge: Challenge): boolean {
  const algorithm = (challenge.params.algorithm ?? 'MD5').toLowerCase();
  const qop = challenge.params.qop;
  const qopOk = qop === undefined || qop.split(',').some((each) => each.trim() === 'auth');
  return (
    challenge.scheme === 'digest' &&
    challenge.params.nonce !== undefined &&
    Object.hasOwn(HASHES, algorithm) &&
    qopOk
  );
}

/** What {@link digestAuthorization} answers. */
export interface DigestRequest {
  challenge: Challenge;
  user: string;
  password: string;
  method: string;
  /** The request target: the URL's path and query (RFC 7616 §3.4.6). */
  uri: string;
  /** How many requests this nonce has answered, this one included (1 for the first). */
  nonceCount: number;
  /** The client nonce (random when not given; tests give one). */
  cnonce?: string;
}

/**
 * The `Authorization` header value answering a Digest challenge (RFC 7616 §3.4): with
 * `qop=auth` when the server offers it (§3.4.1), else the RFC 2069 form Virtuoso also accepts.
 * MD5 and SHA-256, with or without `-sess`. Check {@link canAnswerDigest} first.
 */
export function digestAuthorization(request: DigestRequest): string {
  const { params } = request.challenge;
  const algorithmName = params.algorithm ?? 'MD5';
  const algorithm = HASHES[algorithmName.toLowerCase()] ?? 'md5';
  const hash = (text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const cnonce = request.cnonce ?? randomBytes(16).toString('hex');
  const nc = request.nonceCount.toString(16).padStart(8, '0');
  let ha1 = hash(`${request.user}:${realm}:${request.password}`);
  if (algorithmName.toLowerCase().endsWith('-sess')) ha1 = hash(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = hash(`${request.method}:${request.uri}`);
  const withQop = params.qop !== undefined;
  const response = withQop
    ? hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)
    : hash(`${ha1}:${nonce}:${ha2}`);
  const fields = [
    `username=${quote(request.user)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${algorithmName}`,
    `response=${quote(response)}`,
  ];
  if (withQop) fields.push('qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  if (params.opaque !== undefined) fields.push(`opaque=${quote(params.opaque)}`);
  return `Digest ${fields.join(', ')}`;
}

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
