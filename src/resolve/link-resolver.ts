import type { SiteModel } from '../site/site-model.js';
import type { Lookup, PageRecord, Target } from '../types.js';
import { normaliseBase, resolveHref } from './resolve-href.js';

/** A link with its target and what the target names in the output. */
export interface ResolvedLink {
  target: Target;
  lookup: Lookup;
}

const NONE: Lookup = Object.freeze({ found: 'none' }) as Lookup;

/**
 * Resolve links, sharing one result between links whose resolution cannot
 * differ: a root-relative href (`/docs/`) resolves the same on every page,
 * a plain relative one (`b.html`) the same on every page of one directory,
 * and one that climbs (`../../a/`) the same on every page below the
 * directory it climbs to. Anything else (`?q`, `#id`, a scheme, `//host`, characters the
 * URL parser strips or rewrites) is shared only within its page, and so is
 * every href of a page with a `<base href>`. Plain paths of safe characters
 * are resolved without the URL parser, to the same target.
 *
 * @returns for a page, the function that resolves its hrefs: what
 *   {@link resolveHref} and `site.lookup` give.
 */
export function createLinkResolver(site: SiteModel, origin: string | undefined): (page: PageRecord) => (href: string) => ResolvedLink {
  const base = normaliseBase(site.base);
  const rootScope = new Map<string, ResolvedLink>();
  const dirScopes = new Map<string, Map<string, ResolvedLink>>();
  return (page) => {
    const baseHref = page.baseHref;
    const plainPage = (baseHref === undefined || baseHref === '') && !UNSAFE_PAGE.test(page.url);
    const dir = page.url.slice(0, page.url.lastIndexOf('/') + 1);
    // The directory's scope, if another page made it; made here only for a relative href (a site with a
    // directory per page would otherwise make a map per page).
    let dirScope = dirScopes.get(dir);
    // Most hrefs resolve in a shared scope: a page's own scope is made on its first other href.
    let pageScope: Map<string, ResolvedLink> | undefined;
    const safeDir = plainPage && SAFE_DIR.test(dir);
    // `#id` on a page of plain characters is that page plus a fragment: no URL parser needed.
    const self = safeDir && SAFE_NAME.test(page.url.slice(dir.length)) ? page.url.slice(dir.length) : undefined;
    // This page's own target and what it names, made once for all its `#id` links.
    let selfTarget: Extract<Target, { kind: 'internal' }> | undefined;
    let selfLookup: Lookup | undefined;
    // The directories above this one and their scopes, by levels up, made on first use.
    const aboveDirs: string[] = [];
    const aboveScopes: Map<string, ResolvedLink>[] = [];
    return (href) => {
      if (safeDir && href.startsWith('../') && !UNSAFE.test(href)) {
        // `../x` here is `x` in the parent directory: pages in sibling directories (a directory per
        // page is common) share the parent's entry instead of each resolving and looking it up.
        let ups = 1;
        while (href.startsWith('../', ups * 3)) ups++;
        const rest = href.slice(ups * 3);
        if (rest !== '' && PATH_RELATIVE.test(rest)) {
          const above = (aboveDirs[ups] ??= ancestor(dir, ups));
          let aboveScope = aboveScopes[ups];
          if (aboveScope === undefined) {
            aboveScope = dirScopes.get(above);
            if (aboveScope === undefined) dirScopes.set(above, (aboveScope = new Map()));
            aboveScopes[ups] = aboveScope;
          }
          let entry = aboveScope.get(rest);
          if (entry === undefined) {
            const target = plainTarget(rest, above, base) ?? resolveHref(rest, { pageUrl: above, site: origin, base: site.base });
            aboveScope.set(rest, (entry = { target, lookup: target.kind === 'internal' ? site.lookup(target.sitePath) : NONE }));
          }
          return entry;
        }
      }
      // `#id` of plain characters on a page of plain characters: the page's own target with a fragment
      // (what `plainTarget` makes of the page's name and the href), without building either again.
      if (self !== undefined && href.charCodeAt(0) === 35 && PLAIN_FRAGMENT.test(href)) {
        pageScope ??= new Map();
        const known = pageScope.get(href);
        if (known !== undefined) return known;
        selfTarget ??= plainTarget(self, dir, base) as Extract<Target, { kind: 'internal' }> | undefined;
        if (selfTarget !== undefined) {
          const entry: ResolvedLink = {
            target: { kind: 'internal', path: selfTarget.path, sitePath: selfTarget.sitePath, fragment: href.slice(1) },
            lookup: (selfLookup ??= site.lookup(selfTarget.sitePath)),
          };
          pageScope.set(href, entry);
          return entry;
        }
      }
      // The shared scopes hold only hrefs that the tests below sent there, which depend on the href
      // alone: a hit there is the answer, without running the tests again.
      if (plainPage) {
        const known = rootScope.get(href) ?? dirScope?.get(href);
        if (known !== undefined) return known;
      }
      let scope: Map<string, ResolvedLink> | undefined;
      if (plainPage && !UNSAFE.test(href)) {
        if (ROOT_RELATIVE.test(href)) scope = rootScope;
        else if (PATH_RELATIVE.test(href)) {
          // A `../` href of this page may have made the directory's scope since (at the root).
          dirScope ??= dirScopes.get(dir);
          if (dirScope === undefined) dirScopes.set(dir, (dirScope = new Map()));
          scope = dirScope;
        }
      }
      scope ??= pageScope ??= new Map();
      let entry = scope.get(href);
      if (entry === undefined) {
        const target =
          (scope === rootScope
            ? plainTarget(href, '/', base)
            : scope === dirScope && safeDir
              ? plainTarget(href, dir, base)
              : self !== undefined && href.startsWith('#')
                ? plainTarget(self + href, dir, base)
                : undefined) ??
          resolveHref(href, { pageUrl: page.url, baseHref, site: origin, base: site.base });
        const lookup =
          target.kind !== 'internal' ? NONE : self !== undefined && scope === pageScope && href.startsWith('#') ? (selfLookup ??= site.lookup(target.sitePath)) : site.lookup(target.sitePath);
        entry = { target, lookup };
        scope.set(href, entry);
      }
      return entry;
    };
  };
}

/**
 * The target of a plain href (`/a/b/`, `../c.html#d`: safe characters,
 * leading `../` only, an optional plain fragment) resolved against `dir`
 * without the URL parser; undefined for anything else. For these hrefs the
 * URL parser changes nothing but `../`, and percent-decoding and NFC
 * normalisation are the identity.
 */
function plainTarget(href: string, dir: string, base: string): Target | undefined {
  const match = PLAIN.exec(href);
  if (!match) return undefined;
  const [, ups = '', rest = '', fragment] = match;
  if (DOT_SEGMENT.test(rest)) return undefined;
  let path: string;
  if (rest.startsWith('/')) {
    if (ups !== '') return undefined;
    path = rest;
  } else {
    path = ancestor(dir, ups.length / 3) + rest;
  }
  const sitePath = path.startsWith(base) ? path.slice(base.length) : path === base.slice(0, -1) ? '' : undefined;
  // The fragment in the literal: added afterwards, it took an extra properties array per target.
  return fragment === undefined ? { kind: 'internal', path, sitePath: sitePath ?? path } : { kind: 'internal', path, sitePath: sitePath ?? path, fragment };
}

/** The directory `ups` levels above `dir` (`/a/b/`, 1: `/a/`); above the root stays at the root, as in the URL parser. */
function ancestor(dir: string, ups: number): string {
  let prefix = dir;
  for (let up = 0; up < ups && prefix.length > 1; up++) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}

/** Characters the URL parser strips or rewrites anywhere in an href: shared within the page only. */
const UNSAFE = /[\u0000-\u0020\\]/;
/** Page URLs whose text differs from their parsed path (`?`, `#` in a file name). */
const UNSAFE_PAGE = /[?#\u0000-\u0020\\]/;
/** `/x…` but not `//host`. */
const ROOT_RELATIVE = /^\/(?!\/)/;
/** A relative path without scheme, query or fragment start (`../a/`, `b.html`). */
const PATH_RELATIVE = /^(?![a-z][a-z\d+.-]*:)[^/?#]/i;
/** A plain href: leading `../`s, a path of unreserved characters, an optional non-empty plain fragment. */
const PLAIN = /^((?:\.\.\/)*)([\w.~\/-]*)(?:#([\w.~-]+))?$/;
/** `#` and a non-empty fragment of the characters {@link PLAIN} allows in one. */
const PLAIN_FRAGMENT = /^#[\w.~-]+$/;
/** `.` or `..` as a segment, which the URL parser would remove. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;
/** A directory URL of plain characters without dot segments. */
const SAFE_DIR = /^\/(?:[\w~-][\w.~-]*\/)*$/;
/** A file name of plain characters, not a dot segment, or none (a directory page). */
const SAFE_NAME = /^(?:[\w~-][\w.~-]*)?$/;
