import picomatch from 'picomatch';
import { z } from 'zod';
import type { Graph } from '../graph/build-graph.js';
import { resolveHref } from '../resolve/resolve-href.js';
import type { Lookup, Target } from '../types.js';
import { createRule } from './create-rule.js';
import { externalLinks } from './util/external-links.js';

/** Redirect hops followed inside the site before giving up (a loop). */
const MAX_HOPS = 10;

/**
 * Link whose target redirects: an internal page that is a redirect page
 * (`<meta http-equiv=refresh>`) or a configured redirect (`redirects`), or
 * an external URL that answers with a permanent redirect (301, 308). The
 * fix is the final target; redirects that loop reach no page, and say so.
 */
export const linkToRedirect = createRule({
  meta: {
    id: 'link-to-redirect',
    description: 'Link to a redirect: an internal redirect page (`meta refresh`) or configured redirect, or an external URL permanently redirected (301, 308); names the final target.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Every redirect costs the reader a round trip and dilutes the link for search engines; linking to the final URL is faster and survives the redirect being removed.',
  },
  options: z.strictObject({
    /**
     * URL globs of internal redirects that are meant to be linked, such as
     * i18n fallback pages (the Astro integration adds those). Default `[]`.
     */
    allow: z.array(z.string()).default([]),
  }),
  check({ graph, options, external, report }) {
    const allowed = options.allow.length > 0 ? picomatch(options.allow, { dot: true }) : () => false;
    const { links } = graph;
    // Only links to a redirect page or a configured redirect have a hop to walk.
    const redirects = Uint8Array.from(graph.pages, (target) => (target.refresh === undefined ? 0 : 1));
    links.each(
      (link) => links.isNavigation(link) && (links.found(link) === 'redirect' || (links.targetPage(link) !== -1 && redirects[links.targetPage(link)] === 1)),
      (link, pageId, index) => {
        const { target, lookup } = links.resolved(link);
        if (target.kind !== 'internal') return;
        const final = finalTarget(graph, target, lookup);
        if (final === undefined || allowed(target.path)) return;
        if (typeof final !== 'string') {
          report({
            pageId,
            link: index,
            message: `Link to \`${target.path}\` reaches no page: its redirects go round in a loop (${final.loop.map((path) => `\`${path}\``).join(' → ')})`,
            actual: target.path,
          });
          return;
        }
        const fixed = withFragment(final, target.fragment);
        const how = lookup.found === 'redirect' ? 'a configured redirect' : 'a redirect page';
        report({
          pageId,
          link: index,
          message: `Link to \`${target.path}\` goes through ${how} to \`${final}\`; link to \`${fixed}\` instead`,
          expected: [fixed],
          actual: target.path,
          suggestions: [fixed],
        });
      },
    );
    for (const link of externalLinks(graph, external)) {
      const { status } = link;
      if (status.state !== 'redirected') continue;
      const fixed = withFragment(status.location, link.fragment);
      report({
        pageId: link.pageId,
        link: link.index,
        message: `External link to \`${link.url}\` is permanently redirected (${status.status}) to \`${status.location}\`; link to \`${fixed}\` instead`,
        expected: [fixed],
        actual: link.url,
        suggestions: [fixed],
      });
    }
  },
});

/**
 * Where an internal target ends after following redirect pages and
 * configured redirects: a path or URL, the paths of a loop when the
 * redirects come back to one already followed, or undefined when it is no
 * redirect.
 */
function finalTarget(graph: Graph, target: Extract<Target, { kind: 'internal' }>, lookup: Lookup): string | { loop: string[] } | undefined {
  // Most links lead to a page that redirects nowhere: no hop to walk.
  if (lookup.found === 'page' ? graph.pages[lookup.pageId]!.refresh === undefined : lookup.found !== 'redirect') return undefined;
  let current: Target = target;
  let found: Lookup = lookup;
  let hops = 0;
  const seen: string[] = [];
  for (; hops < MAX_HOPS; hops++) {
    if (current.kind !== 'internal') break;
    if (seen.includes(current.path)) return { loop: [...seen, current.path] };
    seen.push(current.path);
    let next: Target | undefined;
    if (found.found === 'redirect') {
      next = resolveHref(found.to, { pageUrl: current.path, site: undefined, base: graph.site.base });
    } else if (found.found === 'page') {
      const page = graph.pages[found.pageId]!;
      if (page.refresh === undefined) break;
      const index = page.links.findIndex((link) => link.source === 'meta[refresh]');
      next = index === -1 ? undefined : graph.links.resolved(graph.links.at(found.pageId, index)).target;
    }
    if (next === undefined || next.kind === 'invalid') break;
    current = next;
    found = next.kind === 'internal' ? graph.site.lookup(next.sitePath) : { found: 'none' };
  }
  if (hops === 0) return undefined;
  if (current.kind === 'internal') return `${current.path}${current.query ?? ''}`;
  return current.url;
}

/** A URL with the link's fragment put back (the redirect target's own fragment wins). */
function withFragment(url: string, fragment: string | undefined): string {
  if (fragment === undefined || url.includes('#')) return url;
  return `${url}#${fragment}`;
}
