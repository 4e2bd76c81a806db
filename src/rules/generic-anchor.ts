import { z } from 'zod';
import { KIND, LINK_NAVIGATION } from '../graph/build-graph.js';
import { createRule } from './create-rule.js';
import { byAnchorText, isAnchorLink, targetLabel, topicPhrases } from './util/anchor-text.js';
import { eachLinkWhere } from './util/each-link.js';
import { isBareUrl, isCodeName, LIGHTHOUSE_GENERIC_PHRASES, PhraseSet, phraseKey, phraseKeys, phraseLanguage } from './util/generic-phrases.js';

/**
 * Anchor text that says nothing out of context ("click here", "read more"),
 * from Lighthouse's per-language `link-text` lists chosen by the page's
 * `lang`, and, when asked, bare URLs used as anchor text. A name in code
 * (`#start`, `start()`, `Server::start`) is not a phrase: API references
 * link methods by name.
 */
export const genericAnchor = createRule({
  meta: {
    id: 'generic-anchor',
    description: 'Anchor text that says nothing out of context ("click here", "read more"), per the page\'s language (and, with `bareUrls`, a bare URL).',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Search engines and screen-reader users read anchor text out of context; "click here" tells neither what the target is about.',
  },
  options: z.strictObject({
    /** Phrases reported on every page, whatever its language (compared like the lists: lower case, no edge punctuation). Default none. */
    add: z.array(z.string()).default([]),
    /** Phrases of the Lighthouse lists not to report. Default none. */
    remove: z.array(z.string()).default([]),
    /**
     * Report a full `http(s)://` URL used as anchor text. Default false: manuals
     * and references spell out the URLs they cite (Google's guidance allows it
     * for "referencing a URL"), and on the real-site corpus every one was such
     * a citation.
     */
    bareUrls: z.boolean().default(false),
  }),
  check({ graph, options, report }) {
    const keyOf = phraseKeys(graph);
    const added = options.add.map(phraseKey);
    const removed = new Set(options.remove.map(phraseKey));
    // Per language, whether a link's text is on its list (each distinct text tested once).
    const lists = new Map<string, (at: number) => boolean>();
    const listFor = (lang: string): ((at: number) => boolean) => {
      let onList = lists.get(lang);
      if (!onList) {
        const list = new PhraseSet([...(LIGHTHOUSE_GENERIC_PHRASES[lang] ?? []), ...added].filter((phrase) => !removed.has(phrase)), keyOf);
        lists.set(lang, (onList = byAnchorText(graph, (text) => list.has(text))));
      }
      return onList;
    };
    const bareUrl = byAnchorText(graph, isBareUrl);
    const { start, kind, page: targetOf, bits } = graph.links;
    // The list of the page at hand, by its language.
    let listPage = -1;
    let lang = '';
    let onList = listFor(phraseLanguage(undefined));
    eachLinkWhere(
      graph,
      // As in Lighthouse: links to scripts, mail and this page's own sections are not judged.
      (at, pageId) =>
        (bits[at]! & LINK_NAVIGATION) !== 0 && kind[at] !== KIND.javascript && kind[at] !== KIND.mailto && kind[at] !== KIND.invalid && targetOf[at] !== pageId,
      (pageId, index) => {
        const page = graph.pages[pageId]!;
        const link = page.links[index]!;
        if (!isAnchorLink(link) || link.text === '') return;
        if (listPage !== pageId) {
          listPage = pageId;
          lang = phraseLanguage(page.lang);
          onList = listFor(lang);
        }
        const at = start[pageId]! + index;
        // Most links are fine: decide first, and build the message's labels only for findings.
        const bare = options.bareUrls && bareUrl(at);
        if (!bare && (!onList(at) || isCodeName(link.text))) return;
        const { lookup } = graph.resolved[pageId]![index]!;
        const key = keyOf(link.text);
        const to = targetLabel(graph, pageId, index);
        const topics = lookup.found === 'page' && lookup.pageId !== pageId ? topicPhrases(graph, lookup.pageId).slice(0, 1) : [];
        const hint = topics.length > 0 ? `; did you mean "${topics[0]}"?` : '';
        if (bare) {
          report({
            pageId,
            link: index,
            message: `Anchor text is a bare URL \`${link.text}\`; expected words that describe ${sameUrl(link.text, link.href, to) ? 'the target' : `\`${to}\``}${hint}`,
            actual: link.text,
            suggestions: topics,
          });
          return;
        }
        report({
          pageId,
          link: index,
          message: `Anchor text "${link.text}" says nothing about \`${to}\` out of context; expected words that describe the target${hint}`,
          actual: link.text,
          suggestions: topics,
          data: { phrase: key, language: lang },
        });
      },
    );
  },
});

/** Whether a bare-URL text names the link's own href or target (then the message need not repeat it). */
function sameUrl(text: string, href: string, target: string): boolean {
  const strip = (url: string): string => url.trim().replace(/\/$/, '');
  return strip(text) === strip(href) || strip(text) === strip(target);
}
