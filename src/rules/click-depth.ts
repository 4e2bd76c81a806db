import { z } from 'zod';
import { linkMetrics } from '../graph/link-metrics.js';
import { createRule } from './create-rule.js';
import { allowOption, candidatePages } from './util/page-rules.js';

/**
 * A page more than `maxDepth` clicks from the nearest entry point over
 * followed links. A pagination step (`rel=next/prev`, `/page/N/`) and an
 * `hreflang` alternate cost no click.
 */
export const clickDepth = createRule({
  meta: {
    id: 'click-depth',
    description: 'Page more than `maxDepth` clicks (default 3) from the nearest entry point; the message shows the shortest path.',
    defaultLevel: 'warn',
    scope: 'site',
    rationale: 'Pages buried deep are crawled less often and found by fewer readers; Screaming Frog and Semrush flag pages more than three clicks from home.',
  },
  options: z.strictObject({
    /** Most clicks from an entry point. Default 3. */
    maxDepth: z.number().int().min(1).default(3),
    /** URL globs of pages left alone. Default `[]`. */
    allow: allowOption,
  }),
  check({ graph, options, report }) {
    const metrics = linkMetrics(graph);
    for (const pageId of candidatePages(graph, options.allow)) {
      const depth = metrics.depths.depth[pageId]!;
      if (depth <= options.maxDepth) continue;
      const ids = metrics.path(pageId);
      const path = ids.map((id) => graph.pages[id]!.url);
      // `⇢` marks a step that costs no click (a pagination step or an hreflang alternate), `→` a click.
      const steps = ids.map((id, i) => `${i === 0 ? '' : metrics.depths.depth[id] === metrics.depths.depth[ids[i - 1]!] ? ' ⇢ ' : ' → '}\`${graph.pages[id]!.url}\``).join('');
      report({
        pageId,
        message: `\`${graph.pages[pageId]!.url}\` is ${depth} clicks from the nearest entry point, more than \`${options.maxDepth}\`: ${steps}`,
        expected: [`at most ${options.maxDepth} clicks`],
        actual: `${depth} clicks`,
        data: { depth, path },
      });
    }
  },
});
