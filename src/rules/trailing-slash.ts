import { createRule } from './create-rule.js';

/** An href path that names a file: `about.html`, `docs/index.htm`. */
const FILE_HREF = /\.html?$/i;
/** A last path segment that is `.` or `..`, whose slash form is not written out. */
const DOT_SEGMENT = /(^|\/)\.\.?$/;

/**
 * Internal page href whose trailing slash differs from the site's policy
 * (the `trailingSlash` option, `always` or `never`). Hrefs that name a file
 * (`.html`) are exempt; a file-shaped page (`about.html`) is linked in the
 * form the host serves it, without the slash. Error pages (404, 500) are
 * left out, as linking pages and as targets: the host serves them at any
 * URL.
 */
export const trailingSlash = createRule({
  meta: {
    id: 'trailing-slash',
    description: 'Internal page href whose trailing slash differs from the site\'s `trailingSlash` policy.',
    defaultLevel: 'warn',
    scope: 'page',
    rationale: 'The wrong slash form costs a redirect (or a 404 on strict hosts) and splits one page into two URLs for search engines.',
  },
  check({ graph, report }) {
    const policy = graph.site.trailingSlash;
    if (policy === 'ignore') return;
    const { links } = graph;
    // An error page is served at whatever URL was missing: its own canonical and hreflang links,
    // and links to it, name no URL whose slash form matters.
    const errorPages = Uint8Array.from(graph.pages, (_, pageId) => (graph.exclusion(pageId) === 'error-page' ? 1 : 0));
    links.each(
      (link, pageId) => links.targetPage(link) !== -1 && errorPages[links.targetPage(link)] === 0 && errorPages[pageId] === 0,
      (link, pageId, index) => {
        const { target, lookup } = links.resolved(link);
        if (target.kind !== 'internal' || lookup.found !== 'page') return;
        const record = links.record(link);
        const end = firstIndex(record.href, ['?', '#']);
        const pathPart = record.href.slice(0, end);
        // Same-page `?x`/`#x` hrefs and the site root have no slash choice to make.
        if (pathPart === '' || target.path === '/' || FILE_HREF.test(pathPart) || DOT_SEGMENT.test(pathPart)) return;
        const filePage = !/(^|\/)index\.html?$/i.test(lookup.file);
        const expected = filePage ? 'never' : policy;
        const hasSlash = pathPart.endsWith('/');
        if (hasSlash === (expected === 'always')) return;
        const fixed = (expected === 'always' ? `${pathPart}/` : pathPart.replace(/\/+$/, '')) + record.href.slice(end);
        const why = filePage ? `\`${lookup.file}\` is served without a trailing slash` : `the site's \`trailingSlash\` is \`${policy}\``;
        report({
          pageId,
          link: index,
          message: `Link \`${record.href}\` ${hasSlash ? 'has' : 'lacks'} a trailing slash, but ${why}; did you mean \`${fixed}\`?`,
          expected: [fixed],
          actual: record.href,
          suggestions: [fixed],
        });
      },
    );
  },
});

/** Index of the first of `characters` in `value`, or its length. */
function firstIndex(value: string, characters: readonly string[]): number {
  let end = value.length;
  for (const character of characters) {
    const at = value.indexOf(character);
    if (at !== -1 && at < end) end = at;
  }
  return end;
}
