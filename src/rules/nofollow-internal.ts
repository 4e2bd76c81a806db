import picomatch from 'picomatch';
import { z } from 'zod';
import { createRule } from './create-rule.js';

/** `rel` tokens that keep a crawler from following a link or passing signals. */
const NOT_FOLLOWED = ['nofollow', 'ugc', 'sponsored'] as const;

/** An internal `<a>`/`<area>` link with `rel` nofollow, ugc or sponsored. */
export const nofollowInternal = createRule({
  meta: {
    id: 'nofollow-internal',
    description: 'Internal link with `rel` nofollow, ugc or sponsored.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Nofollow on your own links withholds link signals from your own pages; Google advises robots.txt, not nofollow, for URLs you do not want crawled.',
  },
  options: z.strictObject({
    /** Target URL globs where nofollow is intended (`/login/`). Default `[]`. */
    allow: z.array(z.string().min(1)).default([]),
  }),
  check({ graph, options, report }) {
    const allowed = options.allow.length > 0 ? picomatch(options.allow, { dot: true }) : undefined;
    const { links } = graph;
    links.each(
      (link) => links.isNavigation(link) && !links.isFollowed(link) && links.kind(link) === 'internal',
      (link, pageId, index) => {
        const record = links.record(link);
        const tokens = NOT_FOLLOWED.filter((token) => record.rel.includes(token));
        if (tokens.length === 0) return;
        const { target } = links.resolved(link);
        if (target.kind !== 'internal' || allowed?.(target.path)) return;
        report({
          pageId,
          link: index,
          message: `Internal link to \`${target.path}\` has \`rel="${tokens.join(' ')}"\`; expected a followed link to your own page`,
          expected: [record.rel.filter((token) => !tokens.includes(token as (typeof NOT_FOLLOWED)[number])).join(' ')],
          actual: record.rel.join(' '),
        });
      },
    );
  },
});
