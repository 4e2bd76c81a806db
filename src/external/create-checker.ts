import type { LookupFunction as NodeLookup } from 'node:net';
import path from 'node:path';
import type { Dispatcher, Pool as UndiciPool } from 'undici';
import type { ResolvedOptions } from '../options.js';
import { VERSION } from '../version.js';
import { freshEntry, loadCache, pruneCache, saveCache, type CacheData } from './cache.js';
import { classifyError, classifyResponse, type FailureKind } from './classify.js';
import { decodeHtml } from './decode-html.js';
import { createExclusion } from './exclude.js';
import { OriginGate, Semaphore } from './gate.js';
import { collectIds } from './html-ids.js';
import { createProgress, summaryLine, type ExternalLogger } from './progress.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { backoffDelay, header, isRetryableStatus, requestedWait, type Headers } from './retry-policy.js';
import type { ExternalChecker, ExternalRequest, ExternalResults, ExternalStatus } from '../engine/external-stage.js';

/** The validated `external` options. */
export type ExternalOptions = ResolvedOptions['external'];

/**
 * Name resolution in the shape of `node:dns`'s `lookup`, as connections take
 * it; declared here so that the package's types need no `@types/node`.
 */
export type LookupFunction = (
  hostname: string,
  options: object,
  callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void,
) => void;

/** What the host gives the outbound check besides options. */
export interface ExternalHost {
  /** Project root: the default cache lives in its `node_modules/.cache/linkgraph`. Default `process.cwd()`. */
  cwd?: string | undefined;
  /** The host's cache directory (Astro's `cacheDir`), used when `external.cache.dir` is not set. */
  cacheDir?: string | undefined;
  /** Environment: `LINKGRAPH_OFFLINE`, and `${NAME}` in header values. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Progress, warnings and the closing line. Default: silent. */
  log?: ExternalLogger | undefined;
  /** Least time between two progress events, in ms. Default 1000. */
  progressEvery?: number | undefined;
  /** Name resolution for connections (tests map names to loopback). Default: the system's. */
  lookup?: LookupFunction | undefined;
}

/** Name of the cache file inside the cache directory. */
export const CACHE_FILE = 'external.json';

/** The warning for `external.grace` set while `external.cache` is off. */
const GRACE_WITHOUT_CACHE =
  '`external.grace` has no effect while `external.cache` is `false`: the failures it counts are kept in the cache, so a broken external link is an error at once';

/** Network failures that say nothing about the link when no host at all answers. */
const NETWORK_DOWN: ReadonlySet<FailureKind> = new Set(['dns', 'refused', 'unreachable', 'timeout']);

/** Network failures that mean the link is dead (given a working network). */
const BROKEN_FAILURES: ReadonlySet<FailureKind> = new Set(['dns', 'refused', 'unreachable', 'tls']);

/** Whether the environment asks for offline mode (`LINKGRAPH_OFFLINE=1`, `true` or `yes`). */
export function offlineFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(1|true|yes|on)$/i.test(env['LINKGRAPH_OFFLINE']?.trim() ?? '');
}

/** Where the cache file of a run lives. */
export function cacheFileOf(options: ExternalOptions, host: ExternalHost): string | undefined {
  if (options.cache === false) return undefined;
  const cwd = host.cwd ?? process.cwd();
  const dir = options.cache.dir === undefined ? (host.cacheDir ?? path.join(cwd, 'node_modules', '.cache', 'linkgraph')) : path.resolve(cwd, options.cache.dir);
  return path.join(dir, CACHE_FILE);
}

/**
 * Make the outbound check stage: each URL requested once over HTTP with
 * undici, within the global and per-origin limits, HEAD first, with retries,
 * redirects classified, fragments verified, successes cached.
 *
 * @param options the validated `external` options.
 * @param host where the cache lives, the environment and the logger.
 */
export function createExternalChecker(options: ExternalOptions, host: ExternalHost = {}): ExternalChecker {
  return async (requests) => {
    const started = Date.now();
    const env = host.env ?? process.env;
    const log = host.log;
    const warnings: string[] = [];
    const warn = (message: string): void => {
      warnings.push(message);
      log?.({ kind: 'warning', message });
    };
    // A setting that cannot work is worth a word even on a run that makes no request.
    if (options.cache === false && (options.grace.runs > 0 || options.grace.days > 0)) warn(GRACE_WITHOUT_CACHE);
    if (options.offline || offlineFromEnv(env)) {
      log?.({ kind: 'summary', message: `external links: ${requests.length} URL${requests.length === 1 ? '' : 's'} not checked (offline mode)` });
      return { checked: false, reason: 'offline mode', statuses: new Map(), ...(warnings.length > 0 ? { warnings } : {}) };
    }
    const statuses = new Map<string, ExternalStatus>();
    const excluded = createExclusion({ patterns: options.exclude, reserved: options.excludeReserved, privateNetworks: options.excludePrivate });

    const cacheFile = cacheFileOf(options, host);
    let cache: CacheData | undefined;
    if (cacheFile) {
      const loaded = await loadCache(cacheFile);
      if (loaded.warning) warn(loaded.warning);
      cache = loaded.data;
    }
    const ttl = options.cache === false ? 0 : options.cache.ttl;

    const pending: ExternalRequest[] = [];
    for (const item of requests) {
      const reason = excluded(item.url);
      if (reason !== undefined) {
        statuses.set(item.url, { state: 'excluded', reason });
        continue;
      }
      const needIds = options.checkFragments && item.fragments.length > 0;
      const entry = cache && freshEntry(cache, item.url, started, ttl, needIds);
      if (entry) {
        const ids = entry.ids ? { ids: new Set(entry.ids) } : {};
        statuses.set(item.url, entry.state === 'ok' ? { state: 'ok', status: entry.status, cached: true, ...ids } : { state: 'redirected', status: entry.status, location: entry.location, cached: true, ...ids });
        continue;
      }
      pending.push(item);
    }

    // undici is loaded only when links are really checked: it is an eighth of a second of every start-up.
    const session = createSession(options, host, env, warn, await import('undici'));
    const failures = new Map<string, FailureKind>();
    const progress = createProgress(pending.length, log, host.progressEvery ?? 1000, Date.now);
    let done = 0;
    try {
      await Promise.all(
        pending.map(async (item) => {
          const outcome = await session.check(item);
          statuses.set(item.url, outcome.status);
          if (outcome.failure) failures.set(item.url, outcome.failure);
          progress(++done);
        }),
      );
    } finally {
      await session.close();
    }

    // With no answer from any host, the network is missing, not the links.
    if (pending.length > 0 && !session.connected() && [...failures.values()].every((kind) => NETWORK_DOWN.has(kind)) && failures.size === pending.length) {
      warn(`External links were not checked: no network (none of ${session.hostCount()} host${session.hostCount() === 1 ? '' : 's'} could be resolved or reached); internal results are complete`);
      log?.({ kind: 'summary', message: `external links: not checked, no network (${((Date.now() - started) / 1000).toFixed(1)} s)` });
      return { checked: false, reason: 'no network', statuses: new Map(), warnings };
    }

    if (cache && cacheFile) {
      const now = Date.now();
      recordRun(cache, statuses, options.grace, now);
      pruneCache(cache, now, ttl);
      const problem = await saveCache(cacheFile, cache);
      if (problem) warn(problem);
    }
    log?.({ kind: 'summary', message: summaryLine(statuses.values(), Date.now() - started) });
    // Answers arrive in any order; results keep the order of the requests.
    const ordered = new Map(requests.flatMap((item) => (statuses.has(item.url) ? [[item.url, statuses.get(item.url)!] as const] : [])));
    const results: ExternalResults = { checked: true, statuses: ordered };
    return warnings.length > 0 ? { ...results, warnings } : results;
  };
}

/** Store successes, and count failures for the grace period (marking those still within it). */
function recordRun(cache: CacheData, statuses: Map<string, ExternalStatus>, grace: ExternalOptions['grace'], now: number): void {
  for (const [url, status] of statuses) {
    if (status.state === 'ok' || status.state === 'redirected') {
      delete cache.failures[url];
      if (status.cached) continue;
      const ids = status.ids ? { ids: [...status.ids] } : {};
      cache.entries[url] =
        status.state === 'ok'
          ? { state: 'ok', status: status.status, checkedAt: now, ...ids }
          : { state: 'redirected', status: status.status, location: status.location, checkedAt: now, ...ids };
    } else if (status.state === 'broken') {
      delete cache.entries[url];
      const history = cache.failures[url] ?? { runs: 0, since: now };
      history.runs++;
      cache.failures[url] = history;
      if (grace.runs === 0 && grace.days === 0) continue;
      const byRuns = grace.runs > 0 && history.runs >= grace.runs;
      const byDays = grace.days > 0 && now - history.since >= grace.days * 86_400_000;
      if (!byRuns && !byDays) statuses.set(url, { ...status, pending: { runs: history.runs, since: new Date(history.since).toISOString() } });
    }
  }
}

/** How one URL ended, and the network failure behind it, if any. */
interface Outcome {
  status: ExternalStatus;
  failure?: FailureKind;
}

/** Per-host settings (`hosts`), by exact name or `*.domain`. */
function hostSettings(options: ExternalOptions, hostname: string): ExternalOptions['hosts'][string] | undefined {
  const exact = options.hosts[hostname];
  if (exact) return exact;
  for (const [pattern, value] of Object.entries(options.hosts)) {
    if (pattern.startsWith('*.') && hostname.endsWith(pattern.slice(1))) return value;
  }
  return undefined;
}

/**
 * The limits of a run, per origin: another port or scheme of one host is
 * another server, with its own quota.
 */
class OriginGates {
  readonly #options: ExternalOptions;
  readonly #gates = new Map<string, OriginGate>();
  /** Pause that used-up quotas on successes have imposed on each origin so far, in ms. */
  readonly #quotaPauses = new Map<string, number>();

  constructor(options: ExternalOptions) {
    this.#options = options;
  }

  /** The gate of a URL's origin, made on first use with the host's own settings. */
  of(url: URL): OriginGate {
    let gate = this.#gates.get(url.origin);
    if (!gate) {
      const own = hostSettings(this.#options, url.hostname);
      gate = new OriginGate(own?.concurrency ?? this.#options.perHost, own?.interval ?? this.#options.interval);
      this.#gates.set(url.origin, gate);
    }
    return gate;
  }

  /**
   * A success that says the quota is used up holds back later requests to its
   * origin until the reset, within `maxRetryWait` over the whole run. A reset
   * further away is not waited for: waiting would not help, and the next
   * answer (a 429 or 403 asking for that wait) ends its URL at once.
   */
  holdBack(url: URL, wait: number): void {
    const { maxRetryWait } = this.#options;
    if (wait > maxRetryWait) return;
    const spent = this.#quotaPauses.get(url.origin) ?? 0;
    const allowed = Math.min(wait, maxRetryWait - spent);
    if (allowed > 0) this.#quotaPauses.set(url.origin, spent + this.of(url).pause(Date.now() + allowed));
  }

  /** Distinct host names met so far. */
  hostCount(): number {
    return new Set([...this.#gates.keys()].map((origin) => new URL(origin).hostname)).size;
  }
}

/**
 * The request headers of each host: the common ones, then `headers` and the
 * host's own, with `${NAME}` taken from the environment. A header whose
 * variable is not set is left out, with one warning per variable.
 */
class HostHeaders {
  readonly #options: ExternalOptions;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #warn: (message: string) => void;
  readonly #cache = new Map<string, Record<string, string>>();
  readonly #missing = new Set<string>();

  constructor(options: ExternalOptions, env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void) {
    this.#options = options;
    this.#env = env;
    this.#warn = warn;
  }

  of(hostname: string): Record<string, string> {
    const known = this.#cache.get(hostname);
    if (known) return known;
    const merged: Record<string, string> = { 'user-agent': this.#options.userAgent ?? `linkgraph/${VERSION}`, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const [name, value] of Object.entries({ ...this.#options.headers, ...hostSettings(this.#options, hostname)?.headers })) {
      let missing: string | undefined;
      const expanded = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
        const found = this.#env[variable];
        if (found === undefined || found === '') missing = variable;
        return found ?? '';
      });
      if (missing === undefined) merged[name.toLowerCase()] = expanded;
      else if (!this.#missing.has(missing)) {
        // Without the token the request still goes out, as an anonymous one.
        this.#missing.add(missing);
        this.#warn(`Header \`${name}\` for \`${hostname}\` not sent: environment variable \`${missing}\` is not set`);
      }
    }
    this.#cache.set(hostname, merged);
    return merged;
  }
}

/** The HTTP side of a run: the agent, the gates, and the check of one URL. */
function createSession(options: ExternalOptions, host: ExternalHost, env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void, undici: typeof import('undici')) {
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

/** What one HTTP exchange gave: the answer, or the failure (and whether a HEAD ran out of time). */
type Answer =
  | { ok: true; status: number; headers: Headers; ids: Set<string> | undefined }
  | { ok: false; failure: ReturnType<typeof classifyError>; headTimedOut: boolean };

/**
 * Check one URL: HEAD (GET when its page's ids are wanted, or when HEAD is
 * refused or hangs), following redirects, retrying what may pass later, and
 * giving up on waits beyond `maxRetryWait`.
 */
async function checkUrl(item: ExternalRequest, options: ExternalOptions, exchange: (url: URL, method: 'HEAD' | 'GET', wantIds: boolean) => Promise<Answer>, gates: OriginGates): Promise<Outcome> {
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
