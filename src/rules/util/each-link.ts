import type { Graph } from '../../graph/build-graph.js';

/**
 * Visit, page by page in link order, the links for which `wanted` holds.
 * `wanted` reads the graph's link table (`graph.links`, at flat index
 * `at`), so that the link records and resolutions of the links a rule does
 * not speak about are never read: most rules speak about few links.
 *
 * @param wanted whether the link at flat index `at` of page `pageId` is one to visit.
 * @param visit called with the page and the link's index in its `links`.
 */
export function eachLinkWhere(graph: Graph, wanted: (at: number, pageId: number) => boolean, visit: (pageId: number, index: number) => void): void {
  const { start } = graph.links;
  for (let pageId = 0; pageId < graph.pages.length; pageId++) {
    const first = start[pageId]!;
    const end = start[pageId + 1]!;
    for (let at = first; at < end; at++) if (wanted(at, pageId)) visit(pageId, at - first);
  }
}
