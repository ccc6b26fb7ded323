// HTTP requests to a store with its credentials: basic (RFC 7617), digest (RFC 7616) and bearer
// (RFC 6750), every failure a located diagnostic rather than an exception.
import type { FetchResponse } from '../http/fetch-response.js';
import {
  Agent,
  fetch as undiciFetch,
  type Dispatcher,
  type RequestInit as UndiciRequestInit,
} from 'undici';
import type { Code } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { StoreCredentials } from './credentials.js';
import { canAnswerDigest, digestAuthorization, parseChallenges, type Challenge } from './digest.js';

/** One request to a store. */
export interface StoreRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: URL;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

/** A store's answer (any 2xx), or why there is none. */
export type StoreReply =
  | { ok: true; status: number; contentType: string; text: string }
  | {
      ok: false;
      status?: number;
      diagnostic: Diagnostic;
      /**
       * The request may have reached the store and be applied yet: it timed out, was
       * interrupted or lost its connection after it was sent. False for an error status and for
       * a store that could not be reached at all.
       */
      mayHaveApplied: boolean;
    };

/** Sends requests to one store, answering its authentication challenges. */
export interface StoreClient {
  /**
   * Never rejects: an unreachable store, a refusal or an error status is a diagnostic.
   * `timeoutMs` overrides the client's time limit for this request.
   */
  send(request: StoreRequest, options?: { timeoutMs?: number }): Promise<StoreReply>;
}

/** Options for {@link createStoreClient}. */
export interface StoreClientOptions {
  /** How long one request may take before it counts as unreachable (default 60 s). */
  timeoutMs?: number;
  /** Aborts every request (Ctrl-C). */
  signal?: AbortSignal;
}

/** Bodies larger than this wait for the store's challenge (a HEAD) before they are sent. */
const PROBE_BODY_CHARS = 64 * 1024;

/** How much of an error body a diagnostic quotes. */
const QUOTED_BODY_CHARS = 300;

/**
 * Sends one request to a store as `fetch` does (rejecting when there is no answer), with the
 * store's credentials and the body bounded by `signal`; the answer's body is left unread.
 */
export type AuthorizedFetch = (
  request: StoreRequest,
  signal: AbortSignal,
) => Promise<FetchResponse>;

/**
 * The transport of every store request: undici's own timers off, so the request's `signal`
 * (the client's time limit, ten minutes for the swap) is its only bound. fetch's default
 * dispatcher ends any request whose headers take 300 s (`UND_ERR_HEADERS_TIMEOUT`), which cut
 * the 100,000-people MOVE while Virtuoso was still writing it. Made on first use.
 */
function untimedDispatcher(): Dispatcher {
  return (untimed ??= new Agent({ headersTimeout: 0, bodyTimeout: 0 }));
}
let untimed: Dispatcher | undefined;

/**
 * `fetch` with a store's credentials. A bearer token is sent with every request. A user and
 * password are sent once the store asks (401 with `WWW-Authenticate`), Digest preferred over
 * Basic, so a password never travels in clear to a store that did not ask for Basic; the Digest
 * challenge is then reused (nonce count rising) so later requests, chunks included, are sent
 * once, and a stale nonce (RFC 7616 §3.3 `stale=true`, or any new 401) is answered once more.
 * Redirects are refused: credentials are for this store only.
 */
export function createAuthorizedFetch(credentials: StoreCredentials): AuthorizedFetch {
  let digest: { challenge: Challenge; count: number } | undefined;
  let basic = false;

  const authorization = (request: StoreRequest): string | undefined => {
    if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
    if (credentials.kind !== 'password') return undefined;
    if (digest !== undefined) {
      digest.count += 1;
      return digestAuthorization({
        challenge: digest.challenge,
        user: credentials.user,
        password: credentials.password,
        method: request.method,
        uri: `${request.url.pathname}${request.url.search}`,
        nonceCount: digest.count,
      });
    }
    if (basic)
      return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    return undefined;
  };

  const attempt = async (request: StoreRequest, signal: AbortSignal) => {
    const header = authorization(request);
    // undici's own fetch, so its Agent is of the same undici as the fetch that uses it.
    const init: UndiciRequestInit = {
      method: request.method,
      headers: { ...request.headers, ...(header === undefined ? {} : { Authorization: header }) },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
      dispatcher: untimedDispatcher(),
    };
    return undiciFetch(request.url, init);
  };

  /** Takes the challenge of a 401: Digest when it can answer it, else Basic if offered. */
  const learn = (response: FetchResponse): void => {
    const challenges = parseChallenges(response.headers.get('www-authenticate') ?? '');
    const offered = challenges.find(canAnswerDigest);
    if (offered !== undefined) digest = { challenge: offered, count: 0 };
    else if (challenges.some((each) => each.scheme === 'basic')) basic = true;
  };

  return async (request, signal) => {
    if (
      credentials.kind === 'password' &&
      digest === undefined &&
      !basic &&
      (request.body?.length ?? 0) > PROBE_BODY_CHARS
    ) {
      // A store refuses a request without credentials before reading its body, and
      // Virtuoso closes the connection then: a client still sending megabytes gets a reset.
      // A HEAD (GSP §5.5) costs nothing and brings the challenge.
      const probe = await attempt({ method: 'HEAD', url: request.url }, signal);
      if (probe.status === 401) learn(probe);
      await probe.arrayBuffer();
    }
    let response = await attempt(request, signal);
    if (response.status === 401 && credentials.kind === 'password') {
      const previous = { digest, basic };
      learn(response);
      // Retry once, if the answer changed anything: a new challenge, or Basic now allowed.
      if (digest !== previous.digest || (basic && !previous.basic)) {
        await response.arrayBuffer();
        response = await attempt(request, signal);
      }
    }
    return response;
  };
}

/**
 * A client for one store: {@link createAuthorizedFetch}, each request bounded by the client's
 * time limit, its answer read whole and every failure a diagnostic.
 */
export function createStoreClient(
  credentials: StoreCredentials,
  options: StoreClientOptions = {},
): StoreClient {
  const defaultTimeoutMs = options.timeoutMs ?? 60_000;
  const authorizedFetch = createAuthorizedFetch(credentials);

  return {
    async send(request, { timeoutMs = defaultTimeoutMs } = {}) {
      const where = `${request.method} ${request.url.href}`;
      try {
        const signals = [AbortSignal.timeout(timeoutMs)];
        if (options.signal) signals.push(options.signal);
        const response = await authorizedFetch(request, AbortSignal.any(signals));
        const text = await response.text();
        if (response.ok)
          return {
            ok: true,
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            text,
          };
        return {
          ok: false,
          status: response.status,
          diagnostic: refusal(where, response, text),
          mayHaveApplied: false,
        };
      } catch (error) {
        return {
          ok: false,
          diagnostic: unreachable(where, error, options.signal, timeoutMs),
          mayHaveApplied: !NOT_SENT.has(errorCode(error) ?? ''),
        };
      }
    },
  };

  function refusal(where: string, response: FetchResponse, text: string): Diagnostic {
    const status = `${String(response.status)} ${response.statusText}`.trim();
    const quoted = text.trim().replace(/\s+/g, ' ').slice(0, QUOTED_BODY_CHARS);
    const answer = quoted === '' ? '' : `: ${quoted}`;
    if (response.status === 401 || response.status === 403) {
      return storeDiagnostic(
        'store/unauthorized',
        `${where} was refused with ${status}${answer}`,
        credentials.kind === 'none'
          ? 'no credentials were found: add a "machine HOST login USER password PASS" line to ~/.netrc (or the file NETRC names), or set PROFILE_GRAPH_STORE_USER and PROFILE_GRAPH_STORE_PASSWORD (or PROFILE_GRAPH_STORE_TOKEN)'
          : `the credentials from ${credentials.source} were refused`,
      );
    }
    return storeDiagnostic(
      'store/rejected',
      `${where} answered ${status}${answer}`,
      KNOWN_REFUSALS.find((known) => known.pattern.test(text))?.hint,
    );
  }
}

/**
 * Refusals whose cause a store's own words name, with the setting that lifts them: its default
 * configuration, not the data, is then what stands in the way.
 */
const KNOWN_REFUSALS: readonly { pattern: RegExp; hint: string }[] = [
  {
    // Replacing a graph is one transaction (see `pushGraph`): Virtuoso's default bound on
    // what one transaction may write stopped the MOVE of 2 million triples (the push bench).
    pattern: /\bSR325\b|log after image size/,
    hint: 'the store could not write the graph in one transaction (Virtuoso: raise TransactionAfterImageLimit, in bytes, in the [Parameters] section of virtuoso.ini)',
  },
  {
    // With that raised, the same MOVE ran past Virtuoso's [SPARQL] MaxQueryExecutionTime (60 s
    // in Debian's file), which bounds updates sent to /sparql-auth as well as queries.
    pattern: /\bSR171\b/,
    hint: 'the store stopped the update when it ran out of time (Virtuoso: raise MaxQueryExecutionTime, in seconds, or set it to 0, in the [SPARQL] section of virtuoso.ini; it bounds updates sent to /sparql-auth too)',
  },
];

function unreachable(
  where: string,
  error: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Diagnostic {
  if (signal?.aborted) return storeDiagnostic('store/unreachable', `${where} was interrupted.`);
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return storeDiagnostic(
      'store/unreachable',
      `${where} got no answer in ${String(timeoutMs / 1000)} s.`,
    );
  const cause = (error as { cause?: { message?: string } }).cause;
  const reason = errorCode(error) ?? cause?.message ?? (error as Error).message;
  return storeDiagnostic('store/unreachable', `${where} failed: ${reason}.`);
}

/** Connection errors that mean the request never reached a store. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code fetch wraps in its `cause` (`ECONNREFUSED`), if any. */
function errorCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } }).cause?.code;
}

/** A store diagnostic (errors; the message names the request). */
export function storeDiagnostic(code: Code, message: string, hint?: string): Diagnostic {
  return {
    code,
    severity: 'error',
    message: message.endsWith('.') ? message : `${message}.`,
    ...(hint === undefined ? {} : { hint }),
  };
}
