import { createRule } from './create-rule.js';
import { closestMatch } from './util/closest-match.js';

/** Fragments that browsers scroll to without a matching id. */
const IMPLICIT = new Set(['', 'top']);

/**
 * `#id` on the same page or on another page with no element of that `id`
 * (or `a[name]`) on the target.
 */
export const brokenFragment = createRule({
  meta: {
    id: 'broken-fragment',
    description: 'Link to `#fragment` (same page or another page) where the target has no element with that `id` or `a[name]`.',
    defaultLevel: 'error',
    scope: 'page',
    rationale: 'A broken fragment drops the reader at the top of a long page instead of the section the link promised.',
  },
  check({ graph, report }) {
    const idSets = new Map<number, ReadonlySet<string>>();
    const idsOf = (pageId: number): ReadonlySet<string> => {
      let ids = idSets.get(pageId);
      if (!ids) {
        ids = new Set(graph.pages[pageId]!.ids);
        idSets.set(pageId, ids);
      }
      return ids;
    };
    const { links } = graph;
    links.each(
      (link) => links.hasFragment(link) && links.found(link) === 'page',
      (link, pageId, index) => {
        const { target, lookup } = links.resolved(link);
        if (target.kind !== 'internal' || lookup.found !== 'page' || target.fragment === undefined) return;
        const fragment = target.fragment;
        if (IMPLICIT.has(fragment.toLowerCase())) return;
        const ids = idsOf(lookup.pageId);
        if (ids.has(fragment)) return;
        const targetPage = graph.pages[lookup.pageId]!;
        const match = closestMatch(fragment, [...ids]);
        const where = lookup.pageId === pageId ? 'this page' : `\`${targetPage.url}\``;
        const finding = {
          pageId,
          link: index,
          message: `Fragment \`#${fragment}\` has no matching \`id\` on ${where}${match ? `; did you mean \`#${match}\`?` : ''}`,
          expected: match ? [`#${match}`] : [],
          actual: `#${fragment}`,
        };
        report(match ? { ...finding, suggestions: [`${targetPage.url}#${match}`] } : finding);
      },
    );
  },
});
