import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExternalStatus } from '../engine/external-stage.js';

/**
 * The outbound check's cache between runs: successes (ok, permanent
 * redirects) with the time they were checked, keyed by the URL requested;
 * and the failure history that grace periods count on. Errors are never
 * cached as results.
 */

/** Schema version of the cache file; another version is ignored. */
export const CACHE_VERSION = 1;

/** A cached success. */
export type CacheEntry =
  | { state: 'ok'; status: number; checkedAt: number; ids?: string[] }
  | { state: 'redirected'; status: number; location: string; checkedAt: number; ids?: string[] };

/** How long a URL has been failing. */
export interface FailureHistory {
  /** Consecutive runs in which it failed, this one included once recorded. */
  runs: number;
  /** When it first failed in this streak (ms since epoch). */
  since: number;
}

/** The cache file's content. */
export interface CacheData {
  version: typeof CACHE_VERSION;
  entries: Record<string, CacheEntry>;
  failures: Record<string, FailureHistory>;
}

/** An empty cache. */
export function emptyCache(): CacheData {
  return { version: CACHE_VERSION, entries: {}, failures: {} };
}

/**
 * Read the cache file. A missing file is an empty cache; an unreadable or
 * corrupt one is an empty cache and a warning.
 */
export async function loadCache(file: string): Promise<{ data: CacheData; warning?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: emptyCache() };
    return { data: emptyCache(), warning: `Cannot read the external link cache \`${file}\` (${(error as Error).message}); checking every URL again` };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isCacheData(parsed)) throw new Error(`expected \`{"version": ${CACHE_VERSION}, "entries": {…}, "failures": {…}}\``);
    return { data: parsed };
  } catch (error) {
    return { data: emptyCache(), warning: `The external link cache \`${file}\` is corrupt (${(error as Error).message}); ignoring it and checking every URL again` };
  }
}

/**
 * Write the cache atomically: a temporary file in the same directory, then
 * a rename, so that a crashed or parallel run never leaves half a file.
 *
 * @returns a warning when it cannot be written.
 */
export async function saveCache(file: string, data: CacheData): Promise<string | undefined> {
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, `${JSON.stringify(data)}\n`);
    await rename(temporary, file);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    return `Cannot write the external link cache \`${file}\`: ${(error as Error).message}`;
  }
}

/**
 * The cached success for a URL, if still fresh and sufficient: an entry
 * checked within `ttl` ms, and with the page's ids when fragments are needed.
 */
export function freshEntry(data: CacheData, url: string, now: number, ttl: number, needIds: boolean): CacheEntry | undefined {
  const entry = Object.hasOwn(data.entries, url) ? data.entries[url] : undefined;
  if (!entry || now - entry.checkedAt >= ttl || entry.checkedAt > now) return undefined;
  if (needIds && entry.ids === undefined) return undefined;
  return entry;
}

/** A cached success as the status the rules read, marked as cached. */
export function cachedStatus(entry: CacheEntry): ExternalStatus {
  const ids = entry.ids ? { ids: new Set(entry.ids) } : {};
  return entry.state === 'ok'
    ? { state: 'ok', status: entry.status, cached: true, ...ids }
    : { state: 'redirected', status: entry.status, location: entry.location, cached: true, ...ids };
}

/** Drop entries older than `ttl`, so that the file does not grow forever. */
export function pruneCache(data: CacheData, now: number, ttl: number): void {
  for (const [url, entry] of Object.entries(data.entries)) if (now - entry.checkedAt >= ttl) delete data.entries[url];
}

function isCacheData(value: unknown): value is CacheData {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record['version'] !== CACHE_VERSION) return false;
  const { entries, failures } = record;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return false;
  if (typeof failures !== 'object' || failures === null || Array.isArray(failures)) return false;
  for (const entry of Object.values(entries)) {
    if (typeof entry !== 'object' || entry === null) return false;
    const { state, status, checkedAt } = entry as Record<string, unknown>;
    if ((state !== 'ok' && state !== 'redirected') || typeof status !== 'number' || typeof checkedAt !== 'number') return false;
  }
  for (const history of Object.values(failures)) {
    if (typeof history !== 'object' || history === null) return false;
    const { runs, since } = history as Record<string, unknown>;
    if (typeof runs !== 'number' || typeof since !== 'number') return false;
  }
  return true;
}
