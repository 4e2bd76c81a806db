import { KIND, LINK_NAVIGATION } from '../graph/build-graph.js';
import { pageLocales } from '../graph/page-copies.js';
import { createRule } from './create-rule.js';
import { isAnchorLink } from './util/anchor-text.js';
import { eachLinkWhere } from './util/each-link.js';

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
    const { kind, page: targetOf, bits } = graph.links;
    eachLinkWhere(
      graph,
      (at, pageId) => {
        const target = targetOf[at]!;
        return (bits[at]! & LINK_NAVIGATION) !== 0 && kind[at] === KIND.internal && target !== -1 && target !== pageId && locale[target] !== locale[pageId] && rest[target] !== '';
      },
      (pageId, index) => {
        const link = graph.pages[pageId]!.links[index]!;
        if (!isAnchorLink(link) || link.attributes?.['hrefLang'] !== undefined) return;
        const { lookup, target } = graph.resolved[pageId]![index]!;
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
          actual: link.href,
          suggestions: [expected],
        });
      },
    );
  },
});
