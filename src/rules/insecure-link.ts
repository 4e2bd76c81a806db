import picomatch from 'picomatch';
import { z } from 'zod';
import type { LinkRecord } from '../types.js';
import { createRule } from './create-rule.js';
import { explicitUrl, isLocalHost } from './util/link-url.js';

/** `<link rel>` values whose href the browser loads into the page. */
const SUBRESOURCE_RELS = new Set(['stylesheet', 'icon', 'apple-touch-icon', 'preload', 'modulepreload', 'manifest']);

/**
 * `http:` link from an `https:` site (the `site` option). Subresources the
 * page loads (images, scripts, stylesheets, frames, media) are mixed content
 * and reported as errors.
 */
export const insecureLink = createRule({
  meta: {
    id: 'insecure-link',
    description: '`http:` link from an `https:` site; an `http:` subresource (image, script, stylesheet, frame, media) is mixed content, an error.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Browsers block or flag mixed content on https pages, and plain-http links expose readers to downgrade and tampering.',
  },
  options: z.strictObject({
    /** Hosts (globs, `*.example.org`) that may be linked over `http:`. Default none. */
    allowHosts: z.array(z.string()).default([]),
  }),
  check({ graph, options, report }) {
    if (graph.origin === undefined || !graph.origin.toLowerCase().startsWith('https:')) return;
    const allowed = options.allowHosts.length > 0 ? picomatch(options.allowHosts, { nocase: true }) : () => false;
    graph.pages.forEach((page, pageId) => {
      page.links.forEach((link, index) => {
        const url = explicitUrl(graph, pageId, link.href);
        // Local hosts are localhost-link's business.
        if (url === undefined || url.protocol !== 'http:' || isLocalHost(url) || allowed(url.hostname)) return;
        const secure = new URL(url.href);
        secure.protocol = 'https:';
        const suggestion = link.href.trim().toLowerCase().startsWith('http:') ? `https:${link.href.trim().slice(5)}` : secure.href;
        const mixed = isSubresource(link);
        report({
          pageId,
          link: index,
          message: mixed
            ? `\`${link.source}\` loads \`${url.href}\` over \`http:\` on an \`https:\` site (mixed content); did you mean \`${suggestion}\`?`
            : `Link to \`${url.href}\` uses \`http:\` on an \`https:\` site; did you mean \`${suggestion}\`?`,
          ...(mixed ? { severity: 'error' as const } : {}),
          expected: [suggestion],
          actual: link.href,
          suggestions: [suggestion],
        });
      });
    });
  },
});

/** Whether the browser loads the URL into the page rather than navigating to it. */
function isSubresource(link: LinkRecord): boolean {
  switch (link.source) {
    case 'a[href]':
    case 'area[href]':
    case 'meta[refresh]':
      return false;
    case 'link[href]':
      return link.rel.some((rel) => SUBRESOURCE_RELS.has(rel));
    default:
      return true;
  }
}
