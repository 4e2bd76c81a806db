import { z } from 'zod';
import { linkMetrics } from '../graph/link-metrics.js';
import { createRule } from './create-rule.js';
import { allowOption, candidatePages } from './util/page-rules.js';

/** A page of the page set that exactly one other page links to. */
export const singleInlink = createRule({
  meta: {
    id: 'single-inlink',
    description: 'Page that exactly one other page links to.',
    defaultLevel: 'off',
    scope: 'site',
    rationale: 'A page hanging on one link disappears from the graph when that link goes; Semrush, Ahrefs and Botify report such pages.',
  },
  options: z.strictObject({
    /** URL globs of pages left alone. Default `[]`. */
    allow: allowOption,
  }),
  check({ graph, options, report }) {
    const metrics = linkMetrics(graph);
    for (const pageId of candidatePages(graph, options.allow)) {
      if (metrics.countLinkers(pageId, 2) !== 1) continue;
      const from = graph.pages[metrics.linkers(pageId)[0]!]!.url;
      report({ pageId, message: `Only \`${from}\` links to \`${graph.pages[pageId]!.url}\`; expected links from at least 2 pages`, data: { linkers: [from] } });
    }
  },
});
