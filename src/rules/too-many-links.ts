import { z } from 'zod';
import { createRule } from './create-rule.js';

/** A page with more than `max` links (`<a href>` and `<area href>`). */
export const tooManyLinks = createRule({
  meta: {
    id: 'too-many-links',
    description: 'Page with more than `max` links (`<a href>` and `<area href>`, default 3000).',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Each link on a page passes a smaller share of its weight, and crawlers may stop following links on very long lists.',
  },
  options: z.strictObject({
    /** Most links a page may have. Default 3000 (Semrush's threshold). */
    max: z.number().int().min(0).default(3000),
  }),
  check({ graph, options, report }) {
    const { links } = graph;
    graph.pages.forEach((_, pageId) => {
      const end = links.end(pageId);
      // A page with no more links of any kind than `max` passes without a count.
      if (end - links.start(pageId) <= options.max) return;
      let count = 0;
      for (let link = links.start(pageId); link < end; link++) if (links.isAnchor(link)) count++;
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
