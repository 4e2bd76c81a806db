import { createLinkResolver, type ResolvedLink } from '../resolve/link-resolver.js';
import { resolveHref } from '../resolve/resolve-href.js';
import type { SiteModel } from '../site/site-model.js';
import type { Exclusion, Lookup, PageRecord } from '../types.js';
import { FOUND, KIND, LINK_CONTENT, LINK_FOLLOWED, LINK_NAVIGATION, linkBits, LinkTable, type LinkColumns } from './link-table.js';
import { exclusionOf } from './page-set.js';

export type { ResolvedLink } from '../resolve/link-resolver.js';
export { LinkTable } from './link-table.js';

const CONTENT_NAVIGATION = LINK_NAVIGATION | LINK_CONTENT;

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
  /** Every link of the site: its record, target, region and traits, by link id. */
  readonly links: LinkTable;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeFlags: Uint8Array;
  /** Whether at least one link of an edge's pair of pages sits in a content region. */
  isContentEdge(edge: number): boolean;
  /** Whether at least one link of an edge's pair of pages is followed (no nofollow, ugc, sponsored). */
  isFollowedEdge(edge: number): boolean;
  /** Edge ids into a page. */
  inbound(pageId: number): Int32Array;
  /** Edge ids out of a page. */
  outbound(pageId: number): Int32Array;
  /** Page id for a page URL or output file, if it is a page. */
  pageId(pathOrFile: string): number | undefined;
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
  const threshold = options.templateThreshold ?? 0.5;
  const minRepeats = pageCount >= 5 ? Math.max(2, Math.ceil(threshold * pageCount)) : Infinity;
  const { columns, linkingPages } = resolveLinks(pages, createLinkResolver(site, options.site));
  const regions = linkRegions(pages, columns, linkingPages, minRepeats);
  const { edgeFrom, edgeTo, edgeFlags } = pageEdges(pageCount, columns, regions);
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
    links: new LinkTable(pages, columns, regions),
    edgeFrom,
    edgeTo,
    edgeFlags,
    isContentEdge: (edge) => (edgeFlags[edge]! & EDGE_CONTENT) !== 0,
    isFollowedEdge: (edge) => (edgeFlags[edge]! & EDGE_FOLLOWED) !== 0,
    inbound: (pageId) => inRows.edges.subarray(inRows.offsets[pageId], inRows.offsets[pageId + 1]),
    outbound: (pageId) => outRows.edges.subarray(outRows.offsets[pageId], outRows.offsets[pageId + 1]),
    pageId: (pathOrFile) => byUrl.get(pathOrFile),
    exclusion: (pageId) => exclusions[pageId],
    entries,
  };
}

/**
 * Step 1: resolve every link, and fill the link table's columns: flat
 * arrays indexed by `start[pageId] + linkIndex`, a few for the site instead
 * of some per page. Also counts, for each page, the pages that link to it
 * from outside landmarks (what step 2 needs).
 */
function resolveLinks(
  pages: readonly PageRecord[],
  resolverFor: (page: PageRecord) => (href: string) => ResolvedLink,
): { columns: LinkColumns; linkingPages: Int32Array } {
  const pageCount = pages.length;
  const linkStart = new Int32Array(pageCount + 1);
  for (let pageId = 0; pageId < pageCount; pageId++) linkStart[pageId + 1] = linkStart[pageId]! + pages[pageId]!.links.length;
  const linkCount = linkStart[pageCount]!;
  // Grown by push: an array made at its full length holds a large site's links in dictionary mode.
  const resolved: ResolvedLink[] = [];
  const linkKind = new Uint8Array(linkCount);
  const linkFound = new Uint8Array(linkCount);
  const linkPage = new Int32Array(linkCount).fill(-1);
  const linkBitSet = new Uint8Array(linkCount);
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
    const resolveLink = resolverFor(page);
    for (let index = 0; index < links.length; index++) {
      const link = links[index]!;
      const entry = resolveLink(link.href);
      resolved.push(entry);
      const at = start + index;
      const { target, lookup } = entry;
      linkKind[at] = KIND[target.kind];
      linkFound[at] = FOUND[lookup.found];
      const bits = linkBits(link, target);
      linkBitSet[at] = bits;
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
  }
  return { columns: { start: linkStart, kind: linkKind, found: linkFound, page: linkPage, bits: linkBitSet, text: linkText, texts, resolved }, linkingPages };
}

/**
 * Step 2: each link's effective region (0 content, 1 template): its
 * landmark region, or template when the same link (target and anchor
 * text) appears on at least `minRepeats` pages. Only pages linked from
 * enough pages to matter have their (target, text) pairs counted: each
 * distinct pair gets an integer id (texts keyed per target page), so that
 * the counts are read from an array; most links never have their text
 * looked at.
 */
function linkRegions(pages: readonly PageRecord[], table: LinkColumns, linkingPages: Int32Array, minRepeats: number): Uint8Array {
  const { start: linkStart, page: linkPage, bits: linkBits } = table;
  const pageCount = pages.length;
  const linkCount = linkStart[pageCount]!;
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
  const regions = new Uint8Array(linkCount);
  for (let at = 0; at < linkCount; at++) {
    let content = (linkBits[at]! & LINK_CONTENT) !== 0;
    const key = linkKeys[at]!;
    if (content && key !== -1) content = keyCounts[key]! < minRepeats;
    regions[at] = content ? 0 : 1;
  }
  return regions;
}

/**
 * Step 3: one edge per (from, to) pair of pages, in typed arrays of their
 * exact size (counted first), flags accumulated over the pair's links.
 * `edgeSource[to] === from` marks a pair already seen on this page, and
 * `edgeOf[to]` is the pair's edge. Arrays of one slot per link, cut
 * afterwards, would cost a large site's heap full collections for typed
 * arrays made only to be dropped.
 */
function pageEdges(pageCount: number, table: LinkColumns, regions: Uint8Array): { edgeFrom: Int32Array; edgeTo: Int32Array; edgeFlags: Uint8Array } {
  const { start: linkStart, page: linkPage, bits: linkBits } = table;
  const edgeSource = new Int32Array(pageCount).fill(-1);
  let edges = 0;
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const end = linkStart[pageId + 1]!;
    for (let at = linkStart[pageId]!; at < end; at++) {
      const target = linkPage[at]!;
      if (target === -1 || target === pageId || (linkBits[at]! & LINK_NAVIGATION) === 0 || edgeSource[target] === pageId) continue;
      edgeSource[target] = pageId;
      edges++;
    }
  }
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
  return { edgeFrom, edgeTo, edgeFlags };
}

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
