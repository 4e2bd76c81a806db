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

/**
 * Whether a URL names the author's own machine: localhost, `*.localhost`,
 * 127.0.0.0/8, `[::1]`, `0.0.0.0`, `[::]`, and the IPv4 ones written as
 * IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`).
 */
export function isLocalHost(url: URL): boolean {
  const lower = url.hostname.toLowerCase();
  const host = mappedIpv4(lower) ?? lower;
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '0.0.0.0' ||
    host === '[::1]' ||
    host === '[::]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * The IPv4 address an IPv4-mapped IPv6 host stands for: the URL parser
 * writes `[::ffff:127.0.0.1]` as `[::ffff:7f00:1]`, which is 127.0.0.1.
 *
 * @param host a host name as `URL` gives it, brackets or not.
 * @returns the dotted IPv4 address, or undefined when the host is not IPv4-mapped.
 */
export function mappedIpv4(host: string): string | undefined {
  const match = /^\[?::ffff:(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d{1,3}(?:\.\d{1,3}){3}))\]?$/i.exec(host);
  if (!match) return undefined;
  if (match[3] !== undefined) return match[3];
  const high = Number.parseInt(match[1]!, 16);
  const low = Number.parseInt(match[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}
