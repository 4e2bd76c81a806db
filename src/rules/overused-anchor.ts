import { z } from 'zod';
import { copyGroups } from '../graph/page-copies.js';
import { callsByName } from '../graph/page-names.js';
import { createRule } from './create-rule.js';
import { anchorKeys, normaliseAnchor, topicPhrases } from './util/anchor-text.js';

const RULE_ID = 'overused-anchor';
/** Distribution entries shown in the message; `data` carries them all. */
const SHOWN = 5;
/** Alternative phrasings suggested. */
const ALTERNATIVES = 3;
/** Longer headings make poor anchor texts. */
const MAX_ALTERNATIVE_LENGTH = 60;

/**
 * A target whose inbound content links mostly use one exact anchor text.
 * Template links (landmarks, and links repeated on most pages) never count,
 * so site navigation cannot trigger it; nor do links to a section of the
 * page (`#fragment`), whose text names the section. Copies of one linking
 * page in other locales count once. A text that calls the page by its name
 * (its title, first heading or URL slug, or a run of their words) is how
 * indexes, listings and API references link by nature, not stuffing.
 */
export const overusedAnchor = createRule({
  meta: {
    id: RULE_ID,
    description: 'Page whose inbound content links mostly use one exact anchor text; the message shows the distribution.',
    defaultLevel: 'warn',
    scope: 'site',
    rationale: 'Varied, descriptive anchor texts tell readers and search engines what a page covers; the same exact-match text everywhere looks over-optimised.',
  },
  options: z.strictObject({
    /** Fewest distinct linking pages (content links) before a target is judged. Default 5. */
    minLinks: z.number().int().min(1).default(5),
    /** Share (0-1) of inbound content links with one anchor text at or above which it is reported. Default 0.6. */
    maxShare: z.number().gt(0).max(1).default(0.6),
  }),
  check({ graph, options, report }) {
    // Per target page: normalised anchor text -> how many pages use it (each page once per text),
    // and how many pages link with any text. Pages come in order, so a stamp (the last page
    // counted) replaces a set of pages per text.
    const byTarget: (TargetTally | undefined)[] = new Array<TargetTally | undefined>(graph.pages.length);
    // Redirect stubs (Astro writes a "Redirecting from …" link on each) give no links that count.
    const stubs = Uint8Array.from(graph.pages, (_, pageId) => (graph.exclusion(pageId) === 'redirect' ? 1 : 0));
    const { links } = graph;
    const { of: keyOf, keys } = anchorKeys(graph);
    const groups = copyGroups(graph);
    // Pages with copies are counted by group, through a set; every other page by its stamp.
    const copied = new Uint8Array(graph.pages.length);
    groups.forEach((group, pageId) => {
      if (group !== pageId) copied[pageId] = copied[group] = 1;
    });
    const count = (tally: Tally, pageId: number): void => {
      if (tally.last === pageId) return;
      tally.last = pageId;
      if (copied[pageId] === 0) tally.pages++;
      else {
        const group = groups[pageId]!;
        tally.groups ??= new Set();
        if (tally.groups.has(group)) return;
        tally.groups.add(group);
        tally.pages++;
      }
    };
    links.each(
      // Landmark links are template links: only links outside landmarks can be content links.
      (link, pageId) =>
        links.targetPage(link) !== -1 &&
        links.targetPage(link) !== pageId &&
        links.isNavigation(link) &&
        links.isOutsideLandmarks(link) &&
        !links.hasFragment(link) &&
        stubs[pageId] === 0,
      (link, pageId) => {
        const key = keyOf[links.textId(link)]!;
        if (keys[key] === '' || links.region(link) !== 'content') return;
        // Only a link with attributes (`missingHref`) or `ignore` needs its record read.
        if (!links.isAnchor(link) || links.ignores(link, RULE_ID)) return;
        const targetId = links.targetPage(link);
        let target = byTarget[targetId];
        if (!target) byTarget[targetId] = target = { texts: new Map(), linking: { pages: 0, last: -1 } };
        let tally = target.texts.get(key);
        if (!tally) target.texts.set(key, (tally = { pages: 0, last: -1 }));
        count(tally, pageId);
        count(target.linking, pageId);
      },
    );

    byTarget.forEach((tallies, targetId) => {
      if (!tallies || graph.exclusion(targetId) !== undefined) return;
      const linkingPages = tallies.linking.pages;
      if (linkingPages < options.minLinks) return;
      const distribution = [...tallies.texts]
        .map(([key, tally]) => ({ text: keys[key]!, count: tally.pages }))
        .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      const total = distribution.reduce((sum, entry) => sum + entry.count, 0);
      const top = distribution[0]!;
      if (top.count / total < options.maxShare || callsByName(graph, targetId, top.text)) return;

      const target = graph.pages[targetId]!;
      const shown = distribution.slice(0, SHOWN).map((entry) => `"${entry.text}" ${entry.count}/${total}`);
      if (distribution.length > SHOWN) shown.push(`${distribution.length - SHOWN} more`);
      const alternatives = topicPhrases(graph, targetId)
        .filter((phrase) => normaliseAnchor(phrase) !== top.text && phrase.length <= MAX_ALTERNATIVE_LENGTH)
        .slice(0, ALTERNATIVES);
      const percent = Math.round((top.count / total) * 100);
      report({
        pageId: targetId,
        message:
          `${top.count} of ${total} inbound content links to \`${target.url}\` use the anchor text "${top.text}" ` +
          `(${percent}%, expected below ${Math.round(options.maxShare * 100)}%): ${shown.join(', ')}` +
          (alternatives.length > 0 ? `; vary it, e.g. ${alternatives.map((phrase) => `"${phrase}"`).join(', ')}` : ''),
        actual: top.text,
        suggestions: alternatives,
        data: { target: target.url, total, linkingPages, distribution },
      });
    });
  },
});

/** Pages counted once each: how many, the last one counted, and the copy groups counted. */
interface Tally {
  pages: number;
  last: number;
  groups?: Set<number>;
}

/** The tallies of one target page: per anchor text (by {@link anchorKeys} id), and over all texts. */
interface TargetTally {
  texts: Map<number, Tally>;
  linking: Tally;
}
