import { resolveHref } from '../resolve/resolve-href.js';
import type { SiteModel } from '../site/site-model.js';
import type { LinkSource, Lookup, PageRecord, Target } from '../types.js';

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
}

/** Options of {@link buildGraph}. */
export interface BuildGraphOptions {
  /** Origin of the deployed site, so that absolute links to it are internal. */
  site?: string | undefined;
}

/**
 * Build the link graph from page records and the site model.
 *
 * @param pages page records; `pages[i].file` must be `site.pageFiles[i]`.
 * @param site the site model that resolves paths to pages and assets.
 * @param options the site origin.
 */
export function buildGraph(pages: readonly PageRecord[], site: SiteModel, options: BuildGraphOptions = {}): Graph {
  const resolved: ResolvedLink[][] = [];
  const pairs = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const flags: number[] = [];
  const pageCount = pages.length;

  for (let pageId = 0; pageId < pageCount; pageId++) {
    const page = pages[pageId]!;
    const context = { pageUrl: page.url, baseHref: page.baseHref, site: options.site, base: site.base };
    const row: ResolvedLink[] = [];
    for (const link of page.links) {
      const target = resolveHref(link.href, context);
      const lookup: Lookup = target.kind === 'internal' ? site.lookup(target.sitePath) : NONE;
      row.push({ target, lookup });
      if (lookup.found !== 'page' || lookup.pageId === pageId || !NAVIGATION_SOURCES.has(link.source)) continue;
      const bits = (link.region === 'content' ? EDGE_CONTENT : 0) | (isFollowed(link.rel) ? EDGE_FOLLOWED : 0);
      // One edge per (from, to) pair; flags accumulate over the pair's links.
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
    }
    resolved.push(row);
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

  return {
    pages,
    site,
    resolved,
    edgeFrom,
    edgeTo,
    edgeFlags,
    inbound: (pageId) => inRows.edges.subarray(inRows.offsets[pageId], inRows.offsets[pageId + 1]),
    outbound: (pageId) => outRows.edges.subarray(outRows.offsets[pageId], outRows.offsets[pageId + 1]),
    pageId: (pathOrFile) => byUrl.get(pathOrFile),
  };
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
