import { stat } from 'node:fs/promises';
import type { Baseline } from '../engine/baseline.js';
import { check } from '../engine/check.js';
import type { ExternalChecker, ExternalStatus } from '../engine/external-stage.js';
import { freshEntry, loadCache, cachedStatus } from '../external/cache.js';
import { cacheFileOf } from '../external/create-checker.js';
import { Semaphore } from '../external/gate.js';
import { readBaseline } from '../node/baseline-file.js';
import type { ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import type { Result } from '../types.js';
import { collectDevPage, devSite, probePaths, requestPathOf, targetRecord, type PageFormat, type Probe } from './dev-site.js';
import { devFindings } from './dev-findings.js';
import type { DevFinding } from './toolbar-protocol.js';

/** Why the dev check holds one page: the rules that need the whole site do not run. */
const PARTIAL = 'the dev toolbar checks one page at a time';

/** Redirects to the same path with or without its trailing slash, followed before a path counts as a redirect. */
const SLASH_HOPS = 2;

/** Times a check runs again after a suggested page the dev server was not asked about turned out to be gone. */
const SUGGESTION_PASSES = 2;

/** What the dev server answered one GET, redirects not followed. */
export interface DevResponse {
  status: number;
  /** `content-type`, lower case, `''` when none. */
  contentType: string;
  /** `location`, as a path when it is on the dev server itself. */
  location?: string;
  /** The body, read only for HTML. */
  body?: string;
}

/** What {@link createDevCheck} needs of its host. */
export interface DevCheckHost {
  /** GET a path (with base and query) from the dev server. */
  request(path: string): Promise<DevResponse>;
  /** The options of this check: the user's, merged with what Astro's config says. */
  options(): ResolvedOptions;
  /** Astro's `build.format`. */
  format: PageFormat;
  /** Project root: `baseline` and the outbound cache are relative to it. */
  root: string;
  /** Astro's `cacheDir`, for the outbound check's cache of the last build. */
  cacheDir: string;
  /** Requests to the dev server in flight at once. Default 4. */
  concurrency?: number | undefined;
  /**
   * Public URLs of pages the site is known to have (static routes, the
   * last build's pages), among which "did you mean" suggestions are
   * looked for. Default none.
   */
  knownPages?: (() => Promise<Iterable<string>>) | undefined;
}

/** The outcome of checking one page. */
export type DevPageCheck =
  | { state: 'checked'; status: number; findings: DevFinding[]; notes: string[]; took: number }
  | { state: 'failed'; reason: string };

/** The dev check: one page at a time, answers about linked paths kept until a source file changes. */
export interface DevCheck {
  /**
   * Check the page at `path` (`pathname` and `search`): its HTML from the
   * dev server, each internal path it links to asked once, then the rules
   * that judge one page.
   */
  checkPage(path: string): Promise<DevPageCheck>;
  /** Forget every answer: a source file changed, so any page may have. */
  invalidate(): void;
}

/**
 * The host around the core for `astro dev`: the same collector, site
 * model, rules and engine as a build, on a site made of the page and what
 * the dev server answers for its links (see `dev-site.ts`). Outbound links
 * are never requested; with `external` on, the last build's cached
 * results are used.
 */
export function createDevCheck(host: DevCheckHost): DevCheck {
  const gate = new Semaphore(host.concurrency ?? 4);
  const limited = async <T>(task: () => Promise<T>): Promise<T> => {
    await gate.acquire();
    try {
      return await task();
    } finally {
      gate.release();
    }
  };
  let probes = new Map<string, Promise<Probe>>();

  const probe = (requestPath: string, sitePath: string, options: ResolvedOptions): Promise<Probe> => {
    let answer = probes.get(requestPath);
    if (!answer) {
      answer = limited(() => ask(host, requestPath, sitePath, options)).catch((error: unknown): Probe => ({ kind: 'failed', reason: `could not be requested (${(error as Error).message})` }));
      probes.set(requestPath, answer);
    }
    return answer;
  };

  return {
    async checkPage(path) {
      const started = performance.now();
      const options = host.options();
      const pathname = path.replace(/[?#].*$/s, '');
      let answer: DevResponse;
      try {
        answer = await limited(() => host.request(path));
      } catch (error) {
        return { state: 'failed', reason: `\`${pathname}\` could not be requested from the dev server: ${(error as Error).message}` };
      }
      if (answer.status >= 300) return { state: 'failed', reason: `\`${pathname}\` answered ${answer.status} in the dev server: no page to check` };
      if (answer.body === undefined) {
        return { state: 'failed', reason: `\`${pathname}\` is \`${answer.contentType.split(';')[0] || 'not HTML'}\`: not an HTML page` };
      }
      const page = collectDevPage(answer.body, pathname, options, host.format);
      const paths = [...probePaths(page, options)];
      const answers = new Map(await Promise.all(paths.map(async ([sitePath, requestPath]) => [sitePath, await probe(requestPath, sitePath, options)] as const)));
      const known = new Set(await host.knownPages?.() ?? []);
      const external = await cachedExternal(options, host);
      let baseline: Baseline | undefined;
      let unapplied: string | undefined;
      if (options.baseline !== undefined) {
        try {
          baseline = await readBaseline(options.baseline, host.root);
        } catch (error) {
          unapplied = `The baseline was not applied: ${(error as Error).message}`;
        }
      }
      let site = devSite(page, answers, options, host.format, known);
      let result: Result;
      for (let pass = 0; ; pass++) {
        result = await check({
          pages: site.pages,
          files: site.files,
          options: { ...options, redirects: site.redirects },
          partial: PARTIAL,
          external: external?.checker,
          baseline,
        });
        // A page suggested from what the site is known to have is asked about before it is shown.
        const doubtful = [...new Set(result.findings.flatMap((finding) => (finding.ruleId === 'broken-internal-link' ? (finding.expected ?? []) : [])))].filter((url) => site.unverified.has(url));
        if (doubtful.length === 0 || pass === SUGGESTION_PASSES) break;
        const base = normaliseBase(options.base);
        const gone = await Promise.all(doubtful.map(async (url) => ((await probe(requestPathOf(url.slice(base.length), '', options), url.slice(base.length), options)).kind === 'page' ? undefined : url)));
        const removed = gone.filter((url) => url !== undefined);
        if (removed.length === 0) break;
        for (const url of removed) known.delete(url);
        site = devSite(page, answers, options, host.format, known);
      }
      return {
        state: 'checked',
        status: answer.status,
        findings: devFindings(result.findings, page, external?.cachedAt),
        notes: unapplied === undefined ? site.notes : [...site.notes, unapplied],
        took: Math.round(performance.now() - started),
      };
    },
    invalidate() {
      // Answers still in flight land in the map they were asked for, not in the new one.
      probes = new Map();
    },
  };
}

/** Ask the dev server about one linked path. */
async function ask(host: DevCheckHost, requestPath: string, sitePath: string, options: ResolvedOptions): Promise<Probe> {
  let path = requestPath;
  let answer = await host.request(path);
  // A dev server that adds or drops the slash answers for the same page.
  for (let hop = 0; hop < SLASH_HOPS && isRedirect(answer.status) && answer.location !== undefined && sameButSlash(answer.location, path); hop++) {
    path = answer.location;
    answer = await host.request(path);
  }
  const { status } = answer;
  if (isRedirect(status)) return answer.location === undefined ? { kind: 'failed', reason: `answered ${status} without a location` } : { kind: 'redirect', to: answer.location };
  if (status === 404 || status === 410) return { kind: 'missing', status };
  if (status >= 400) return { kind: 'failed', reason: `answered ${status}` };
  if (answer.body !== undefined) return { kind: 'page', page: targetRecord(answer.body, sitePath, options, host.format) };
  return { kind: 'file' };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

function sameButSlash(location: string, path: string): boolean {
  const strip = (value: string): string => value.replace(/[?#].*$/s, '').replace(/\/+$/, '');
  return strip(location) === strip(path);
}

/**
 * The outbound check of a dev page: no request, only the successes the
 * last build cached (permanent redirects and page ids are what they can
 * reveal), when the user checks external links at all.
 *
 * @returns the checker and when the cache was written, or undefined without one.
 */
async function cachedExternal(options: ResolvedOptions, host: DevCheckHost): Promise<{ checker: ExternalChecker; cachedAt: string } | undefined> {
  if (!options.external.enabled) return undefined;
  const file = cacheFileOf(options.external, { cwd: host.root, cacheDir: host.cacheDir });
  if (file === undefined) return undefined;
  let cachedAt: string;
  try {
    cachedAt = (await stat(file)).mtime.toISOString();
  } catch {
    return undefined;
  }
  const { data } = await loadCache(file);
  const ttl = options.external.cache === false ? 0 : options.external.cache.ttl;
  const checker: ExternalChecker = async (requests) => {
    const now = Date.now();
    const statuses = new Map<string, ExternalStatus>();
    for (const item of requests) {
      const entry = freshEntry(data, item.url, now, ttl, options.external.checkFragments && item.fragments.length > 0);
      if (entry) statuses.set(item.url, cachedStatus(entry));
    }
    return { checked: true, reason: 'cached results of the last build', statuses };
  };
  return { checker, cachedAt };
}
