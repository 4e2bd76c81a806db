import { normaliseBase, resolveHref } from '../resolve/resolve-href.js';
import type { SiteModel } from '../site/site-model.js';
import type { Exclusion, LinkSource, Lookup, PageRecord, Region, Target } from '../types.js';
import { exclusionOf } from './page-set.js';

/** A link with its target and what the target names in the output. */
export interface ResolvedLink {
  target: Target;
  lookup: Lookup;
}

/** Link sources that make page-to-page edges: what a crawler follows. */
export const NAVIGATION_SOURCES: ReadonlySet<LinkSource> = new Set(['a[href]', 'area[href]']);

/** Target kinds as {@link LinkTable.kind} codes them. */
export const KIND = { internal: 0, external: 1, mailto: 2, tel: 3, data: 4, javascript: 5, other: 6, invalid: 7 } as const satisfies Record<Target['kind'], number>;
/** Lookup results as {@link LinkTable.found} codes them; `none` also for targets that are not internal. */
export const FOUND = { none: 0, page: 1, asset: 2, redirect: 3, unknown: 4 } as const satisfies Record<Lookup['found'], number>;

/** Link bit: an `<a href>` or `<area href>` ({@link NAVIGATION_SOURCES}). */
export const LINK_NAVIGATION = 1;
/** Link bit: the link sits in a content region (its landmark region, before template detection). */
export const LINK_CONTENT = 2;
/** Link bit: the link is followed (no nofollow, ugc, sponsored). */
export const LINK_FOLLOWED = 4;
/** Link bit: the link has `rel` tokens. */
export const LINK_REL = 8;
/** Link bit: the link has extra attributes (`role`, `missingHref`, ...). */
export const LINK_ATTRIBUTES = 16;
/** Link bit: the internal target has a fragment (`#` with or without a name). */
export const LINK_FRAGMENT = 32;
/** Link bit: `href=""`. */
export const LINK_EMPTY_HREF = 64;
/** Link bit: the link has `ignore` (`data-linkgraph-ignore` on it or an ancestor). */
export const LINK_IGNORE = 128;
const CONTENT_NAVIGATION = LINK_NAVIGATION | LINK_CONTENT;

/**
 * What rules ask of every link, in flat typed arrays indexed by
 * `start[pageId] + linkIndex`: a rule scans these for the few links it
 * speaks about, and reads link records and resolutions only for those.
 * (A pass over half a million link objects and their resolutions cost a
 * rule 60-95 ms at 10,000 pages, mostly waiting on memory; over these
 * arrays, 3-5 ms.)
 */
export interface LinkTable {
  /** Where each page's links start; `start[pages.length]` is the number of links. */
  readonly start: Int32Array;
  /** {@link KIND} of each link's target. */
  readonly kind: Uint8Array;
  /** {@link FOUND}: what the lookup of an internal target found. */
  readonly found: Uint8Array;
  /** The page a link leads to (its lookup found a page), else -1. */
  readonly page: Int32Array;
  /** `LINK_*` bits. */
  readonly bits: Uint8Array;
  /** Each link's anchor text, as an index into {@link texts}. */
  readonly text: Int32Array;
  /** The distinct anchor texts of the site, in order of first use. */
  readonly texts: readonly string[];
}

/** Edge flag: at least one link of the pair is in a content region. */
export const EDGE_CONTENT = 1;
/** Edge flag: at least one link of the pair is followed (no nofollow, ugc, sponsored). */
export const EDGE_FOLLOWED = 2;

/**
 * The site-wide link graph. Pages are integers (their index in `pages`);
 * page-to-page edges are parallel typed arrays, one edge per distinct
 * (from, to) pair, without self-links; inbound and outbound indexes are
 * compressed rows of edge ids.
 */
export interface Graph {
  readonly pages: readonly PageRecord[];
  readonly site: SiteModel;
  /** The `site` option: origin of the deployed site (`https://example.com`), when given. */
  readonly origin: string | undefined;
  /** `resolved[pageId][linkIndex]`: each link of each page, resolved. */
  readonly resolved: readonly (readonly ResolvedLink[])[];
  /** Every link's target and traits in flat arrays, for rules that look for a few links among all. */
  readonly links: LinkTable;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeFlags: Uint8Array;
  /** Edge ids into a page. */
  inbound(pageId: number): Int32Array;
  /** Edge ids out of a page. */
  outbound(pageId: number): Int32Array;
  /** Page id for a page URL or output file, if it is a page. */
  pageId(pathOrFile: string): number | undefined;
  /**
   * Effective region of a link: its landmark region, or `template` when the
   * same link (target and anchor text) repeats on at least
   * `templateThreshold` of all pages.
   */
  regionOf(pageId: number, linkIndex: number): Region;
  /** Why a page is outside the page set, or undefined when it is in. */
  exclusion(pageId: number): Exclusion | undefined;
  /** Entry points: the home page, locale roots and configured entries, as page ids. */
  readonly entries: readonly number[];
}

/** Options of {@link buildGraph}. */
export interface BuildGraphOptions {
  /** Origin of the deployed site, so that absolute links to it are internal. */
  site?: string | undefined;
  /**
   * Share of pages (0-1) on which one link (same target and anchor text)
   * must appear to count as template, wherever it sits. Default 0.5; `1`
   * keeps only links present on every page; applies from 5 pages up.
   */
  templateThreshold?: number | undefined;
  /** Entry points besides the home page and locale roots (URL paths). */
  entries?: readonly string[] | undefined;
}

/**
 * Build the link graph from page records and the site model.
 *
 * @param pages page records; `pages[i].file` must be `site.pageFiles[i]`.
 * @param site the site model that resolves paths to pages and assets.
 * @param options the site origin.
 */
export function buildGraph(pages: readonly PageRecord[], site: SiteModel, options: BuildGraphOptions = {}): Graph {
  const pageCount = pages.length;
  const resolved: ResolvedLink[][] = [];
  const resolverFor = resolver(site, options.site);
  // Per-link arrays are flat, indexed by `linkStart[pageId] + linkIndex`: a few typed arrays for the
  // site instead of some per page.
  const linkStart = new Int32Array(pageCount + 1);
  for (let pageId = 0; pageId < pageCount; pageId++) linkStart[pageId + 1] = linkStart[pageId]! + pages[pageId]!.links.length;
  // Pass 1: resolve every link, and count the pages that link to each page from content.
  const threshold = options.templateThreshold ?? 0.5;
  const minRepeats = pageCount >= 5 ? Math.max(2, Math.ceil(threshold * pageCount)) : Infinity;
  const linkCount = linkStart[pageCount]!;
  const linkKind = new Uint8Array(linkCount);
  const linkFound = new Uint8Array(linkCount);
  const linkPage = new Int32Array(linkCount).fill(-1);
  const linkBits = new Uint8Array(linkCount);
  const linkText = new Int32Array(linkCount);
  // Anchor texts repeat (a nav on every page, one target's title on every page linking it): rules that
  // judge texts judge each distinct one once.
  const texts: string[] = [];
  const textIds = new Map<string, number>();
  const linkingPages = new Int32Array(pageCount);
  const lastLinking = new Int32Array(pageCount).fill(-1);
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const page = pages[pageId]!;
    const links = page.links;
    const start = linkStart[pageId]!;
    const row: ResolvedLink[] = new Array<ResolvedLink>(links.length);
    const resolveLink = resolverFor(page);
    for (let index = 0; index < links.length; index++) {
      const link = links[index]!;
      const entry = resolveLink(link.href);
      row[index] = entry;
      const at = start + index;
      const { target, lookup } = entry;
      linkKind[at] = KIND[target.kind];
      linkFound[at] = FOUND[lookup.found];
      const bits =
        (NAVIGATION_SOURCES.has(link.source) ? LINK_NAVIGATION : 0) |
        (link.region === 'content' ? LINK_CONTENT : 0) |
        (isFollowed(link.rel) ? LINK_FOLLOWED : 0) |
        (link.rel.length > 0 ? LINK_REL : 0) |
        (link.attributes !== undefined ? LINK_ATTRIBUTES : 0) |
        (target.kind === 'internal' && target.fragment !== undefined ? LINK_FRAGMENT : 0) |
        (link.href === '' ? LINK_EMPTY_HREF : 0) |
        (link.ignore !== undefined ? LINK_IGNORE : 0);
      linkBits[at] = bits;
      let textId = textIds.get(link.text);
      if (textId === undefined) textIds.set(link.text, (textId = texts.push(link.text) - 1));
      linkText[at] = textId;
      if (lookup.found !== 'page') continue;
      const targetPage = lookup.pageId;
      linkPage[at] = targetPage;
      // Count only links outside landmarks: a nav link must not make a content link of the same text look repeated.
      if ((bits & CONTENT_NAVIGATION) === CONTENT_NAVIGATION && lastLinking[targetPage] !== pageId) {
        lastLinking[targetPage] = pageId;
        linkingPages[targetPage]!++;
      }
    }
    resolved.push(row);
  }
  // Then, only for pages linked from enough pages to matter, on how many pages each (target, text)
  // link appears. Each distinct pair gets an integer id (texts keyed per target page), so that
  // pass 2 reads counts from an array; most links never have their text looked at.
  const keysByTarget = new Map<number, Map<string, number>>();
  const keyCounts: number[] = [];
  const keyStamp: number[] = [];
  const linkKeys = new Int32Array(linkCount).fill(-1);
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const links = pages[pageId]!.links;
    const start = linkStart[pageId]!;
    for (let index = 0; index < links.length; index++) {
      const target = linkPage[start + index]!;
      if (target === -1 || (linkBits[start + index]! & CONTENT_NAVIGATION) !== CONTENT_NAVIGATION || linkingPages[target]! < minRepeats) continue;
      let texts = keysByTarget.get(target);
      if (texts === undefined) keysByTarget.set(target, (texts = new Map()));
      const text = links[index]!.text.toLowerCase();
      let id = texts.get(text);
      if (id === undefined) {
        id = keyCounts.length;
        texts.set(text, id);
        keyCounts.push(0);
        keyStamp.push(-1);
      }
      linkKeys[start + index] = id;
      if (keyStamp[id] !== pageId) {
        keyStamp[id] = pageId;
        keyCounts[id]!++;
      }
    }
  }

  // Pass 2: effective regions, and the number of edges: one per (from, to) pair. `edgeSource[to] ===
  // from` marks a pair already seen on this page. The links of one page are read from the link table
  // alone: no link record or resolution is touched.
  const regions = new Uint8Array(linkCount);
  const edgeSource = new Int32Array(pageCount).fill(-1);
  let edges = 0;
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const end = linkStart[pageId + 1]!;
    for (let at = linkStart[pageId]!; at < end; at++) {
      const linkBit = linkBits[at]!;
      let content = (linkBit & LINK_CONTENT) !== 0;
      const key = linkKeys[at]!;
      if (content && key !== -1) content = keyCounts[key]! < minRepeats;
      regions[at] = content ? 0 : 1;
      const target = linkPage[at]!;
      if (target === -1 || target === pageId || (linkBit & LINK_NAVIGATION) === 0 || edgeSource[target] === pageId) continue;
      edgeSource[target] = pageId;
      edges++;
    }
  }
  // Pass 3: the edges, in typed arrays of their exact size, flags accumulated over the pair's links
  // (`edgeOf[to]` is the pair's edge). Arrays of one slot per link, cut afterwards, were 50 MB more
  // to allocate at 100,000 pages, and there a large heap is collected whole for every 64 MB of
  // typed arrays made.
  const edgeFrom = new Int32Array(edges);
  const edgeTo = new Int32Array(edges);
  const edgeFlags = new Uint8Array(edges);
  const edgeOf = new Int32Array(pageCount);
  edgeSource.fill(-1);
  for (let pageId = 0, edge = 0; pageId < pageCount; pageId++) {
    const end = linkStart[pageId + 1]!;
    for (let at = linkStart[pageId]!; at < end; at++) {
      const linkBit = linkBits[at]!;
      const target = linkPage[at]!;
      if (target === -1 || target === pageId || (linkBit & LINK_NAVIGATION) === 0) continue;
      const bits = (regions[at] === 0 ? EDGE_CONTENT : 0) | (linkBit & LINK_FOLLOWED ? EDGE_FOLLOWED : 0);
      if (edgeSource[target] !== pageId) {
        edgeSource[target] = pageId;
        edgeOf[target] = edge;
        edgeFrom[edge] = pageId;
        edgeTo[edge] = target;
        edgeFlags[edge++] = bits;
      } else {
        const pair = edgeOf[target]!;
        edgeFlags[pair] = edgeFlags[pair]! | bits;
      }
    }
  }

  const inRows = rows(edgeTo, pageCount);
  const outRows = rows(edgeFrom, pageCount);
  const byUrl = new Map<string, number>();
  pages.forEach((page, id) => {
    byUrl.set(page.url, id);
    byUrl.set(page.file, id);
  });
  const exclusions = pages.map((page) => exclusionOf(page, site, options.site));
  const entries = entryPoints(pages, site, options.entries ?? [], (path) => {
    const target = resolveHref(path, { pageUrl: site.base, site: options.site, base: site.base });
    const lookup = target.kind === 'internal' ? site.lookup(target.sitePath) : NONE;
    return lookup.found === 'page' ? lookup.pageId : undefined;
  });

  return {
    pages,
    site,
    origin: options.site,
    resolved,
    links: { start: linkStart, kind: linkKind, found: linkFound, page: linkPage, bits: linkBits, text: linkText, texts },
    edgeFrom,
    edgeTo,
    edgeFlags,
    inbound: (pageId) => inRows.edges.subarray(inRows.offsets[pageId], inRows.offsets[pageId + 1]),
    outbound: (pageId) => outRows.edges.subarray(outRows.offsets[pageId], outRows.offsets[pageId + 1]),
    pageId: (pathOrFile) => byUrl.get(pathOrFile),
    regionOf: (pageId, linkIndex) => (regions[linkStart[pageId]! + linkIndex] === 1 ? 'template' : 'content'),
    exclusion: (pageId) => exclusions[pageId],
    entries,
  };
}

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
function resolver(site: SiteModel, origin: string | undefined): (page: PageRecord) => (href: string) => ResolvedLink {
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

/** Locale root paths: `/de/`, `/pt-br/` (a language tag as the first segment). */
const LOCALE_ROOT = /^[a-z]{2,3}(?:-[a-z\d]{2,8})?\/$/i;

/** The home page, locale roots (`/de/`, whose page `lang` agrees or is unset) and configured entries. */
function entryPoints(
  pages: readonly PageRecord[],
  site: SiteModel,
  configured: readonly string[],
  find: (path: string) => number | undefined,
): number[] {
  const ids = new Set<number>();
  const home = find(site.base);
  if (home !== undefined) ids.add(home);
  pages.forEach((page, id) => {
    const sitePath = page.url.slice(site.base.length);
    const rooted = sitePath.endsWith('/') ? sitePath : `${sitePath}/`;
    if (!LOCALE_ROOT.test(rooted)) return;
    const locale = rooted.slice(0, -1).toLowerCase();
    const lang = page.lang?.toLowerCase();
    if (lang === undefined || lang === locale || lang.startsWith(`${locale}-`) || locale.startsWith(`${lang}-`)) ids.add(id);
  });
  for (const path of configured) {
    const id = find(path);
    if (id !== undefined) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

const NONE: Lookup = Object.freeze({ found: 'none' }) as Lookup;

/** Whether a link with these rel tokens passes link signals. */
export function isFollowed(rel: readonly string[]): boolean {
  return !rel.some((token) => token === 'nofollow' || token === 'ugc' || token === 'sponsored');
}

/** Compressed rows: edge ids grouped by `key[edge]`, by counting sort. */
function rows(key: Int32Array, size: number): { offsets: Int32Array; edges: Int32Array } {
  const offsets = new Int32Array(size + 1);
  for (const k of key) offsets[k + 1]!++;
  for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, size);
  const edges = new Int32Array(key.length);
  key.forEach((k, edge) => {
    edges[cursor[k]!++] = edge;
  });
  return { offsets, edges };
}
