import { z } from 'zod';
import { LINK_ATTRIBUTES, LINK_NAVIGATION } from '../graph/build-graph.js';
import { createRule } from './create-rule.js';
import { isAnchorLink } from './util/anchor-text.js';

/** A page with more than `max` links (`<a href>` and `<area href>`). */
export const tooManyLinks = createRule({
  meta: {
    id: 'too-many-links',
    description: 'Page with more than `max` links (`<a href>` and `<area href>`, default 3000).',
    defaultLevel: 'warn',
    rationale: 'Each link on a page passes a smaller share of its weight, and crawlers may stop following links on very long lists.',
  },
  options: z.strictObject({
    /** Most links a page may have. Default 3000 (Semrush's threshold). */
    max: z.number().int().min(0).default(3000),
  }),
  check({ graph, options, report }) {
    const { start, bits } = graph.links;
    graph.pages.forEach((page, pageId) => {
      // A page with no more links of any kind than `max` passes without a count.
      const first = start[pageId]!;
      if (start[pageId + 1]! - first <= options.max) return;
      let count = 0;
      // From the link table: an `<a href>` or `<area href>`, whose record is read only when it has
      // attributes (an `<a>` without href is kept as one, with `missingHref`).
      for (let at = first; at < start[pageId + 1]!; at++) {
        const bit = bits[at]!;
        if (bit & LINK_NAVIGATION && (!(bit & LINK_ATTRIBUTES) || isAnchorLink(page.links[at - first]!))) count++;
      }
      if (count <= options.max) return;
      report({
        pageId,
        message: `Page has ${count} links; expected at most ${options.max}`,
        actual: String(count),
        data: { links: count, max: options.max },
      });
    });
  },
});
