import { EDGE_CONTENT, EDGE_FOLLOWED, type Graph } from './build-graph.js';
import { clickDepth, shortestPath, type Depths } from './click-depth.js';
import { linkScores, pageRank } from './page-rank.js';

/**
 * Site-wide link metrics derived from the graph, computed once per graph and
 * shared by the rules and the per-page metrics of the result.
 */
export interface LinkMetrics {
  /** Click depth and shortest-path tree (followed links; pagination steps and hreflang alternates are free). */
  readonly depths: Depths;
  /** Internal link score 0-100 per page; `NaN` outside the page set. */
  readonly score: Float64Array;
  /** `1` for redirect stubs (meta refresh): their links do not count as inlinks. */
  readonly stub: Uint8Array;
  /** Pages that link here, excluding redirect stubs, sorted by page id. */
  linkers(pageId: number): readonly number[];
  /** Of those, pages with at least one content-region link here. */
  contentLinkers(pageId: number): readonly number[];
  /**
   * How many pages {@link linkers} (or, with `content`, {@link contentLinkers})
   * gives, counted no further than `cap`: whether a page has linkers costs
   * no list of every page that links to it (the home page's is every page).
   */
  countLinkers(pageId: number, cap: number, content?: boolean): number;
  /** Pages (not stubs) that name this page as an `hreflang` alternate. */
  alternateOf(pageId: number): readonly number[];
  /** One shortest path from an entry point, as page ids, entry first; `[]` when unreachable. */
  path(pageId: number): number[];
}

const cache = new WeakMap<Graph, LinkMetrics>();

/** The link metrics of a graph, computed on first use. */
export function linkMetrics(graph: Graph): LinkMetrics {
  let metrics = cache.get(graph);
  if (!metrics) cache.set(graph, (metrics = computeLinkMetrics(graph)));
  return metrics;
}

/** A paginated URL: `/blog/page/2/`, `/blog/page/2`. */
const PAGED = /\/page\/\d+\/?$/;
/**
 * A numbered URL, `/blog/2/` (Astro's `paginate()` with `[page]`): paginated
 * when its series root (`/blog/`) is a page too. Numbers up to 999 without a
 * leading zero, so that years (`/2024/`) and months (`/05/`) are not pages of a list.
 */
const NUMBERED = /\/[1-9]\d{0,2}\/?$/;

function computeLinkMetrics(graph: Graph): LinkMetrics {
  const pageCount = graph.pages.length;
  const stub = new Uint8Array(pageCount);
  graph.pages.forEach((page, pageId) => {
    if (page.refresh !== undefined) stub[pageId] = 1;
  });

  // hreflang alternates and rel=next/prev pairs, from the links of non-stub pages to other pages that
  // have attributes or `rel` tokens: the link table says which, so that no other link is read.
  const alternates: number[][] = Array.from({ length: pageCount }, () => []);
  const pagination = new Set<number>();
  const { links } = graph;
  for (let pageId = 0; pageId < pageCount; pageId++) {
    if (stub[pageId]) continue;
    const end = links.end(pageId);
    for (let at = links.start(pageId); at < end; at++) {
      const to = links.targetPage(at);
      if (!(links.hasAttributes(at) || links.hasRel(at)) || to === -1 || to === pageId) continue;
      const link = links.record(at);
      if ((link.source === 'link[href]' || link.source === 'a[href]') && link.attributes?.['hrefLang'] !== undefined && (link.source === 'a[href]' || link.rel.includes('alternate'))) {
        const list = alternates[to]!;
        if (list.at(-1) !== pageId) list.push(pageId);
      }
      if (link.rel.includes('next') || link.rel.includes('prev') || link.rel.includes('previous')) {
        pagination.add(pageId * pageCount + to);
        pagination.add(to * pageCount + pageId);
      }
    }
  }
  const paged = graph.pages.map((page) => {
    if (PAGED.test(page.url)) return true;
    if (!NUMBERED.test(page.url)) return false;
    const root = page.url.replace(NUMBERED, '/');
    return graph.pageId(root) !== undefined || graph.pageId(root.slice(0, -1)) !== undefined;
  });
  const series = graph.pages.map((page, pageId) => (paged[pageId] ? page.url.replace(PAGED.test(page.url) ? PAGED : NUMBERED, '') : page.url.replace(/\/$/, '')));

  // Adjacency for click depth: followed page links (a pagination step is free) plus free hreflang alternates.
  const offsets = new Int32Array(pageCount + 1);
  const { edgeFrom, edgeTo, edgeFlags } = graph;
  for (let edge = 0; edge < edgeFrom.length; edge++) if (edgeFlags[edge]! & EDGE_FOLLOWED) offsets[edgeFrom[edge]! + 1]!++;
  alternates.forEach((from) => {
    for (const source of from) offsets[source + 1]!++;
  });
  for (let i = 0; i < pageCount; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(offsets[pageCount]!);
  const free = new Uint8Array(targets.length);
  const cursor = offsets.slice(0, pageCount);
  for (let from = 0; from < pageCount; from++) {
    for (const edge of graph.outbound(from)) {
      if (!(edgeFlags[edge]! & EDGE_FOLLOWED)) continue;
      const to = edgeTo[edge]!;
      const slot = cursor[from]!++;
      targets[slot] = to;
      const step = pagination.has(from * pageCount + to) || ((paged[from]! || paged[to]!) && series[from] === series[to]);
      free[slot] = step ? 1 : 0;
    }
  }
  alternates.forEach((from, to) => {
    for (const source of from) {
      const slot = cursor[source]!++;
      targets[slot] = to;
      free[slot] = 1;
    }
  });
  const depths = clickDepth({ nodeCount: pageCount, offsets, targets, free, entries: graph.entries });

  // PageRank over followed links between pages of the page set.
  const node = new Int32Array(pageCount).fill(-1);
  const members: number[] = [];
  for (let pageId = 0; pageId < pageCount; pageId++) {
    if (graph.exclusion(pageId) === undefined) {
      node[pageId] = members.length;
      members.push(pageId);
    }
  }
  const rankOffsets = new Int32Array(members.length + 1);
  // At most one target per edge: a typed array of that size, cut to the targets kept.
  const rankTargets = new Int32Array(edgeTo.length);
  let kept = 0;
  members.forEach((pageId, index) => {
    for (const edge of graph.outbound(pageId)) {
      const to = node[edgeTo[edge]!]!;
      if (to !== -1 && edgeFlags[edge]! & EDGE_FOLLOWED) rankTargets[kept++] = to;
    }
    rankOffsets[index + 1] = kept;
  });
  const ranks = linkScores(pageRank({ nodeCount: members.length, offsets: rankOffsets, targets: rankTargets.subarray(0, kept) }));
  const score = new Float64Array(pageCount).fill(Number.NaN);
  members.forEach((pageId, index) => {
    score[pageId] = ranks[index]!;
  });

  const linkers = (pageId: number, content: boolean): number[] => {
    const list: number[] = [];
    for (const edge of graph.inbound(pageId)) {
      const from = edgeFrom[edge]!;
      if (stub[from] || (content && !(edgeFlags[edge]! & EDGE_CONTENT))) continue;
      list.push(from);
    }
    return list.sort((a, b) => a - b);
  };

  const countLinkers = (pageId: number, cap: number, content = false): number => {
    let count = 0;
    for (const edge of graph.inbound(pageId)) {
      if (count >= cap) break;
      if (!stub[edgeFrom[edge]!] && (!content || edgeFlags[edge]! & EDGE_CONTENT)) count++;
    }
    return count;
  };

  return {
    depths,
    score,
    stub,
    linkers: (pageId) => linkers(pageId, false),
    contentLinkers: (pageId) => linkers(pageId, true),
    countLinkers,
    alternateOf: (pageId) => alternates[pageId] ?? [],
    path: (pageId) => shortestPath(depths, pageId),
  };
}

/**
 * Whether no page links to `pageId`: no inlink from a page other than a
 * redirect stub, and not an `hreflang` alternate of a page that has inlinks
 * or is an entry point (a translation reached through its counterpart's
 * annotations is not isolated).
 */
export function isOrphan(graph: Graph, pageId: number): boolean {
  const metrics = linkMetrics(graph);
  if (metrics.countLinkers(pageId, 1) > 0) return false;
  return !metrics.alternateOf(pageId).some((other) => isEntry(graph, other) || metrics.countLinkers(other, 1) > 0);
}

/** Whether a page is an entry point. */
export function isEntry(graph: Graph, pageId: number): boolean {
  return graph.entries.includes(pageId);
}
