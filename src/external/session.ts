/**
 * The HTTP side of an outbound run: the undici agent with a pool per
 * origin, the global and per-origin gates, and one exchange at a time
 * within them.
 */
import type { LookupFunction as NodeLookup } from 'node:net';
import type { Dispatcher, Pool as UndiciPool } from 'undici';
import { checkUrl, type Outcome } from './check-url.js';
import { classifyError } from './classify.js';
import type { ExternalHost, ExternalOptions } from './external-host.js';
import { decodeHtml } from './decode-html.js';
import { Semaphore } from './gate.js';
import { hostSettings, HostHeaders, OriginGates } from './hosts.js';
import { collectIds } from './html-ids.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { header, isRetryableStatus, requestedWait } from './retry-policy.js';
import type { ExternalRequest } from '../engine/external-stage.js';

/** The HTTP side of a run: the agent, the gates, and the check of one URL. */
export function createSession(options: ExternalOptions, host: ExternalHost, env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void, undici: typeof import('undici')) {
  const global = new Semaphore(options.concurrency);
  const gates = new OriginGates(options);
  const headers = new HostHeaders(options, env, warn);
  const settings = (hostname: string): ExternalOptions['hosts'][string] | undefined => hostSettings(options, hostname);
  const connect = { timeout: options.timeouts.connect, ...(host.lookup ? { lookup: host.lookup as NodeLookup } : {}) };
  const { Agent, Pool, request } = undici;
  const agent = new Agent({
    factory: (origin: string | URL, poolOptions: object): Dispatcher => {
      const hostname = new URL(String(origin)).hostname;
      return new Pool(origin, { ...(poolOptions as UndiciPool.Options), connections: settings(hostname)?.concurrency ?? options.perHost });
    },
    connect,
    headersTimeout: options.timeouts.headers,
    bodyTimeout: options.timeouts.request,
    keepAliveTimeout: 4000,
  });
  let connected = false;
  // A HEAD has no body, so its whole budget is for the headers: a third of theirs, so that a GET after a hung HEAD
  // still ends well within the request timeout; at least a second, so that a slow but working HEAD is not cut.
  const headersBudget = Math.min(options.timeouts.headers, options.timeouts.request);
  const headTimeout = Math.min(headersBudget, Math.max(1000, Math.round(headersBudget / 3)));

  /** One HTTP exchange, within the gates; the body is read only as far as needed. */
  const exchange = async (url: URL, method: 'HEAD' | 'GET', wantIds: boolean) => {
    const gate = gates.of(url);
    await gate.acquire();
    await global.acquire();
    const signal = AbortSignal.timeout(method === 'HEAD' ? headTimeout : options.timeouts.request);
    try {
      const response = await request(url, {
        dispatcher: agent,
        method,
        // A page read whole may come compressed, as browsers get it; a header of the user's own wins.
        headers: wantIds ? { 'accept-encoding': ACCEPT_ENCODING, ...headers.of(url.hostname) } : headers.of(url.hostname),
        signal,
      });
      connected = true;
      // Refusals (429, 5xx, GitHub's 403) wait in the retry loop; any other answer only holds back later requests.
      if (!isRetryableStatus(response.statusCode) && response.statusCode !== 403) {
        const wait = requestedWait(response.statusCode, response.headers, Date.now());
        if (wait !== undefined && wait > 0) gates.holdBack(url, wait);
      }
      let ids: Set<string> | undefined;
      const type = header(response.headers, 'content-type') ?? '';
      if (wantIds && response.statusCode >= 200 && response.statusCode < 300 && /html/i.test(type)) {
        const coding = response.headers['content-encoding'];
        const bytes = await readBody(response.body, Array.isArray(coding) ? coding.join(',') : coding, options.maxBodySize);
        ids = bytes && collectIds(decodeHtml(bytes, type));
      } else {
        // Small bodies are drained so that the connection is reused; large ones are cut.
        await response.body.dump({ limit: 64 * 1024 }).catch(() => {});
      }
      return { ok: true as const, status: response.statusCode, headers: response.headers, ids };
    } catch (error) {
      const failure = classifyError(error);
      if (failure.reached) connected = true;
      return { ok: false as const, failure, headTimedOut: method === 'HEAD' && signal.aborted };
    } finally {
      global.release();
      gate.release();
    }
  };

  return {
    check: (item: ExternalRequest): Promise<Outcome> => checkUrl(item, options, exchange, gates),
    connected: () => connected,
    hostCount: () => gates.hostCount(),
    close: () => agent.close(),
  };
}
