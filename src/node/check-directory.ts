import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Baseline } from '../engine/baseline.js';
import { createExternalChecker } from '../external/create-checker.js';
import type { ExternalLogger } from '../external/progress.js';
import type { ExternalChecker } from '../engine/external-stage.js';
import { check, type CheckInput } from '../engine/check.js';
import type { Timing } from '../engine/timing.js';
import { resolveOptions, type Options, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { readsPageText } from '../rules/util/page-rules.js';
import { isPageFile, urlOfFile } from '../site/site-model.js';
import { readBaseline } from './baseline-file.js';
import { isSitemapFile } from '../sitemap/parse-sitemap.js';
import type { Result, SitemapFile } from '../types.js';
import { collectPages, earlyPageWorkers, type PageEntry, type ReadProblems } from './collect-pages.js';
import { listSite } from './list-site.js';

/** Host-side extras of {@link checkDirectory}. */
export interface CheckDirectoryHost {
  /**
   * The outbound check stage. Default: the HTTP checker when
   * `external.enabled` is set, else none (external links are not checked).
   */
  external?: ExternalChecker | undefined;
  /**
   * The baseline, already read; `false` records findings without one (as
   * `linkgraph baseline` does). Default: the `baseline` option's file, read
   * relative to `cwd`.
   */
  baseline?: Baseline | false | undefined;
  /** Project root: the `baseline` option is relative to it, and the default cache lives under its `node_modules/.cache/linkgraph`. Default `process.cwd()`. */
  cwd?: string | undefined;
  /** The host's cache directory (Astro's `cacheDir`) for `external.json`, unless `external.cache.dir` is set. */
  cacheDir?: string | undefined;
  /** Environment (`LINKGRAPH_OFFLINE`, header variables). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Receives the outbound check's progress, warnings and closing line. Default: silent. */
  log?: ExternalLogger | undefined;
  /** Least time between two progress events, in ms. Default 1000. */
  progressEvery?: number | undefined;
  /** Receives how long each step took, in ms (`LINKGRAPH_TIMING`). */
  timing?: Timing | undefined;
  /** Receives the link graph before the rules run (see `CheckInput.onGraph`). */
  onGraph?: CheckInput['onGraph'];
}

/**
 * Check a built site on disk: list its files, read and collect every HTML
 * page, and run the site-wide check.
 *
 * @param dir the site's output directory (`dist`).
 * @param options user options (validated here) or already resolved ones.
 * @throws {SiteDirectoryError} when `dir` cannot be read; {OptionsError} on bad options;
 *   {BaselineError} when the `baseline` file is missing or malformed.
 */
export async function checkDirectory(dir: string, options: Options | ResolvedOptions = {}, host: CheckDirectoryHost = {}): Promise<Result> {
  const resolved = isResolved(options) ? options : resolveOptions(options);
  const baseline = host.baseline === false ? undefined : (host.baseline ?? (resolved.baseline === undefined ? undefined : await readBaseline(resolved.baseline, host.cwd ?? process.cwd())));
  const timing = host.timing;
  // Page texts serve only the orphan rules' suggestions: without them, none is kept (they are a large
  // share of a big site's memory).
  const collect = {
    ...(resolved.contentSelector === undefined ? {} : { contentSelector: resolved.contentSelector }),
    ...(readsPageText(resolved.rules) ? {} : { maxText: 0 }),
  };
  // A large site's page-reading workers start while the listing goes on.
  const early = earlyPageWorkers(collect);
  let started = performance.now();
  const listing = await listSite(dir, { count: early.count, matches: isPageFile, reached: early.start });
  timing?.('list files', performance.now() - started);
  const warnings = [...listing.warnings];
  const base = normaliseBase(resolved.base);
  // A file outside the site (a symlink's target) counts as there, but is never read.
  const outside = new Set(listing.outside);
  const readable = outside.size === 0 ? listing.files : listing.files.filter((file) => !outside.has(file));
  // A symlink to a page of the site is another name of that page, read once under its own name.
  const pageFiles = readable.filter((file) => isPageFile(file) && !listing.aliases.has(file));
  // A run over a folder without pages checked nothing: say so rather than report "no problems".
  if (pageFiles.length === 0) warnings.push(`No HTML page in \`${dir}\`: nothing was checked; expected a built site's output directory (such as \`dist\`)`);
  const onDisk = listing.names;
  const entries = pageFiles.map((file): PageEntry => {
    const url = urlOfFile(file, base, resolved.trailingSlash);
    const name = onDisk.get(file);
    return name === undefined ? { file, url } : { file, url, onDisk: name };
  });
  started = performance.now();
  const problems: ReadProblems = { warnings, unreadable: [] };
  const pages = await collectPages(listing.root, entries, { collect, started: early.workers }, problems);
  timing?.('read and collect pages', performance.now() - started);
  const sitemaps: SitemapFile[] = [];
  for (const file of readable.filter(isSitemapFile)) {
    try {
      sitemaps.push({ file, xml: await readFile(path.join(listing.root, onDisk.get(file) ?? file), 'utf8') });
    } catch (error) {
      warnings.push(`Cannot read \`${file}\`: ${(error as Error).message}`);
    }
  }
  const external = host.external ?? (resolved.external.enabled ? createExternalChecker(resolved.external, { cwd: host.cwd, cacheDir: host.cacheDir, env: host.env, log: host.log, progressEvery: host.progressEvery }) : undefined);
  return check({ pages, unreadable: problems.unreadable, files: listing.files, aliases: listing.aliases, options: resolved, external, sitemaps, warnings, baseline, timing, onGraph: host.onGraph });
}

function isResolved(options: Options | ResolvedOptions): options is ResolvedOptions {
  return options.rules instanceof Map;
}
