import { z } from 'zod';
import { linkMetrics } from '../graph/link-metrics.js';
import { createRule } from './create-rule.js';
import { allowOption, candidatePages, linkerFields, suggestionsOption, urlList } from './util/page-rules.js';

/**
 * A page whose inlinks all sit in template regions (navigation, header,
 * footer, sidebar, or links repeated on most pages): no page links to it
 * from its content. Suggests pages that should.
 */
export const contentOrphan = createRule({
  meta: {
    id: 'content-orphan',
    description: 'Page whose inlinks all come from template regions (nav, header, footer, sidebar), none from page content.',
    // 7 of 10 findings on the real-site corpus were defects: below the 90% a rule needs to be on by default.
    defaultLevel: 'off',
    scope: 'site',
    rationale: 'Google asks to link to pages in context: a link inside related text tells readers and search engines what the page is about, a menu entry does not.',
  },
  options: z.strictObject({
    /** URL globs of pages left alone (`/contact/`). Default `[]`. */
    allow: allowOption,
    /** Pages to suggest as linkers, 0-10. Default 3. */
    suggestions: suggestionsOption,
  }),
  check({ graph, options, report, step }) {
    const metrics = linkMetrics(graph);
    for (const pageId of candidatePages(graph, options.allow)) {
      if (metrics.countLinkers(pageId, 1) === 0 || metrics.countLinkers(pageId, 1, true) > 0) continue;
      const linkers = metrics.linkers(pageId);
      const url = graph.pages[pageId]!.url;
      const { tail, fields } = linkerFields(graph, pageId, { limit: options.suggestions, step });
      report({
        pageId,
        message: `\`${url}\` is linked only from navigation and other template regions (on ${urlList(linkers.map((id) => graph.pages[id]!.url))}), never from page content${tail}`,
        ...fields,
      });
    }
  },
});
