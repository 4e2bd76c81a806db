import { createRule } from './create-rule.js';

/** `aria-current` values that mark an `<a>` without href as a placeholder for the current page. */
const PLACEHOLDER_CURRENT = new Set(['page', 'location']);

/**
 * A link a crawler cannot follow: `<a>` without href that script makes a
 * link (`onclick`), a `javascript:` href,
 * or an href that is not a valid URL. `href=""` is the page itself (a
 * breadcrumb's last item, Sphinx's link to the page's own title): a URL a
 * crawler resolves, so it is not one; nor is an `<a>` without href or
 * click handler, which HTML calls a placeholder (a disabled "Next" on the
 * last page). As in Lighthouse's
 * `crawlable-anchors` audit, elements with a `role` (scripted buttons) and
 * placeholders (`aria-current="page"`, or an `id`/`name` fragment target)
 * are left alone.
 */
export const nonCrawlableLink = createRule({
  meta: {
    id: 'non-crawlable-link',
    description: 'Link a crawler cannot follow: `<a>` without `href`, a `javascript:` href, or an href that is not a URL.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'Search engines follow only `<a href>` with a resolvable URL; a link that works only through script hides its target from them.',
  },
  check({ graph, report }) {
    const { links } = graph;
    // Only an <a> or <area> with attributes (`missingHref`), or a script or invalid target, can be one.
    links.each(
      (link) => links.isNavigation(link) && (links.hasAttributes(link) || links.kind(link) === 'javascript' || links.kind(link) === 'invalid'),
      (link, pageId, index) => {
        const { target } = links.resolved(link);
        const record = links.record(link);
        if (record.source !== 'a[href]' && record.source !== 'area[href]') return;
        const attributes = record.attributes ?? {};
        if (attributes['role'] !== undefined && attributes['role'].trim() !== '') return;
        const element = record.source === 'a[href]' ? '<a>' : '<area>';
        let message: string;
        if (attributes['missingHref'] !== undefined) {
          // Without a click handler it is what HTML calls a placeholder (a disabled "Next" at the last page).
          if (attributes['onClick'] === undefined) return;
          if (PLACEHOLDER_CURRENT.has((attributes['ariaCurrent'] ?? '').toLowerCase())) return;
          if (attributes['id'] !== undefined || attributes['name'] !== undefined) return;
          message = `\`${element}\` has no \`href\`, so crawlers cannot follow it; expected \`href\` with the target URL, or a \`<button>\` for an action`;
        } else if (target.kind === 'javascript') {
          message = `\`javascript:\` href is not a URL a crawler can follow; expected the target URL in \`href\` (script can still handle the click), or a \`<button>\` for an action`;
        } else if (target.kind === 'invalid') {
          message = `\`href\` \`${record.href}\` is not a valid URL, so crawlers cannot follow it; expected a URL`;
        } else {
          return;
        }
        report({ pageId, link: index, message, actual: record.href });
      },
    );
  },
});
