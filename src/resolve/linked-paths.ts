import type { PageRecord } from '../types.js';
import { resolveHref } from './resolve-href.js';

/**
 * Every site path the pages link to, resolved as the graph resolves them:
 * what a host that sees only some files (a unified pipeline) looks up on
 * disk before the check. Paths outside the base are left out.
 *
 * @param pages the pages of the run.
 * @param site the `site` option: absolute links to it are internal.
 * @param base the `base` option.
 * @returns decoded site paths, relative to base, without leading slash (`docs/a.md`, `img/`).
 */
export function linkedPaths(pages: readonly PageRecord[], site: string | undefined, base: string | undefined): Set<string> {
  const paths = new Set<string>();
  for (const page of pages) {
    for (const link of page.links) {
      const target = resolveHref(link.href, { pageUrl: page.url, baseHref: page.baseHref, site, base });
      if (target.kind === 'internal' && !target.sitePath.startsWith('/')) paths.add(target.sitePath);
    }
  }
  return paths;
}
