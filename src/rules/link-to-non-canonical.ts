import { resolveHref } from '../resolve/resolve-href.js';
import { createRule } from './create-rule.js';

/**
 * Link to a page whose `<link rel=canonical>` names another URL: the link
 * should point at the canonical URL instead.
 */
export const linkToNonCanonical = createRule({
  meta: {
    id: 'link-to-non-canonical',
    description: 'Link to a page whose canonical URL is another page.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Search engines consolidate signals on the canonical URL; links to a duplicate send mixed signals and waste crawl budget.',
  },
  check({ graph, report }) {
    const canonicals = new Map<number, string | undefined>();
    const canonicalOf = (pageId: number): string | undefined => {
      if (canonicals.has(pageId)) return canonicals.get(pageId);
      let url: string | undefined;
      const target = graph.pages[pageId]!;
      const exclusion = graph.exclusion(pageId);
      if ((exclusion === 'canonicalised' || exclusion === undefined) && target.canonical !== undefined && target.canonical !== '') {
        const resolved = resolveHref(target.canonical, { pageUrl: target.url, baseHref: target.baseHref, site: graph.origin, base: graph.site.base });
        if (exclusion === 'canonicalised') {
          url = resolved.kind === 'internal' ? `${resolved.path}${resolved.query ?? ''}` : resolved.kind === 'external' ? resolved.url : target.canonical;
        } else if (resolved.kind === 'external' && graph.origin !== undefined) {
          // The page set judges canonicals on this site; one on another origin points elsewhere too.
          url = resolved.url;
        }
      }
      canonicals.set(pageId, url);
      return url;
    };
    const { links } = graph;
    links.each(
      (link, pageId) => links.isNavigation(link) && links.targetPage(link) !== -1 && links.targetPage(link) !== pageId && canonicalOf(links.targetPage(link)) !== undefined,
      (link, pageId, index) => {
        const { target, lookup } = links.resolved(link);
        const record = links.record(link);
        if (!links.isAnchor(link) || lookup.found !== 'page' || target.kind !== 'internal') return;
        const canonical = canonicalOf(lookup.pageId)!;
        const suggestion = target.fragment === undefined ? canonical : `${canonical}#${target.fragment}`;
        report({
          pageId,
          link: index,
          message: `Link to \`${target.path}\` points at a page whose canonical URL is \`${canonical}\`; did you mean \`${suggestion}\`?`,
          expected: [suggestion],
          actual: record.href,
          suggestions: [suggestion],
        });
      },
    );
  },
});

