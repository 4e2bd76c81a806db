import { collectHtml } from '../collect/collect-html.js';
import type { ResolvedOptions } from '../options.js';
import { decodePath, normaliseBase, resolveHref } from '../resolve/resolve-href.js';
import { urlOfFile } from '../site/site-model.js';
import type { PageRecord } from '../types.js';

/**
 * The site one page of `astro dev` makes for the check: the page, and what
 * the dev server answered for each internal path it links to. Pure: the
 * host does the requests.
 */

/** How Astro names a page's output file (`build.format`). */
export type PageFormat = 'directory' | 'file' | 'preserve';

/** What the dev server answered for one internal path. */
export type Probe =
  /** An HTML page: its record, with its ids, canonical and refresh, and no links but a refresh. */
  | { kind: 'page'; page: PageRecord }
  /** Anything else it serves (an image, a feed, a script). */
  | { kind: 'file' }
  /** A redirect elsewhere (`redirects` in the config, `Astro.redirect`). */
  | { kind: 'redirect'; to: string }
  /** 404, 410: nothing there. */
  | { kind: 'missing'; status: number }
  /** A server error or no answer: said as a note, and links to it not judged. */
  | { kind: 'failed'; reason: string };

/**
 * Paths of the dev server's own machinery (`/@vite/client`, `/@id/…`,
 * `/@fs/…`, astro's `/_image` endpoint, pre-bundled dependencies): they
 * exist in dev and never in a build, so they are taken as present, not requested.
 */
const DEV_MACHINERY = /^(?:@|_image(?:$|\?)|node_modules\/)/;

/**
 * The output file a site path has: `a/` and `a` are `a/index.html` in the
 * `directory` format, `a.html` in the `file` format (`preserve` follows the
 * path's own shape); a path with an extension is itself.
 *
 * @param sitePath decoded, relative to base, without leading slash.
 */
export function pageFileOf(sitePath: string, format: PageFormat): string {
  if (sitePath === '' || sitePath === '/') return 'index.html';
  if (/\.html?$/i.test(sitePath)) return sitePath;
  const stem = sitePath.replace(/\/+$/, '');
  const fileShaped = format === 'file' || (format === 'preserve' && !sitePath.endsWith('/'));
  return fileShaped ? `${stem}.html` : `${stem}/index.html`;
}

/**
 * The record of the page in the browser, collected from the HTML the dev
 * server gives for its path (Markdown links tagged with their source line).
 *
 * @param pathname `location.pathname`, percent-encoded.
 */
export function collectDevPage(html: string, pathname: string, options: ResolvedOptions, format: PageFormat): PageRecord {
  const url = decodePath(pathname);
  const base = normaliseBase(options.base);
  const sitePath = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, '');
  return collectRecord(html, pageFileOf(sitePath, format), url, options);
}

/**
 * A target page's record as the check needs it: ids (fragments), canonical,
 * `noindex`, `lang` and its refresh (redirect pages), but none of its own
 * links, whose problems belong to that page.
 *
 * @param sitePath decoded, relative to base.
 */
export function targetRecord(html: string, sitePath: string, options: ResolvedOptions, format: PageFormat): PageRecord {
  const file = pageFileOf(sitePath, format);
  const { contexts: _contexts, text: _text, links, ...rest } = collectRecord(html, file, urlOfFile(file, normaliseBase(options.base), options.trailingSlash), options);
  return { ...rest, links: links.filter((link) => link.source === 'meta[refresh]') };
}

/** A page's record without its text (only rules that need the whole site read it), with the user's content selector. */
function collectRecord(html: string, file: string, url: string, options: ResolvedOptions): PageRecord {
  const collect = { file, url, maxText: 0 };
  return collectHtml(html, options.contentSelector === undefined ? collect : { ...collect, contentSelector: options.contentSelector });
}

/**
 * The internal paths a page links to that the dev server must be asked
 * about: site path (decoded, relative to base, the key the check looks up)
 * -> the path to request (percent-encoded, with base and query, its
 * trailing slash as the site's policy wants it, so that a dev server strict
 * about slashes answers for the page and not for the slash). The page
 * itself and the dev server's machinery are left out.
 */
export function probePaths(page: PageRecord, options: ResolvedOptions): Map<string, string> {
  const base = normaliseBase(options.base);
  const own = stripSlash(page.url.startsWith(base) ? page.url.slice(base.length) : page.url);
  const paths = new Map<string, string>();
  for (const link of page.links) {
    const target = resolveHref(link.href, { pageUrl: page.url, baseHref: page.baseHref, site: options.site, base });
    if (target.kind !== 'internal' || target.sitePath.startsWith('/')) continue;
    const key = target.sitePath;
    if (paths.has(key) || stripSlash(key) === own || DEV_MACHINERY.test(key)) continue;
    paths.set(key, requestPathOf(key, target.query ?? '', options));
  }
  return paths;
}

/**
 * The path to request for a site path: percent-encoded, with base and
 * query, and, for a page, the trailing slash the site's policy wants.
 */
export function requestPathOf(sitePath: string, query: string, options: ResolvedOptions): string {
  let path = sitePath;
  if (!/\.[a-z\d]+$/i.test(stripSlash(path)) && path !== '') {
    if (options.trailingSlash === 'always' && !path.endsWith('/')) path += '/';
    else if (options.trailingSlash === 'never') path = stripSlash(path);
  }
  return `${normaliseBase(options.base)}${path.split('/').map(encodeURIComponent).join('/')}${query}`;
}

/** The parts of the check's input that describe the site. */
export interface DevSite {
  /** The page first, then each target page, then the known pages nothing here links to. */
  pages: PageRecord[];
  /** URLs of the pages from `known` that the dev server was not asked about. */
  unverified: Set<string>;
  /** Files that are not pages: assets, and paths taken as present. */
  files: string[];
  /** `options.redirects` with the redirects the dev server answered. */
  redirects: Record<string, string>;
  /** What could not be judged, as sentences. */
  notes: string[];
}

/**
 * Put the page and the answers together as the site the check runs on:
 * pages that answered are pages, files are files, redirects are redirects,
 * and a path that answered 404 is absent, so that the rules judge links to
 * it as they judge a build without it. The dev server's machinery is
 * present; a path that failed is present too (a note says so), since a
 * render error says nothing about the link.
 *
 * Pages the site is known to have (its static routes, the last build's
 * pages) that the page does not link to are pages too, without ids or
 * links: the rules' "did you mean" suggestions look among them, as among a
 * build's pages.
 *
 * @param probes answers by site path, as {@link probePaths} keys them.
 * @param known public URLs (with base) of pages the site is known to have.
 */
export function devSite(page: PageRecord, probes: ReadonlyMap<string, Probe>, options: ResolvedOptions, format: PageFormat, known: Iterable<string> = []): DevSite {
  const base = normaliseBase(options.base);
  const pages = [page];
  const files = new Set<string>();
  const seen = new Set([page.file]);
  const redirects = { ...options.redirects };
  const notes: string[] = [];
  for (const link of page.links) {
    const target = resolveHref(link.href, { pageUrl: page.url, baseHref: page.baseHref, site: options.site, base });
    if (target.kind === 'internal' && DEV_MACHINERY.test(target.sitePath)) files.add(target.sitePath);
  }
  for (const [sitePath, probe] of probes) {
    if (probe.kind === 'page') {
      if (seen.has(probe.page.file)) continue;
      seen.add(probe.page.file);
      pages.push(probe.page);
    } else if (probe.kind === 'file') {
      files.add(sitePath);
    } else if (probe.kind === 'redirect') {
      redirects[`${base}${sitePath}`] = probe.to;
    } else if (probe.kind === 'failed') {
      files.add(sitePath.endsWith('/') || sitePath === '' ? `${sitePath}index.html` : sitePath);
      notes.push(`\`${base}${sitePath}\` ${probe.reason}: links to it were not checked`);
    }
  }
  const asked = new Set([...probes.keys()].map(stripSlash));
  const unverified = new Set<string>();
  for (const url of known) {
    if (!url.startsWith(base)) continue;
    const sitePath = url.slice(base.length);
    const file = pageFileOf(sitePath, format);
    if (asked.has(stripSlash(sitePath)) || seen.has(file)) continue;
    seen.add(file);
    // One URL form per page, whichever form the caller knew it by.
    const pageUrl = urlOfFile(file, base, options.trailingSlash);
    unverified.add(pageUrl);
    pages.push({ file, url: pageUrl, noindex: false, ids: [], headings: [], links: [] });
  }
  return { pages, unverified, files: [...files].filter((file) => !seen.has(file)), redirects, notes };
}

function stripSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
