import { pageLocales } from '../graph/page-copies.js';
import { createRule } from './create-rule.js';

/**
 * Link from a page in one locale to a page in another, when the target
 * exists in the linking page's own locale: a French page that sends its
 * reader to the English copy of a page that has a French one (as
 * starlight-links-validator's `errorOnInconsistentLocale`). Language
 * switchers are left alone: links with `hreflang`, and links to a locale's
 * home page.
 */
export const inconsistentLocale = createRule({
  meta: {
    id: 'inconsistent-locale',
    description: 'Link from a page in one locale to a page in another when the target exists in the linking page\'s own locale.',
    // Off unless the site is multilingual by design: the Astro integration turns it on when Starlight is present.
    defaultLevel: 'off',
    scope: 'page',
    rationale: 'A reader of one language who follows a link expects the page in that language; a link that crosses locales where a translation exists drops them into another language.',
  },
  check({ graph, report }) {
    const { locale, rest, pageAt } = pageLocales(graph);
    const { links } = graph;
    links.each(
      (link, pageId) => {
        const target = links.targetPage(link);
        return links.isNavigation(link) && target !== -1 && target !== pageId && locale[target] !== locale[pageId] && rest[target] !== '';
      },
      (link, pageId, index) => {
        const record = links.record(link);
        if (!links.isAnchor(link) || record.attributes?.['hrefLang'] !== undefined) return;
        const { lookup, target } = links.resolved(link);
        if (lookup.found !== 'page' || target.kind !== 'internal') return;
        const own = pageAt(locale[pageId]!, rest[lookup.pageId]!);
        if (own === undefined || own === lookup.pageId) return;
        const expected = `${graph.pages[own]!.url}${target.fragment === undefined ? '' : `#${target.fragment}`}`;
        const from = locale[pageId] === '' ? 'the default locale' : `\`/${locale[pageId]}\``;
        report({
          pageId,
          link: index,
          message: `Link to \`${target.path}\` leaves ${from} for a page that exists in it too; did you mean \`${expected}\`?`,
          expected: [expected],
          actual: record.href,
          suggestions: [expected],
        });
      },
    );
  },
});
