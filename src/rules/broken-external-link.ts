import { createRule } from './create-rule.js';
import { externalLinks } from './util/external-links.js';

/**
 * External link whose URL is broken: 404, 410 or another client error, a
 * name that does not resolve (while other hosts do), a refused connection,
 * a TLS failure, a redirect loop.
 */
export const brokenExternalLink = createRule({
  meta: {
    id: 'broken-external-link',
    description: 'External link whose URL answers 404, 410 or another client error, does not resolve, refuses the connection, fails TLS or loops in redirects.',
    defaultLevel: 'error',
    scope: 'page',
    rationale: 'A dead outbound link breaks the promise a citation or reference makes, and readers lose trust in the page.',
  },
  check({ graph, external, report }) {
    for (const link of externalLinks(graph, external)) {
      const { status } = link;
      if (status.state !== 'broken') continue;
      const grace = status.pending ? ` (failing in ${status.pending.runs} run${status.pending.runs === 1 ? '' : 's'} since ${status.pending.since.slice(0, 10)}; within the grace period, so a warning for now)` : '';
      report({
        pageId: link.pageId,
        link: link.index,
        message: `External link to \`${link.url}\` is broken: ${status.reason}${grace}`,
        expected: ['a 2xx answer'],
        actual: status.status === undefined ? status.reason : String(status.status),
        ...(status.pending ? { severity: 'warn' as const, data: { pending: status.pending } } : {}),
      });
    }
  },
});
