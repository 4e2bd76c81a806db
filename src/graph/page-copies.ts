import type { Graph } from './build-graph.js';
import { linkMetrics } from './link-metrics.js';

/** Where each page sits among the site's locales. */
export interface PageLocales {
  /** Per page: its locale root (`fr/`), or `''` for pages outside every locale root (the default locale). */
  readonly locale: readonly string[];
  /** Per page: its path under its locale root, without a trailing slash (`guide` for `/fr/guide/`). */
  readonly rest: readonly string[];
  /** The page at `rest` under a locale root (`''` for the default locale), if there is one. */
  pageAt(locale: string, rest: string): number | undefined;
}

const localeCache = new WeakMap<Graph, PageLocales>();

/**
 * The site's pages by locale: a locale root is an entry point one segment
 * deep (`/fr/`, found by its `lang` or configured, as Astro's and
 * Starlight's locales are), and every page under it belongs to it.
 */
export function pageLocales(graph: Graph): PageLocales {
  let locales = localeCache.get(graph);
  if (locales === undefined) localeCache.set(graph, (locales = computeLocales(graph)));
  return locales;
}

function computeLocales(graph: Graph): PageLocales {
  const { base } = graph.site;
  const prefixes = graph.entries
    .map((pageId) => graph.pages[pageId]!.url.slice(base.length))
    .filter((path) => path !== '' && !path.slice(0, -1).includes('/'))
    .map((path) => (path.endsWith('/') ? path : `${path}/`));
  const locale: string[] = [];
  const rest: string[] = [];
  const byPlace = new Map<string, number>();
  graph.pages.forEach((page, pageId) => {
    const path = page.url.slice(base.length);
    const prefix = prefixes.find((candidate) => path.startsWith(candidate) || `${path}/` === candidate) ?? '';
    locale.push(prefix);
    rest.push(path.slice(prefix.length).replace(/\/$/, ''));
    const place = `${prefix}\u0000${rest[pageId]}`;
    if (!byPlace.has(place)) byPlace.set(place, pageId);
  });
  return { locale, rest, pageAt: (at, path) => byPlace.get(`${at}\u0000${path}`) };
}

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
  const { rest } = pageLocales(graph);
  const byRest = new Map<string, number>();
  graph.pages.forEach((_, pageId) => {
    for (const alternate of linkMetrics(graph).alternateOf(pageId)) union(pageId, alternate);
    const first = byRest.get(rest[pageId]!);
    if (first === undefined) byRest.set(rest[pageId]!, pageId);
    else union(first, pageId);
  });
  return Int32Array.from(parent, (_, pageId) => find(pageId));
}
