import { z } from 'zod';
import { createRule } from './create-rule.js';
import { byAnchorText, targetLabel, topicPhrases } from './util/anchor-text.js';
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
    const lists = new Map<string, (link: number) => boolean>();
    const listFor = (lang: string): ((link: number) => boolean) => {
      let onList = lists.get(lang);
      if (!onList) {
        const list = new PhraseSet([...(LIGHTHOUSE_GENERIC_PHRASES[lang] ?? []), ...added].filter((phrase) => !removed.has(phrase)), keyOf);
        lists.set(lang, (onList = byAnchorText(graph, (text) => list.has(text))));
      }
      return onList;
    };
    const bareUrl = byAnchorText(graph, isBareUrl);
    const { links } = graph;
    // The list of the page at hand, by its language.
    let listPage = -1;
    let lang = '';
    let onList = listFor(phraseLanguage(undefined));
    links.each(
      // As in Lighthouse: links to scripts, mail and this page's own sections are not judged.
      (link, pageId) => {
        if (!links.isNavigation(link) || links.targetPage(link) === pageId) return false;
        const kind = links.kind(link);
        return kind !== 'javascript' && kind !== 'mailto' && kind !== 'invalid';
      },
      (link, pageId, index) => {
        const page = graph.pages[pageId]!;
        const text = links.text(link);
        if (!links.isAnchor(link) || text === '') return;
        if (listPage !== pageId) {
          listPage = pageId;
          lang = phraseLanguage(page.lang);
          onList = listFor(lang);
        }
        // Most links are fine: decide first, and build the message's labels only for findings.
        const bare = options.bareUrls && bareUrl(link);
        if (!bare && (!onList(link) || isCodeName(text))) return;
        const { lookup } = links.resolved(link);
        const { href } = links.record(link);
        const key = keyOf(text);
        const to = targetLabel(graph, link);
        const topics = lookup.found === 'page' && lookup.pageId !== pageId ? topicPhrases(graph, lookup.pageId).slice(0, 1) : [];
        const hint = topics.length > 0 ? `; did you mean "${topics[0]}"?` : '';
        if (bare) {
          report({
            pageId,
            link: index,
            message: `Anchor text is a bare URL \`${text}\`; expected words that describe ${sameUrl(text, href, to) ? 'the target' : `\`${to}\``}${hint}`,
            actual: text,
            suggestions: topics,
          });
          return;
        }
        report({
          pageId,
          link: index,
          message: `Anchor text "${text}" says nothing about \`${to}\` out of context; expected words that describe the target${hint}`,
          actual: text,
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
