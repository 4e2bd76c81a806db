import picomatch from 'picomatch';
import { z } from 'zod';
import { createRule } from './create-rule.js';
import { allowOption } from './util/page-rules.js';

/** A page of the page set with no link to another page of the site. */
export const deadEndPage = createRule({
  meta: {
    id: 'dead-end-page',
    description: 'Page with no internal links to other pages.',
    defaultLevel: 'off',
    scope: 'site',
    rationale: 'A page without links ends the reader’s journey and passes no link value on; Screaming Frog and Ahrefs report it.',
  },
  options: z.strictObject({
    /** URL globs of pages left alone. Default `[]`. */
    allow: allowOption,
  }),
  check({ graph, options, report }) {
    const allowed = options.allow.length > 0 ? picomatch(options.allow, { dot: true }) : undefined;
    graph.pages.forEach((page, pageId) => {
      if (graph.exclusion(pageId) !== undefined || allowed?.(page.url)) return;
      if (graph.outbound(pageId).length > 0) return;
      report({ pageId, message: `\`${page.url}\` links to no other page of the site; expected at least one internal link` });
    });
  },
});
