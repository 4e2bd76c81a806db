import { z } from 'zod';
import { createRule } from './create-rule.js';
import { closestMatch } from './util/closest-match.js';

/**
 * Internal link or resource whose target is not in the output.
 */
export const brokenInternalLink = createRule({
  meta: {
    id: 'broken-internal-link',
    description: 'Internal link or resource (a, area, link, img/srcset, source, script, iframe, video, audio, object, meta refresh) whose target is not in the output.',
    defaultLevel: 'error',
    scope: 'page',
    rationale: 'A broken link loses the reader and wastes crawl budget; a missing asset breaks the page.',
  },
  options: z.strictObject({
    /** Link `rel` values of `<link>` elements that do not name a resource to check (`preconnect`, `dns-prefetch`). */
    skipRel: z.array(z.string()).default(['preconnect', 'dns-prefetch', 'canonical', 'alternate']),
  }),
  check({ graph, options, report }) {
    const skip = new Set(options.skipRel);
    // Candidate lists are built only when a link is broken.
    let urlList: string[] | undefined;
    let assetList: string[] | undefined;
    const urls = (): string[] => (urlList ??= graph.pages.map((page) => page.url));
    const assets = (): string[] => (assetList ??= [...graph.site.files].filter((file) => !/\.html?$/i.test(file)).map((file) => graph.site.base + file));
    // A missing target is mostly linked from many pages (a template's link, a renamed page): one search each.
    const closest = { page: new Map<string, string | undefined>(), file: new Map<string, string | undefined>() };
    const closestTo = (path: string, isPage: boolean): string | undefined => {
      const known = isPage ? closest.page : closest.file;
      if (known.has(path)) return known.get(path);
      const match = closestMatch(path, isPage ? urls() : assets());
      known.set(path, match);
      return match;
    };
    const { links } = graph;
    links.each(
      (link) => links.kind(link) === 'internal' && links.found(link) === 'none',
      (link, pageId, index) => {
        const { target } = links.resolved(link);
        if (target.kind !== 'internal') return;
        const record = links.record(link);
        if (record.source === 'link[href]' && record.rel.some((rel) => skip.has(rel))) return;
        const isPage = record.source === 'a[href]' || record.source === 'area[href]' || record.source === 'meta[refresh]' || record.source === 'iframe[src]';
        // A root-relative link that forgot the base path is the commonest base mistake.
        const inBase = target.sitePath.startsWith('/') ? graph.site.lookup(target.sitePath.slice(1)) : undefined;
        const match =
          inBase && inBase.found !== 'none' && inBase.found !== 'unknown'
            ? `${graph.site.base}${target.sitePath.slice(1)}`
            : closestTo(target.path, isPage);
        const what = isPage ? 'page' : 'file';
        const finding = {
          pageId,
          link: index,
          message: `Link to \`${target.path}\` has no ${what} in the output${match ? `; did you mean \`${match}\`?` : ''}`,
          expected: match ? [match] : [],
          actual: target.path,
        };
        report(match ? { ...finding, suggestions: [match] } : finding);
      },
    );
  },
});
