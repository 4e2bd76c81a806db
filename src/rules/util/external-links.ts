import type { Graph } from '../../graph/build-graph.js';
import type { ExternalResults, ExternalStatus } from '../../engine/external-stage.js';
import type { LinkRecord } from '../../types.js';

/** `<link rel>` values that name an origin to warm up, not a resource: never checked. */
export const HINT_RELS: ReadonlySet<string> = new Set(['preconnect', 'dns-prefetch']);

/** Whether a link names a resource worth requesting (not a connection hint). */
export function isCheckableExternal(link: LinkRecord): boolean {
  return !(link.source === 'link[href]' && link.rel.some((rel) => HINT_RELS.has(rel)));
}

/** One external link of a page with its URL's status. */
export interface ExternalLink {
  pageId: number;
  /** Index into the page's links. */
  index: number;
  /** Absolute URL without fragment. */
  url: string;
  fragment: string | undefined;
  status: ExternalStatus;
}

/**
 * Every external link whose URL was checked, in page and document order.
 * Nothing when the outbound check did not run.
 */
export function* externalLinks(graph: Graph, external: ExternalResults | undefined): Generator<ExternalLink> {
  if (!external?.checked) return;
  const { links } = graph;
  for (let link = 0; link < links.size; link++) {
    if (links.kind(link) !== 'external' || !isCheckableExternal(links.record(link))) continue;
    const { target } = links.resolved(link);
    if (target.kind !== 'external') continue;
    const status = external.statuses.get(target.url);
    if (status) yield { pageId: links.page(link), index: links.index(link), url: target.url, fragment: target.fragment, status };
  }
}
