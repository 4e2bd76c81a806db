import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExternalChecker } from '../external/types.js';
import { check } from '../engine/check.js';
import { resolveOptions, type Options, type ResolvedOptions } from '../options.js';
import { normaliseBase } from '../resolve/resolve-href.js';
import { isPageFile, urlOfFile } from '../site/site-model.js';
import { isSitemapFile } from '../sitemap/parse-sitemap.js';
import type { PageRecord, Result, SitemapFile } from '../types.js';
import { listSite, readPage } from './read-site.js';

/** Host-side extras of {@link checkDirectory}. */
export interface CheckDirectoryHost {
  /** The outbound check stage. Default: none (external links are not checked). */
  external?: ExternalChecker | undefined;
}

/** How many pages are read at once. */
const CONCURRENCY = 16;

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
  const pages: PageRecord[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pageFiles.length) {
      const file = pageFiles[next++]!;
      try {
        const page = await readPage(listing.root, file, urlOfFile(file, base, resolved.trailingSlash), collect, warnings);
        if (page) pages.push(page);
      } catch (error) {
        warnings.push(`Cannot check \`${file}\`: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pageFiles.length) }, worker));
  const sitemaps: SitemapFile[] = [];
  for (const file of listing.files.filter(isSitemapFile)) {
    try {
      sitemaps.push({ file, xml: await readFile(path.join(listing.root, file), 'utf8') });
    } catch (error) {
      warnings.push(`Cannot read \`${file}\`: ${(error as Error).message}`);
    }
  }
  return check({ pages, files: listing.files, options: resolved, external: host.external, sitemaps, warnings });
}

function isResolved(options: Options | ResolvedOptions): options is ResolvedOptions {
  return options.rules instanceof Map;
}
