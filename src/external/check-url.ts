/**
 * The check of one outbound URL: its HTTP exchanges, redirects followed,
 * retries, and the status it ends with.
 */
import { classifyError, classifyResponse, type FailureKind } from './classify.js';
import type { ExternalOptions } from './external-host.js';
import type { OriginGates } from './hosts.js';
import { backoffDelay, type Headers } from './retry-policy.js';
import type { ExternalRequest, ExternalStatus } from '../engine/external-stage.js';

/** Network failures that mean the link is dead (given a working network). */
const BROKEN_FAILURES: ReadonlySet<FailureKind> = new Set(['dns', 'refused', 'unreachable', 'tls']);

/** How one URL ended, and the network failure behind it, if any. */
export interface Outcome {
  status: ExternalStatus;
  failure?: FailureKind;
}

/** What one HTTP exchange gave: the answer, or the failure (and whether a HEAD ran out of time). */
export type Answer =
  | { ok: true; status: number; headers: Headers; ids: Set<string> | undefined }
  | { ok: false; failure: ReturnType<typeof classifyError>; headTimedOut: boolean };

/**
 * Check one URL: HEAD (GET when its page's ids are wanted, or when HEAD is
 * refused or hangs), following redirects, retrying what may pass later, and
 * giving up on waits beyond `maxRetryWait`.
 */
export async function checkUrl(item: ExternalRequest, options: ExternalOptions, exchange: (url: URL, method: 'HEAD' | 'GET', wantIds: boolean) => Promise<Answer>, gates: OriginGates): Promise<Outcome> {
  const wantIds = options.checkFragments && item.fragments.length > 0;
  let url: URL;
  try {
    url = new URL(item.url);
  } catch {
    return { status: { state: 'broken', reason: `invalid URL \`${item.url}\`` } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { status: { state: 'excluded', reason: `\`${url.protocol}\` URLs are not checked` } };
  let method: 'HEAD' | 'GET' = wantIds ? 'GET' : 'HEAD';
  const visited = new Set<string>([url.href]);
  let firstRedirect: number | undefined;
  // While every hop so far is permanent, the URL the link should name instead.
  let permanentTarget: string | undefined;
  let permanentRun = true;
  let attempt = 0;
  for (;;) {
    const answer = await exchange(url, method, wantIds);
    if (!answer.ok) {
      const { failure } = answer;
      // Some servers never answer HEAD: GET decides at once, without retrying the HEAD.
      if (answer.headTimedOut) {
        method = 'GET';
        continue;
      }
      if (failure.retryable && attempt < options.retries) {
        await sleep(backoffDelay(++attempt, options.retryDelay, Math.random()));
        continue;
      }
      const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
      // Only failures that say the link is dead are broken; anything unexplained is unverifiable, never a failed build.
      const state = BROKEN_FAILURES.has(failure.kind) ? 'broken' : 'unverifiable';
      return { status: { state, reason: `${failure.reason}${tries}` }, failure: failure.kind };
    }
    const verdict = classifyResponse(method, url.href, answer.status, answer.headers, Date.now());
    switch (verdict.kind) {
      case 'ok': {
        const ids = answer.ids ? { ids: answer.ids } : {};
        if (firstRedirect !== undefined && permanentTarget !== undefined) return { status: { state: 'redirected', status: firstRedirect, location: permanentTarget, ...ids } };
        return { status: { state: 'ok', status: answer.status, ...ids } };
      }
      case 'get':
        method = 'GET';
        continue;
      case 'redirect': {
        if (firstRedirect === undefined) {
          if (verdict.permanent) firstRedirect = answer.status;
          else permanentRun = false;
        }
        if (permanentRun && verdict.permanent) permanentTarget = verdict.location;
        else permanentRun = false;
        if (visited.has(verdict.location)) return { status: { state: 'broken', status: answer.status, reason: `redirect loop at \`${verdict.location}\`` } };
        if (visited.size > options.maxRedirects) return { status: { state: 'broken', status: answer.status, reason: `more than ${options.maxRedirects} redirects` } };
        visited.add(verdict.location);
        const next = new URL(verdict.location);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return { status: { state: 'broken', status: answer.status, reason: `redirect to \`${next.protocol}\` URL \`${verdict.location}\`` } };
        url = next;
        attempt = 0;
        continue;
      }
      case 'retry': {
        // A wait beyond the cap ends this URL at once; its origin is not paused for it, so its other URLs still run.
        if (verdict.wait !== undefined && verdict.wait > options.maxRetryWait) {
          return { status: { state: 'unverifiable', status: answer.status, reason: `${verdict.reason}; the server asks to wait ${Math.ceil(verdict.wait / 1000)} s, more than \`maxRetryWait\`` } };
        }
        if (attempt >= options.retries) {
          const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : '';
          return { status: { state: 'unverifiable', status: answer.status, reason: `${verdict.reason}${tries}` } };
        }
        attempt++;
        if (verdict.wait !== undefined) {
          // The server asked for a pause: hold back every request to its origin, and only to it.
          gates.of(url).pause(Date.now() + verdict.wait);
          await sleep(verdict.wait);
        } else {
          await sleep(backoffDelay(attempt, options.retryDelay, Math.random()));
        }
        continue;
      }
      case 'broken':
        return { status: { state: 'broken', status: answer.status, reason: `${verdict.reason}${via(item.url, url)}` } };
      case 'unverifiable':
        return { status: { state: 'unverifiable', status: answer.status, reason: `${verdict.reason}${via(item.url, url)}` } };
    }
  }
}

/** ` after redirects to \`…\`` when the answer came from another URL than the one linked. */
function via(requested: string, answered: URL): string {
  return answered.href === requested ? '' : ` after redirects to \`${answered.href}\``;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
