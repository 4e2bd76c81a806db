/**
 * The outbound check stage: which URLs need a request (exclusions, the
 * cache), the requests themselves (a session), and what the cache keeps of
 * the run.
 */
import path from 'node:path';
import { cachedStatus, freshEntry, loadCache, pruneCache, saveCache, type CacheData } from './cache.js';
import type { FailureKind } from './classify.js';
import { createExclusion } from './exclude.js';
import type { ExternalHost, ExternalOptions } from './external-host.js';
import { createProgress, summaryLine } from './progress.js';
import { createSession } from './session.js';
import type { ExternalChecker, ExternalRequest, ExternalResults, ExternalStatus } from '../engine/external-stage.js';

/** Name of the cache file inside the cache directory. */
export const CACHE_FILE = 'external.json';

/** The warning for `external.grace` set while `external.cache` is off. */
const GRACE_WITHOUT_CACHE =
  '`external.grace` has no effect while `external.cache` is `false`: the failures it counts are kept in the cache, so a broken external link is an error at once';

/** Network failures that say nothing about the link when no host at all answers. */
const NETWORK_DOWN: ReadonlySet<FailureKind> = new Set(['dns', 'refused', 'unreachable', 'timeout']);

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
        statuses.set(item.url, cachedStatus(entry));
        continue;
      }
      pending.push(item);
    }

    // undici is loaded only when links are really checked: loading it is a large part of start-up.
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
