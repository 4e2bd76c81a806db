import picomatch from 'picomatch';
import { z } from 'zod';
import type { Graph } from '../../graph/build-graph.js';
import { isEntry } from '../../graph/link-metrics.js';
import { formatSuggestion, suggestLinkers, type SuggestOptions } from '../../suggest/link-suggestions.js';
import type { RuleLevel } from '../../types.js';
import type { FindingInput } from '../create-rule.js';

/** Option `allow`: URL globs (`/thanks/**`) of pages the rule leaves alone. Default `[]`. */
export const allowOption = z.array(z.string().min(1)).default([]);

/** Option `suggestions`: how many pages that could link to be suggested, 0-10. Default 3. */
export const suggestionsOption = z.number().int().min(0).max(10).default(3);

/** The rules with a `suggestions` option: their suggestions are the only reader of page texts. */
const SUGGESTING_RULES = ['orphan-page', 'content-orphan'] as const;

/**
 * Whether a check with these rule settings reads page texts: only the
 * linker suggestions of orphan-page and content-orphan do (the text index
 * and the mentions they quote), so a host that reads pages can leave the
 * texts out when both rules are off or suggest nothing.
 */
export function readsPageText(rules: ReadonlyMap<string, { level: RuleLevel; options: unknown }>): boolean {
  return SUGGESTING_RULES.some((id) => {
    const rule = rules.get(id);
    return rule !== undefined && rule.level !== 'off' && (rule.options as { suggestions: number }).suggestions > 0;
  });
}

/**
 * The pages a page-level graph rule looks at: in the page set, not an entry
 * point, not the site's search page, and not matched by the rule's `allow`
 * globs.
 */
export function candidatePages(graph: Graph, allow: readonly string[]): number[] {
  const allowed = allow.length > 0 ? picomatch([...allow], { dot: true }) : undefined;
  const search = searchPages(graph);
  const ids: number[] = [];
  graph.pages.forEach((page, pageId) => {
    if (graph.exclusion(pageId) !== undefined || isEntry(graph, pageId) || search.has(pageId)) return;
    if (allowed?.(page.url)) return;
    ids.push(pageId);
  });
  return ids;
}

/**
 * The site's search pages: targets of `<link rel="search">`, as Sphinx
 * names its search page on every page. Visitors reach them through the
 * search box (a form, which no rule follows), by design.
 */
function searchPages(graph: Graph): ReadonlySet<number> {
  const found = new Set<number>();
  const { links } = graph;
  links.each(
    (link, pageId) => links.hasRel(link) && links.targetPage(link) !== -1 && links.targetPage(link) !== pageId,
    (link) => {
      const record = links.record(link);
      if (record.source === 'link[href]' && record.rel.includes('search')) found.add(links.targetPage(link));
    },
  );
  return found;
}

/**
 * Pages that should link to a page, as finding fields: `suggestions`
 * (`/guide/ ("…sentence…")`), `data.suggestions` (structured), and a
 * message tail naming the best one.
 */
export function linkerFields(graph: Graph, pageId: number, options: SuggestOptions): { tail: string; fields: Pick<FindingInput, 'suggestions' | 'data'> } {
  const found = suggestLinkers(graph, pageId, options);
  const best = found[0];
  const tail = best === undefined ? '' : best.phrase === undefined ? `; a related page that could link to it: \`${best.url}\`` : `; \`${best.url}\` mentions “${best.phrase}” without a link`;
  return {
    tail,
    fields: {
      suggestions: found.map(formatSuggestion),
      data: { suggestions: found.map(({ pageId: _id, ...rest }) => rest) },
    },
  };
}

/** A list of URLs in backticks, sorted, at most `max`, with `and N more`. */
export function urlList(urls: readonly string[], max = 3): string {
  const shown = [...urls].sort().slice(0, max).map((url) => `\`${url}\``).join(', ');
  return urls.length > max ? `${shown} and ${urls.length - max} more` : shown;
}
