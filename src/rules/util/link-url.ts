import type { Graph } from '../../graph/build-graph.js';

/** Stands in for the page's own origin when the site has none: never requested. */
const PLACEHOLDER = 'https://linkgraph.invalid/';

/**
 * The absolute URL an href names when it says its own scheme or host:
 * a scheme (`http:`, `file:`), a protocol-relative `//host`, or a relative
 * href under an absolute `<base href>`. Relative hrefs on the page's own
 * origin give undefined: their scheme and host are the deployed site's.
 */
export function explicitUrl(graph: Graph, pageId: number, href: string): URL | undefined {
  const page = graph.pages[pageId]!;
  const pageBase = graph.origin ?? PLACEHOLDER;
  try {
    if (/^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//')) return new URL(href, pageBase);
    if (page.baseHref !== undefined && (/^[a-z][a-z\d+.-]*:/i.test(page.baseHref) || page.baseHref.startsWith('//'))) {
      return new URL(href, new URL(page.baseHref, pageBase));
    }
  } catch {
    // Not a URL: non-crawlable-link and broken-internal-link speak about it.
  }
  return undefined;
}

/** Whether a URL names the author's own machine: localhost, `*.localhost`, 127.0.0.0/8, `[::1]`, `0.0.0.0`. */
export function isLocalHost(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
