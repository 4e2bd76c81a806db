import { resolveHref } from '../resolve/resolve-href.js';
import { createRule } from './create-rule.js';
import { explicitUrl, isLocalHost } from './util/link-url.js';

/**
 * Link or resource on the author's machine: localhost, `*.localhost`,
 * 127.0.0.0/8 (also IPv4-mapped, `[::ffff:127.0.0.1]`), `[::1]`,
 * `0.0.0.0`, `[::]`, or a `file:` URL.
 */
export const localhostLink = createRule({
  meta: {
    id: 'localhost-link',
    description: 'Link or resource pointing at the author\'s machine: `localhost`, `*.localhost`, 127.0.0.0/8 (also as `[::ffff:127.0.0.1]`), `[::1]`, `0.0.0.0`, `[::]`, or a `file:` URL.',
    defaultLevel: 'error',
    scope: 'page',
    rationale: 'A URL copied from a development server or a local file works only on the author\'s machine and is broken for every visitor.',
  },
  check({ graph, report }) {
    const { links } = graph;
    // Without the site's origin, an href that names its own scheme or host never resolves inside the
    // site: only a page with a `<base href>` can make an internal-looking link explicit.
    const everyLink = graph.origin !== undefined;
    links.each(
      (link, pageId) => everyLink || links.kind(link) !== 'internal' || graph.pages[pageId]!.baseHref !== undefined,
      (link, pageId, index) => {
        const page = graph.pages[pageId]!;
        const record = links.record(link);
        const url = explicitUrl(graph, pageId, record.href);
        if (url === undefined) return;
        const isFile = url.protocol === 'file:';
        if (!isFile && !((url.protocol === 'http:' || url.protocol === 'https:') && isLocalHost(url))) return;
        // A dev-server URL usually names a page of this site: suggest its path when the output has it.
        const path = `${url.pathname}${url.search}${url.hash}`;
        const local = resolveHref(path, { pageUrl: page.url, site: graph.origin, base: graph.site.base });
        const lookup = !isFile && local.kind === 'internal' ? graph.site.lookup(local.sitePath) : undefined;
        const suggestion = lookup !== undefined && (lookup.found === 'page' || lookup.found === 'asset') && url.pathname !== '/' ? path : undefined;
        const what = isFile ? 'a file on the author\'s machine' : `\`${url.host}\`, the author's machine`;
        report({
          pageId,
          link: index,
          message: `Link to \`${record.href}\` points at ${what}; expected a URL that works for visitors${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          actual: record.href,
          ...(suggestion ? { expected: [suggestion], suggestions: [suggestion] } : {}),
        });
      },
    );
  },
});
