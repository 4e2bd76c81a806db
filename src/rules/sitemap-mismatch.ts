import { z } from 'zod';
import type { Graph } from '../graph/build-graph.js';
import { resolveHref } from '../resolve/resolve-href.js';
import { parseSitemap, type SitemapEntry } from '../sitemap/parse-sitemap.js';
import type { Position, Target } from '../types.js';
import { createRule, type FindingInput } from './create-rule.js';
import { closestMatch } from './util/closest-match.js';

/**
 * The output's sitemaps against its pages: a listed URL that is missing,
 * noindex, a redirect, an error page or canonicalised elsewhere (warn), and
 * an indexable page the sitemaps leave out (`unlisted`, info).
 */
export const sitemapMismatch = createRule({
  meta: {
    id: 'sitemap-mismatch',
    description: 'Sitemap lists a URL that is missing, noindex, a redirect or non-canonical; or leaves out an indexable page (info).',
    defaultLevel: 'warn',
    scope: 'site',
    rationale: 'A sitemap tells search engines which URLs to index; listing URLs that are not meant to be indexed wastes crawl budget and sends mixed signals, and a page left out is found later.',
  },
  options: z.strictObject({
    /** Severity for an indexable page that no sitemap lists: `off`, `info` (default), `warn` or `error`. */
    unlisted: z.enum(['off', 'info', 'warn', 'error']).default('info'),
  }),
  check({ graph, options, site, sitemaps = [], report }) {
    if (sitemaps.length === 0) return;
    const base = graph.site.base;
    const sitemapFiles = new Set(sitemaps.map((sitemap) => sitemap.file));
    const listed = new Set<number>();
    const urlsets: string[] = [];
    let pageUrls: string[] | undefined;
    for (const sitemap of [...sitemaps].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
      const parsed = parseSitemap(sitemap.xml);
      const at = { file: sitemap.file, url: `${base}${sitemap.file}` };
      if (parsed.kind === 'invalid') {
        report({ at, message: `\`${sitemap.file}\` is not a sitemap: ${parsed.reason}` });
        continue;
      }
      if (parsed.kind === 'urlset') urlsets.push(sitemap.file);
      const seen = new Set<string>();
      for (const entry of parsed.entries) {
        const position = positionOf(entry);
        const where = (url: string): { file: string; url: string } => ({ file: sitemap.file, url });
        const target = resolveLoc(entry.loc, site, base);
        if (target.kind !== 'internal') {
          const reason = target.kind === 'invalid' ? 'which is not an absolute URL' : `which is outside the site \`${site ?? ''}\``;
          report({ at: where(entry.loc), position, message: `\`${sitemap.file}\` lists \`${entry.loc}\`, ${reason}` });
          continue;
        }
        const lookup = graph.site.lookup(target.sitePath);
        if (parsed.kind === 'index') {
          if (lookup.found === 'none' && !sitemapFiles.has(target.sitePath)) {
            report({ at: where(target.path), position, message: `Sitemap index \`${sitemap.file}\` lists \`${entry.loc}\`, which is not in the output` });
          }
          continue;
        }
        const finding = (message: string, extra: Partial<FindingInput> = {}): FindingInput => ({ at: where(target.path), position, message: `\`${sitemap.file}\` lists \`${entry.loc}\`, ${message}`, ...extra });
        if (lookup.found === 'none') {
          pageUrls ??= graph.pages.filter((_, id) => graph.exclusion(id) === undefined).map((page) => page.url);
          const match = closestMatch(target.path, pageUrls);
          report(finding(`which has no page in the output${match ? `; did you mean \`${match}\`?` : ''}`, match ? { expected: [match], suggestions: [match] } : {}));
        } else if (lookup.found === 'redirect') {
          report(finding(`which redirects to \`${lookup.to}\`; expected the final URL`, { expected: [lookup.to] }));
        } else if (lookup.found === 'page') {
          const pageId = lookup.pageId;
          if (seen.has(target.path)) continue;
          seen.add(target.path);
          listed.add(pageId);
          const message = excludedMessage(graph, pageId);
          if (message !== undefined) report({ ...finding(message.text, message.expected ? { expected: [message.expected] } : {}), pageId });
        }
      }
    }
    if (options.unlisted === 'off' || urlsets.length === 0) return;
    const names = urlsets.map((file) => `\`${file}\``).join(', ');
    graph.pages.forEach((page, pageId) => {
      if (graph.exclusion(pageId) !== undefined || listed.has(pageId)) return;
      report({ pageId, severity: options.unlisted as 'info' | 'warn' | 'error', message: `\`${page.url}\` is indexable but not listed in the sitemap (${names})` });
    });
  },
});

/** A `<loc>` as a target: against `site` when set, else compared by path (its own origin counts as the site's). */
function resolveLoc(loc: string, site: string | undefined, base: string): Target {
  let origin = site;
  if (origin === undefined) {
    try {
      origin = new URL(loc).origin;
    } catch {
      return { kind: 'invalid', reason: `\`${loc}\` is not an absolute URL` };
    }
  }
  if (!/^https?:\/\//i.test(loc)) return { kind: 'invalid', reason: `\`${loc}\` is not an absolute URL` };
  return resolveHref(loc, { pageUrl: base, site: origin, base });
}

/** Why a listed page should not be in a sitemap, or undefined when it belongs there. */
function excludedMessage(graph: Graph, pageId: number): { text: string; expected?: string } | undefined {
  const page = graph.pages[pageId]!;
  switch (graph.exclusion(pageId)) {
    case 'noindex':
      return { text: 'whose page is `noindex`' };
    case 'redirect':
      return { text: `a redirect page (to \`${page.refresh ?? ''}\`); expected the final URL`, ...(page.refresh ? { expected: page.refresh } : {}) };
    case 'canonicalised':
      return { text: `whose canonical URL is \`${page.canonical ?? ''}\`; expected the canonical URL`, ...(page.canonical ? { expected: page.canonical } : {}) };
    case 'error-page':
      return { text: 'an error page' };
    default:
      return undefined;
  }
}

function positionOf(entry: SitemapEntry): Position {
  return { known: true, start: { line: entry.line, column: entry.column } };
}
