import { createRule } from './create-rule.js';
import { closestMatch } from './util/closest-match.js';
import { externalLinks } from './util/external-links.js';

/** Fragments that browsers scroll to without a matching id, and text fragments. */
const IMPLICIT = /^(top)?$|^:~:/i;

/**
 * `#fragment` on an external HTML page that has no element with that id.
 * Needs `external.checkFragments` (default on) and a page read whole.
 */
export const brokenExternalFragment = createRule({
  meta: {
    id: 'broken-external-fragment',
    description: 'Link to `#fragment` on an external HTML page that has no element with that `id` or `a[name]`.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'The reader lands at the top of someone else\'s page instead of the cited section; a warning, since scripts on that page may add ids later.',
  },
  check({ graph, external, report }) {
    for (const link of externalLinks(graph, external)) {
      const { status, fragment } = link;
      if (fragment === undefined || IMPLICIT.test(fragment)) continue;
      if ((status.state !== 'ok' && status.state !== 'redirected') || !status.ids) continue;
      if (status.ids.has(fragment)) continue;
      const match = closestMatch(fragment, [...status.ids]);
      report({
        pageId: link.pageId,
        link: link.index,
        message: `Fragment \`#${fragment}\` has no matching \`id\` on \`${link.url}\`${match ? `; did you mean \`#${match}\`?` : ''}`,
        expected: match ? [`#${match}`] : [],
        actual: `#${fragment}`,
        ...(match ? { suggestions: [`${link.url}#${match}`] } : {}),
      });
    }
  },
});
