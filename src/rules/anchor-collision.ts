import { z } from 'zod';
import type { Graph } from '../graph/build-graph.js';
import { copyGroups } from '../graph/page-copies.js';
import { nameWords } from '../graph/page-names.js';
import { createRule } from './create-rule.js';
import { anchorKeys, byAnchorText, targetLabel } from './util/anchor-text.js';
import { isCodeName, LIGHTHOUSE_GENERIC_PHRASES, PhraseSet, phraseKeys, phraseLanguage } from './util/generic-phrases.js';

const RULE_ID = 'anchor-collision';
/** Targets shown in a message; `data` carries them all. */
const SHOWN = 5;

/** One link with a comparable target. */
interface Use {
  pageId: number;
  link: number;
  /** Identity of the destination: a page (its copies in other locales included), a path or a URL; sections of one page are that page. */
  key: number | string;
}

/**
 * One anchor text pointing at different pages: in the same context (one
 * paragraph, list item, table cell, definition or heading, as W3C ACT rule
 * fd3a94 compares links) by default, anywhere on the page with
 * `scope: 'page'`, and across the site's content links with `siteWide`.
 * Sections of one page, and copies of a page in other locales, are that
 * page: a table of contents, a permalink mark, a tab widget or a footnote
 * back-link never collides with the page. Texts without words (`¶`, `#`)
 * and texts `generic-anchor` reports ("read more", "here") are left alone.
 */
export const anchorCollision = createRule({
  meta: {
    id: RULE_ID,
    description: 'One anchor text pointing at different pages in the same context (paragraph, list item, table cell), or, as options, page- or site-wide.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Links with the same name should lead to the same place (W3C ACT rule fd3a94); otherwise readers, screen-reader link lists and search engines cannot tell them apart.',
  },
  options: z.strictObject({
    /**
     * Where links are compared on a page: `context` (one paragraph, list item,
     * table cell, definition, caption or heading: WCAG 2.4.4, level A) or
     * `page` (the whole page: WCAG 2.4.9, level AAA). Default `context`.
     */
    scope: z.enum(['context', 'page']).default('context'),
    /** Also compare content links across pages: one text, one target site-wide. Default false. */
    siteWide: z.boolean().default(false),
  }),
  check({ graph, options, report }) {
    const keyOf = phraseKeys(graph);
    const groups = copyGroups(graph);
    // Uses by normalised text ({@link anchorKeys} id).
    const siteWide = new Map<number, Use[]>();
    const { of: keyOfText, keys } = anchorKeys(graph);
    // Whether a text has words (each distinct text tested once): `¶` and `#` marks have none.
    const wordless = byAnchorText(graph, (text) => nameWords(text) === '');
    const codeName = byAnchorText(graph, isCodeName);
    const inContext = options.scope === 'context';
    const { links } = graph;
    // Labels are made only for the links a finding names.
    const label = (use: Use): string => targetLabel(graph, use.link);
    // Per language, whether a link's text is generic (each distinct text tested once).
    const genericByLanguage = new Map<string, (link: number) => boolean>();
    // Links per text on the page at hand (stamped with the page): a text used once on a page cannot
    // collide there, so unless texts are compared site-wide its links need no further look.
    const textUses = new Int32Array(keys.length);
    const stamps = new Int32Array(keys.length).fill(-1);
    graph.pages.forEach((page, pageId) => {
      const language = phraseLanguage(page.lang);
      let generic = genericByLanguage.get(language);
      if (generic === undefined) {
        const phrases = new PhraseSet(LIGHTHOUSE_GENERIC_PHRASES[language] ?? [], keyOf);
        genericByLanguage.set(language, (generic = byAnchorText(graph, (text) => phrases.has(text))));
      }
      // Uses by text, and in `context` scope by text and context (`text:context`). A name in code
      // is compared as written: `PERMANENT_SESSION_LIFETIME` and `permanent_session_lifetime` differ.
      const onPage = new Map<string, Use[]>();
      const contexts = page.contexts;
      // Redirect stubs give no links that count site-wide.
      const stub = graph.exclusion(pageId) === 'redirect';
      const pageStart = links.start(pageId);
      const pageEnd = links.end(pageId);
      if (!options.siteWide) {
        for (let link = pageStart; link < pageEnd; link++) {
          if (!links.isNavigation(link) || links.hasEmptyHref(link)) continue;
          const text = keyOfText[links.textId(link)]!;
          if (stamps[text] !== pageId) {
            stamps[text] = pageId;
            textUses[text] = 0;
          }
          textUses[text]!++;
        }
      }
      for (let link = pageStart; link < pageEnd; link++) {
        // `href=""` is non-crawlable-link's business.
        if (!links.isNavigation(link) || links.hasEmptyHref(link)) continue;
        const text = keyOfText[links.textId(link)]!;
        if ((!options.siteWide && textUses[text]! < 2) || keys[text] === '' || wordless(link) || generic(link)) continue;
        if (!links.isAnchor(link) || links.ignores(link, RULE_ID)) continue;
        const key = destination(graph, groups, link);
        if (key === undefined) continue;
        const use: Use = { pageId, link: link, key };
        const textKey = codeName(link) ? `c${links.textId(link)}` : `t${text}`;
        if (!inContext) push(onPage, textKey, use);
        else {
          // A link outside any paragraph, item or cell shares a context with none.
          const context = contexts?.[link - pageStart] ?? 0;
          if (context > 0) push(onPage, `${textKey}:${context}`, use);
        }
        if (options.siteWide && !stub && links.region(link) === 'content') push(siteWide, text, use);
      }
      for (const uses of onPage.values()) {
        const text = keys[keyOfText[links.textId(uses[0]!.link)]!]!;
        // Most texts lead to one target: decide that before grouping anything.
        if (oneDestination(uses)) continue;
        const byTarget = groupByKey(uses);
        const first = uses.find((use) => use.key !== uses[0]!.key)!;
        const labels = byTarget.map((group) => label(group[0]!));
        const targets = byTarget.slice(0, SHOWN).map((group, at) => `\`${labels[at]}\` (${group.length})`);
        if (byTarget.length > SHOWN) targets.push(`${byTarget.length - SHOWN} more`);
        report({
          pageId,
          link: links.index(first.link),
          message: `Anchor text "${text}" links to ${byTarget.length} different targets ${inContext ? 'in one paragraph, list item or table cell' : 'on this page'}: ${targets.join(', ')}; expected one target per text`,
          actual: label(first),
          expected: labels,
          data: { text, targets: byTarget.map((group, at) => ({ target: labels[at]!, links: group.length })) },
        });
      }
    });

    for (const [textKey, uses] of siteWide) {
      const text = keys[textKey]!;
      if (oneDestination(uses)) continue;
      const groups = groupByKey(uses);
      // The target most pages agree on is the expected one; every page that differs gets one finding.
      const pagesOf = (group: Use[]): number => new Set(group.map((use) => use.pageId)).size;
      const labels = new Map(groups.map((group) => [group, label(group[0]!)]));
      groups.sort((a, b) => pagesOf(b) - pagesOf(a) || (labels.get(a)! < labels.get(b)! ? -1 : labels.get(a)! > labels.get(b)! ? 1 : 0));
      const main = groups[0]!;
      const mainLabel = labels.get(main)!;
      const mainPages = new Set(main.map((use) => use.pageId));
      const reported = new Set<number>();
      for (const group of groups.slice(1)) {
        for (const use of group) {
          // Same-page collisions are already reported above.
          if (reported.has(use.pageId) || mainPages.has(use.pageId)) continue;
          reported.add(use.pageId);
          report({
            pageId: use.pageId,
            link: links.index(use.link),
            message: `Anchor text "${text}" links to \`${label(use)}\` here but to \`${mainLabel}\` from ${mainPages.size} other ${mainPages.size === 1 ? 'page' : 'pages'}; expected one target per text site-wide`,
            actual: label(use),
            expected: [mainLabel],
            data: { text, targets: groups.map((entries) => ({ target: labels.get(entries)!, pages: pagesOf(entries) })) },
          });
        }
      }
    }
  },
});

/**
 * Where a link leads, as a comparable key: a page (by its group of locale
 * copies), a path that is not a page, or a URL, each without its fragment,
 * since sections of one page are that page. Undefined for links that lead
 * nowhere comparable.
 */
function destination(graph: Graph, groups: Int32Array, link: number): number | string | undefined {
  const { target, lookup } = graph.links.resolved(link);
  switch (target.kind) {
    case 'internal':
      // One page under several URL spellings (`/a`, `/a/`, `/a/index.html`) is one target.
      return lookup.found === 'page' ? groups[lookup.pageId]! : `path:${target.path}`;
    case 'external':
    case 'mailto':
    case 'tel':
      return `url:${target.url}`;
    default:
      return undefined;
  }
}

function push<K>(map: Map<K, Use[]>, key: K, use: Use): void {
  const list = map.get(key);
  if (list) list.push(use);
  else map.set(key, [use]);
}

/** Whether every use leads to the same destination. */
function oneDestination(uses: readonly Use[]): boolean {
  const key = uses[0]!.key;
  for (let at = 1; at < uses.length; at++) if (uses[at]!.key !== key) return false;
  return true;
}

/** Uses grouped by destination, in order of first appearance. */
function groupByKey(uses: readonly Use[]): Use[][] {
  const groups = new Map<number | string, Use[]>();
  for (const use of uses) push(groups, use.key, use);
  return [...groups.values()];
}
