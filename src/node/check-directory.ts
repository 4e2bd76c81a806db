import type { ExternalChecker } from '../external/types.js';
import { check } from '../engine/check.js';
import { resolveOptions, type Options, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { isPageFile, urlOfFile } from '../site/site-model.js';
import type { Result } from '../types.js';
import { collectPages } from './collect-pages.js';
import { listSite } from './read-site.js';

/** Host-side extras of {@link checkDirectory}. */
export interface CheckDirectoryHost {
  /** The outbound check stage. Default: none (external links are not checked). */
  external?: ExternalChecker | undefined;
}

/**
 * Check a built site on disk: list its files, read and collect every HTML
 * page, and run the site-wide check.
 *
 * @param dir the site's output directory (`dist`).
 * @param options user options (validated here) or already resolved ones.
 * @throws {SiteDirectoryError} when `dir` cannot be read; {OptionsError} on bad options.
 */
export async function checkDirectory(dir: string, options: Options | ResolvedOptions = {}, host: CheckDirectoryHost = {}): Promise<Result> {
  const resolved = isResolved(options) ? options : resolveOptions(options);
  const listing = await listSite(dir);
  const warnings = [...listing.warnings];
  const base = normaliseBase(resolved.base);
  const pageFiles = listing.files.filter(isPageFile);
  const collect = resolved.contentSelector === undefined ? {} : { contentSelector: resolved.contentSelector };
  const entries = pageFiles.map((file) => ({ file, url: urlOfFile(file, base, resolved.trailingSlash) }));
  const pages = await collectPages(listing.root, entries, { collect }, warnings);
  return check({ pages, files: listing.files, options: resolved, external: host.external, warnings });
}

function isResolved(options: Options | ResolvedOptions): options is ResolvedOptions {
  return options.rules instanceof Map;
}
