import { createRule } from './create-rule.js';

/** `aria-current` values that mark an `<a>` without href as a placeholder for the current page. */
const PLACEHOLDER_CURRENT = new Set(['page', 'location']);

/**
 * A link a crawler cannot follow: `<a>` without href, `href=""`, a
 * `javascript:` href, or an href that is not a valid URL. As in Lighthouse's
 * `crawlable-anchors` audit, elements with a `role` (scripted buttons) and
 * placeholders (`aria-current="page"`, or an `id`/`name` fragment target)
 * are left alone.
 */
export const nonCrawlableLink = createRule({
  meta: {
    id: 'non-crawlable-link',
    description: 'Link a crawler cannot follow: `<a>` without `href`, `href=""`, a `javascript:` href, or an href that is not a URL.',
    defaultLevel: 'warn',
    rationale: 'Search engines follow only `<a href>` with a resolvable URL; a link that works only through script hides its target from them.',
  },
  check({ graph, report }) {
    graph.pages.forEach((page, pageId) => {
      graph.resolved[pageId]!.forEach(({ target }, index) => {
        const link = page.links[index]!;
        if (link.source !== 'a[href]' && link.source !== 'area[href]') return;
        const attributes = link.attributes ?? {};
        if (attributes['role'] !== undefined && attributes['role'].trim() !== '') return;
        const element = link.source === 'a[href]' ? '<a>' : '<area>';
        let message: string;
        if (attributes['missingHref'] !== undefined) {
          if (PLACEHOLDER_CURRENT.has((attributes['ariaCurrent'] ?? '').toLowerCase())) return;
          if (attributes['id'] !== undefined || attributes['name'] !== undefined) return;
          message = `\`${element}\` has no \`href\`, so crawlers cannot follow it; expected \`href\` with the target URL, or a \`<button>\` for an action`;
        } else if (link.href === '') {
          message = `\`href=""\` names no target, so crawlers cannot follow it; expected the target URL`;
        } else if (target.kind === 'javascript') {
          message = `\`javascript:\` href is not a URL a crawler can follow; expected the target URL in \`href\` (script can still handle the click), or a \`<button>\` for an action`;
        } else if (target.kind === 'invalid') {
          message = `\`href\` \`${link.href}\` is not a valid URL, so crawlers cannot follow it; expected a URL`;
        } else {
          return;
        }
        report({ pageId, link: index, message, actual: link.href });
      });
    });
  },
});
