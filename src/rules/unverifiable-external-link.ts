import { createRule } from './create-rule.js';
import { externalLinks } from './util/external-links.js';

/**
 * External link that could not be verified: bot protection, rate limits
 * after retries, timeouts, server errors after retries, access denied.
 */
export const unverifiableExternalLink = createRule({
  meta: {
    id: 'unverifiable-external-link',
    description: 'External link whose URL could not be verified: bot protection (403 with `cf-mitigated`, 999), rate limits or server errors after retries, timeouts, access denied.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'A blocked or overloaded host says nothing about the link; reporting it as broken would teach people to ignore real failures, so it is a separate, softer finding.',
  },
  check({ graph, external, report }) {
    for (const link of externalLinks(graph, external)) {
      const { status } = link;
      if (status.state !== 'unverifiable') continue;
      report({
        pageId: link.pageId,
        link: link.index,
        message: `External link to \`${link.url}\` could not be verified: ${status.reason}`,
        ...(status.status === undefined ? {} : { actual: String(status.status) }),
      });
    }
  },
});
