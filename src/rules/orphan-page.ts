import { z } from 'zod';
import { isOrphan } from '../graph/link-metrics.js';
import { createRule } from './create-rule.js';
import { allowOption, candidatePages, linkerFields, suggestionsOption } from './util/page-rules.js';

/**
 * A page of the page set that no other page links to. Links from redirect
 * stubs do not count; an `hreflang` alternate of a linked page is not an
 * orphan. Suggests pages that should link to it.
 */
export const orphanPage = createRule({
  meta: {
    id: 'orphan-page',
    description: 'Page in the page set that no other page links to.',
    defaultLevel: 'error',
    scope: 'site',
    rationale: 'Search engines and readers find pages through links; Google asks that every page you care about be linked from at least one other page.',
  },
  options: z.strictObject({
    /** URL globs of pages meant to stand alone (`/thanks/`, `/campaign/**`). Default `[]`. */
    allow: allowOption,
    /** Pages to suggest as linkers, 0-10. Default 3. */
    suggestions: suggestionsOption,
  }),
  check({ graph, options, report, step }) {
    for (const pageId of candidatePages(graph, options.allow)) {
      if (!isOrphan(graph, pageId)) continue;
      const url = graph.pages[pageId]!.url;
      const { tail, fields } = linkerFields(graph, pageId, { limit: options.suggestions, step });
      report({ pageId, message: `No other page links to \`${url}\`${tail}`, ...fields });
    }
  },
});
