import { z } from 'zod';
import type { Graph } from '../graph/build-graph.js';
import { isOrphan, linkMetrics } from '../graph/link-metrics.js';
import { createRule } from './create-rule.js';
import { allowOption, candidatePages, urlList } from './util/page-rules.js';

/**
 * A page that has inlinks but that no entry point reaches over followed
 * links: an island of pages that link only each other, or a page linked only
 * with `rel=nofollow`. Pages without any inlink are `orphan-page`'s.
 */
export const unreachablePage = createRule({
  meta: {
    id: 'unreachable-page',
    description: 'Page with inlinks that is not reachable from any entry point over followed links (an island).',
    defaultLevel: 'error',
    scope: 'site',
    rationale: 'A crawler starting from the home page never finds an island of pages that link only each other; crawl-based tools report them as orphans.',
  },
  options: z.strictObject({
    /** URL globs of pages left alone. Default `[]`. */
    allow: allowOption,
  }),
  check({ graph, options, report }) {
    // Without an entry point (no home page, no `entries`), reachability means nothing.
    if (graph.entries.length === 0) return;
    const metrics = linkMetrics(graph);
    const island = islands(graph, metrics.depths.depth);
    for (const pageId of candidatePages(graph, options.allow)) {
      if (metrics.depths.depth[pageId] !== -1 || isOrphan(graph, pageId)) continue;
      const url = graph.pages[pageId]!.url;
      const linkers = [...new Set([...metrics.linkers(pageId), ...metrics.alternateOf(pageId)])].sort((a, b) => a - b);
      const reachable = linkers.filter((from) => metrics.depths.depth[from] !== -1);
      const urls = (ids: readonly number[]): string[] => ids.map((id) => graph.pages[id]!.url);
      const size = island.size(pageId);
      const message =
        reachable.length > 0
          ? `\`${url}\` is linked only with \`rel=nofollow\` (from ${urlList(urls(reachable))}), so no entry point reaches it over followed links`
          : `No entry point reaches \`${url}\`: it is linked only from ${urlList(urls(linkers))}, which no entry point reaches either (an island of ${size} page${size === 1 ? '' : 's'})`;
      // The island's first pages only: one large island must not make the report quadratic.
      report({ pageId, message, data: { linkers: urls(linkers.slice(0, MAX_LISTED)), islandSize: size, island: urls(island.members(pageId).slice(0, MAX_LISTED)) } });
    }
  },
});

/** Most URLs listed in a finding's data. */
const MAX_LISTED = 20;

/** Groups of unreachable pages connected by links in either direction. */
function islands(graph: Graph, depth: Int32Array): { size(pageId: number): number; members(pageId: number): number[] } {
  const group = new Int32Array(graph.pages.length).fill(-1);
  const groups: number[][] = [];
  for (let start = 0; start < graph.pages.length; start++) {
    if (depth[start] !== -1 || group[start] !== -1) continue;
    const members = [start];
    group[start] = groups.length;
    for (let i = 0; i < members.length; i++) {
      const page = members[i]!;
      const visit = (other: number): void => {
        if (depth[other] === -1 && group[other] === -1) {
          group[other] = groups.length;
          members.push(other);
        }
      };
      for (const edge of graph.outbound(page)) if (graph.isFollowedEdge(edge)) visit(graph.edgeTo[edge]!);
      for (const edge of graph.inbound(page)) if (graph.isFollowedEdge(edge)) visit(graph.edgeFrom[edge]!);
    }
    groups.push(members.sort((a, b) => a - b));
  }
  return {
    size: (pageId) => groups[group[pageId]!]?.length ?? 0,
    members: (pageId) => groups[group[pageId]!] ?? [],
  };
}
