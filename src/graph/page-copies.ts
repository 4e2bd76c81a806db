import type { Graph } from './build-graph.js';
import { linkMetrics } from './link-metrics.js';

const cache = new WeakMap<Graph, Int32Array>();

/**
 * Copies of one page in other languages, as one group: pages that name
 * each other as `hreflang` alternates, and pages at the same path under the
 * site's locale roots (`/fr/guide/` and `/guide/`, as Starlight writes an
 * untranslated page under each locale). Rules that count linking pages
 * count a group once, so that one link written once and copied into four
 * locales is one page's link, not four.
 *
 * @returns for each page id, the smallest page id of its group.
 */
export function copyGroups(graph: Graph): Int32Array {
  let groups = cache.get(graph);
  if (groups === undefined) cache.set(graph, (groups = computeGroups(graph)));
  return groups;
}

function computeGroups(graph: Graph): Int32Array {
  const parent = Int32Array.from(graph.pages, (_, pageId) => pageId);
  const find = (pageId: number): number => {
    let root = pageId;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[pageId] !== root) [pageId, parent[pageId]] = [parent[pageId]!, root];
    return root;
  };
  const union = (a: number, b: number): void => {
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  };
  const { base } = graph.site;
  const locales = graph.entries.map((pageId) => graph.pages[pageId]!.url.slice(base.length)).filter((path) => path !== '' && !path.slice(0, -1).includes('/'));
  const prefixes = locales.map((path) => (path.endsWith('/') ? path : `${path}/`));
  const byRest = new Map<string, number>();
  graph.pages.forEach((page, pageId) => {
    for (const alternate of linkMetrics(graph).alternateOf(pageId)) union(pageId, alternate);
    let rest = page.url.slice(base.length);
    const prefix = prefixes.find((candidate) => rest.startsWith(candidate) || `${rest}/` === candidate);
    if (prefix !== undefined) rest = rest.slice(prefix.length);
    rest = rest.replace(/\/$/, '');
    const first = byRest.get(rest);
    if (first === undefined) byRest.set(rest, pageId);
    else union(first, pageId);
  });
  return Int32Array.from(parent, (_, pageId) => find(pageId));
}
