import { header, isRetryableStatus, requestedWait, type Headers } from './retry-policy.js';

/**
 * What one HTTP answer or one network error means for the link check. Pure:
 * the checker feeds it responses and errors and acts on the verdict.
 */

/** What to do after one response. */
export type Verdict =
  | { kind: 'ok' }
  | { kind: 'redirect'; location: string; permanent: boolean }
  /** HEAD refused or not trusted: ask again with GET. */
  | { kind: 'get' }
  /** Try again later; `wait` is what the server asked for, in ms. */
  | { kind: 'retry'; wait?: number; reason: string; unverifiable: boolean }
  | { kind: 'broken'; reason: string }
  | { kind: 'unverifiable'; reason: string };

/** Statuses some servers give to HEAD only; GET decides. */
const HEAD_REFUSED = new Set([400, 403, 404, 405, 406, 501]);
/** Redirects a link should be updated for. */
const PERMANENT = new Set([301, 308]);

/**
 * Verdict on one response.
 *
 * @param url the URL requested, to resolve a relative `Location`.
 * @param now current time in ms, for `Retry-After` dates.
 */
export function classifyResponse(method: 'HEAD' | 'GET', url: string, status: number, headers: Headers, now: number): Verdict {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 304) return { kind: 'ok' };
  if (status >= 300 && status < 400) {
    const location = header(headers, 'location');
    if (location === undefined || location.trim() === '') return { kind: 'broken', reason: `redirect (${status}) without a \`Location\`` };
    let resolved: string;
    try {
      resolved = new URL(location.trim(), url).href;
    } catch {
      return { kind: 'broken', reason: `redirect (${status}) to an invalid URL \`${location}\`` };
    }
    return { kind: 'redirect', location: resolved, permanent: PERMANENT.has(status) };
  }
  // Bot protection says nothing about the page; GET would be blocked the same way.
  if (status === 403 && header(headers, 'cf-mitigated') !== undefined) return { kind: 'unverifiable', reason: 'blocked by bot protection (403 with `cf-mitigated`)' };
  if (status === 999) return { kind: 'unverifiable', reason: 'blocked by bot protection (status 999)' };
  // GitHub answers an exhausted quota with 403 and rate-limit headers: a wait, not a refusal.
  if (status === 403) {
    const wait = requestedWait(status, headers, now);
    if (wait !== undefined) return { kind: 'retry', wait, reason: 'rate limited (403)', unverifiable: true };
  }
  if (method === 'HEAD' && HEAD_REFUSED.has(status)) return { kind: 'get' };
  if (isRetryableStatus(status)) {
    const wait = requestedWait(status, headers, now);
    const reason = status === 429 ? 'rate limited (429)' : status === 408 ? 'request timeout (408)' : `server error (${status})`;
    return wait === undefined ? { kind: 'retry', reason, unverifiable: true } : { kind: 'retry', wait, reason, unverifiable: true };
  }
  if (status === 401 || status === 403 || status === 407 || status === 451) return { kind: 'unverifiable', reason: `access denied (${status})` };
  return { kind: 'broken', reason: status === 404 ? 'not found (404)' : status === 410 ? 'gone (410)' : `status ${status}` };
}

/** What a network-level failure was. */
export type FailureKind = 'dns' | 'refused' | 'unreachable' | 'tls' | 'timeout' | 'reset' | 'other';

/** A network error, classified. */
export interface Failure {
  kind: FailureKind;
  /** Human-readable, with the error code. */
  reason: string;
  /** Worth another try. */
  retryable: boolean;
  /** The host was reached (TLS handshake, reset, slow answer): the network works. */
  reached: boolean;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/i;

/** Classify an error thrown by the HTTP client (undici or node:net/tls). */
export function classifyError(error: unknown): Failure {
  const { code, message } = errorCode(error);
  const label = code ? `${message} (${code})` : message;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return { kind: 'dns', reason: `host name does not resolve (${code})`, retryable: false, reached: false };
    case 'EAI_AGAIN':
      return { kind: 'dns', reason: `host name lookup failed (${code})`, retryable: true, reached: false };
    case 'ECONNREFUSED':
      return { kind: 'refused', reason: 'connection refused (ECONNREFUSED)', retryable: false, reached: false };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return { kind: 'unreachable', reason: `network unreachable (${code})`, retryable: false, reached: false };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'timeout', reason: 'connect timeout', retryable: true, reached: false };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { kind: 'timeout', reason: 'no response headers in time', retryable: true, reached: true };
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', reason: 'request timeout', retryable: true, reached: true };
    case 'ETIMEDOUT':
    case 'TimeoutError':
      return { kind: 'timeout', reason: 'request timeout', retryable: true, reached: false };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { kind: 'reset', reason: 'connection reset', retryable: true, reached: true };
    default:
      if (code && TLS_CODE.test(code)) return { kind: 'tls', reason: `TLS failure: ${label}`, retryable: false, reached: true };
      return { kind: 'other', reason: label, retryable: false, reached: false };
  }
}

/** The most specific code of an error or its causes. */
function errorCode(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  let first: { code: string | undefined; message: string } | undefined;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const raw = (current as Error & { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw : current.name === 'TimeoutError' ? 'TimeoutError' : undefined;
    first ??= { code, message: current.message };
    // The root cause names the system error (ECONNREFUSED) where the wrapper is generic.
    if (code && code !== 'UND_ERR_ABORTED' && code !== 'ABORT_ERR') return { code, message: current.message };
    current = current.cause;
  }
  return first ?? { code: undefined, message: String(error) };
}
