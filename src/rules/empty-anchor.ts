import type { Graph } from '../graph/build-graph.js';
import { createRule } from './create-rule.js';
import { targetLabel, topicPhrases } from './util/anchor-text.js';

/**
 * An `<a href>` or `<area href>` with no accessible name: no text, no image
 * `alt`, no `aria-label`, no `aria-labelledby` naming an element on the
 * page, no `title`. An `aria-hidden` link with a named twin (same target)
 * on the page is the accepted redundant-link pattern and passes.
 */
export const emptyAnchor = createRule({
  meta: {
    id: 'empty-anchor',
    description: 'Link with no accessible name: no text, no image `alt`, no `aria-label` or `aria-labelledby`, no `title`.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'A link without a name is announced as just "link" by screen readers (WCAG 2.4.4) and gives search engines no anchor text.',
  },
  check({ graph, report }) {
    const { links } = graph;
    // The ids of the page at hand, made on its first link with `aria-labelledby`.
    let idsPage = -1;
    let ids: ReadonlySet<string> = new Set();
    links.each(
      (link) => links.text(link) === '' && links.isAnchor(link),
      (link, pageId, index) => {
        const { attributes } = links.record(link);
        const labelledBy = (attributes?.['ariaLabelledBy'] ?? '').split(/\s+/).filter(Boolean);
        let missing = '';
        if (labelledBy.length > 0) {
          if (idsPage !== pageId) {
            idsPage = pageId;
            ids = new Set(graph.pages[pageId]!.ids);
          }
          // The referenced element's text is not collected; an existing id is taken to name the link.
          if (labelledBy.some((id) => ids.has(id))) return;
          missing = `; \`aria-labelledby\` names ${labelledBy.map((id) => `\`${id}\``).join(', ')}, which ${labelledBy.length === 1 ? 'is not an id' : 'are not ids'} on this page`;
        }
        const { lookup } = links.resolved(link);
        // A redundant link hidden from assistive technology (a card's image beside its titled link) is named by its twin.
        if (attributes?.['ariaHidden'] === 'true' && hasNamedTwin(graph, pageId, link)) return;
        const topics = lookup.found === 'page' && lookup.pageId !== pageId ? topicPhrases(graph, lookup.pageId).slice(0, 1) : [];
        report({
          pageId,
          link: index,
          message:
            `Link to \`${targetLabel(graph, link)}\` has no accessible name${missing}; expected text, an image \`alt\`, \`aria-label\` or \`title\`` +
            (topics.length > 0 ? `, e.g. "${topics[0]}"` : ''),
          suggestions: topics,
        });
      },
    );
  },
});

/** Whether another link on the page, with a name, has the same href target. */
function hasNamedTwin(graph: Graph, pageId: number, link: number): boolean {
  const { links } = graph;
  const label = targetLabel(graph, link);
  for (let other = links.start(pageId); other < links.end(pageId); other++) {
    if (other !== link && links.text(other) !== '' && links.isAnchor(other) && targetLabel(graph, other) === label) return true;
  }
  return false;
}
