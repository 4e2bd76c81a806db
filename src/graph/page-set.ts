import { decodePath, resolveHref } from '../resolve/resolve-href.js';
import type { SiteModel } from '../site/site-model.js';
import type { Exclusion, PageRecord } from '../types.js';


/** Output files of error pages, in any output shape. */
const ERROR_PAGE = /^(?:.*\/)?(?:404|500)(?:\.html?|\/index\.html?)$/i;

/**
 * Why a page is left out of the page set, or undefined when it is in:
 * error pages (404, 500), `robots` `noindex`, redirect stubs (meta refresh),
 * and pages whose canonical points to another URL.
 */
export function exclusionOf(page: PageRecord, site: SiteModel, origin: string | undefined): Exclusion | undefined {
  if (ERROR_PAGE.test(page.file)) return 'error-page';
  if (page.refresh !== undefined) return 'redirect';
  if (page.noindex) return 'noindex';
  if (page.canonical !== undefined && page.canonical !== '') {
    const own = stripSlash(page.url);
    const target = resolveHref(page.canonical, { pageUrl: page.url, baseHref: page.baseHref, site: origin, base: site.base });
    if (target.kind === 'internal' && stripSlash(target.path) !== own && !namesPage(site, target.sitePath, page)) return 'canonicalised';
    // Without `site`, an absolute canonical is compared by path: it names this site's own URL,
    // in any of the page's spellings (`/a/b.html` for the page served at `/a/b`).
    if (target.kind === 'external' && origin === undefined) {
      const path = decodePath(new URL(target.url).pathname);
      const sitePath = path.startsWith(site.base) ? path.slice(site.base.length) : path;
      if (stripSlash(path) !== own && stripSlash(path) !== stripSlash(own.slice(site.base.length - 1)) && !namesPage(site, sitePath, page)) return 'canonicalised';
    }
  }
  return undefined;
}

/** Whether a path of the site leads to this very page. */
function namesPage(site: SiteModel, sitePath: string, page: PageRecord): boolean {
  const lookup = site.lookup(sitePath);
  return lookup.found === 'page' && site.pageFiles[lookup.pageId] === page.file;
}

function stripSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}
