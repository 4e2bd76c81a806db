import { resolveHref } from '../resolve/resolve-href.js';
import type { SiteModel } from '../site/site-model.js';
import type { LinkSource, Lookup, PageRecord, Region, Target } from '../types.js';
import { exclusionOf, type Exclusion } from './page-set.js';

/** A link with its target and what the target names in the output. */
export interface ResolvedLink {
  target: Target;
  lookup: Lookup;
}

/** Link sources that make page-to-page edges: what a crawler follows. */
export const NAVIGATION_SOURCES: ReadonlySet<LinkSource> = new Set(['a[href]', 'area[href]']);

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
  // Pass 1: resolve every link, and count on how many pages each (target, text) link appears.
  const repeats = new Map<string, number>();
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const page = pages[pageId]!;
    const context = { pageUrl: page.url, baseHref: page.baseHref, site: options.site, base: site.base };
    const row: ResolvedLink[] = [];
    const seen = new Set<string>();
    for (const link of page.links) {
      const target = resolveHref(link.href, context);
      const lookup: Lookup = target.kind === 'internal' ? site.lookup(target.sitePath) : NONE;
      row.push({ target, lookup });
      // Count only links outside landmarks: a nav link must not make a content link of the same text look repeated.
      if (lookup.found === 'page' && link.region === 'content' && NAVIGATION_SOURCES.has(link.source)) {
        const key = repeatKey(lookup.pageId, link.text);
        if (!seen.has(key)) {
          seen.add(key);
          repeats.set(key, (repeats.get(key) ?? 0) + 1);
        }
      }
    }
    resolved.push(row);
  }
  const threshold = options.templateThreshold ?? 0.5;
  const minRepeats = pageCount >= 5 ? Math.max(2, Math.ceil(threshold * pageCount)) : Infinity;

  // Pass 2: effective regions and one edge per (from, to) pair; flags accumulate over the pair's links.
  const regions: Uint8Array[] = [];
  const pairs = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const flags: number[] = [];
  for (let pageId = 0; pageId < pageCount; pageId++) {
    const page = pages[pageId]!;
    const row = resolved[pageId]!;
    const region = new Uint8Array(page.links.length);
    page.links.forEach((link, index) => {
      const { lookup } = row[index]!;
      let content = link.region === 'content';
      if (content && lookup.found === 'page' && NAVIGATION_SOURCES.has(link.source)) {
        content = (repeats.get(repeatKey(lookup.pageId, link.text)) ?? 0) < minRepeats;
      }
      region[index] = content ? 0 : 1;
      if (lookup.found !== 'page' || lookup.pageId === pageId || !NAVIGATION_SOURCES.has(link.source)) return;
      const bits = (content ? EDGE_CONTENT : 0) | (isFollowed(link.rel) ? EDGE_FOLLOWED : 0);
      const key = pageId * pageCount + lookup.pageId;
      const edge = pairs.get(key);
      if (edge === undefined) {
        pairs.set(key, from.length);
        from.push(pageId);
        to.push(lookup.pageId);
        flags.push(bits);
      } else {
        flags[edge] = flags[edge]! | bits;
      }
    });
    regions.push(region);
  }

  const edgeFrom = Int32Array.from(from);
  const edgeTo = Int32Array.from(to);
  const edgeFlags = Uint8Array.from(flags);
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
    edgeFrom,
    edgeTo,
    edgeFlags,
    inbound: (pageId) => inRows.edges.subarray(inRows.offsets[pageId], inRows.offsets[pageId + 1]),
    outbound: (pageId) => outRows.edges.subarray(outRows.offsets[pageId], outRows.offsets[pageId + 1]),
    pageId: (pathOrFile) => byUrl.get(pathOrFile),
    regionOf: (pageId, linkIndex) => (regions[pageId]![linkIndex] === 1 ? 'template' : 'content'),
    exclusion: (pageId) => exclusions[pageId],
    entries,
  };
}

function repeatKey(pageId: number, text: string): string {
  return `${pageId}\u0000${text.toLowerCase()}`;
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
