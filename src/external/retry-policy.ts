/**
 * When to try an external URL again, and how long to wait: exponential
 * backoff with jitter, and the waits servers ask for (`Retry-After`,
 * `RateLimit-Reset`, `X-RateLimit-Reset`). Pure: time and randomness are
 * parameters.
 */

/** Response headers as undici gives them. */
export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Statuses worth another try: the server may answer differently later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/**
 * Delay before retry number `attempt` (1 for the first retry): `base * 2^(attempt-1)`,
 * with full jitter over its upper half so that many clients do not retry in step.
 *
 * @param random a number in [0, 1), `Math.random()` in use.
 */
export function backoffDelay(attempt: number, base: number, random: number, max = 30_000): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** First value of a header. */
export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * How long the server asks us to wait, in ms, from `Retry-After` (seconds
 * or an HTTP date), `RateLimit-Reset`/`X-RateLimit-Reset` (seconds, or a
 * Unix time in seconds when larger than a year) when the remaining quota is
 * 0 or the status is 429/503.
 *
 * @returns undefined when the response asks for no wait.
 */
export function requestedWait(status: number, headers: Headers, now: number): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const wait = parseRetryAfter(retryAfter, now);
    if (wait !== undefined) return wait;
  }
  const remaining = header(headers, 'ratelimit-remaining') ?? header(headers, 'x-ratelimit-remaining');
  const exhausted = remaining !== undefined && Number(remaining.trim()) === 0;
  if (!exhausted && status !== 429 && status !== 503) return undefined;
  const reset = header(headers, 'ratelimit-reset') ?? header(headers, 'x-ratelimit-reset');
  if (reset === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(reset)) return undefined;
  const seconds = Number(reset);
  // Values beyond a year are Unix times (GitHub's X-RateLimit-Reset); smaller ones are deltas.
  return seconds > 31_536_000 ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`, in ms from `now`. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
