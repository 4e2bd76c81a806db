import picomatch from 'picomatch';
import type { ResolvedOptions } from '../options.js';
import type { Directive, Finding, PageRecord } from '../types.js';
import { suppressedByDirective } from './directives.js';

/**
 * The one place suppressions apply: `ignore.rules`, `ignore.pages` (URL
 * globs), `ignore.urls` (target globs or RegExps), `data-linkgraph-ignore`
 * on a link or an ancestor, a page's opt-out meta tag, and the suppression
 * comments in a page's source (`<!-- linkgraph-disable rule -->`).
 *
 * @param directives suppression comments, by page file. Default none.
 * @returns a predicate: true when the finding is suppressed.
 */
export function createIgnore(
  options: ResolvedOptions,
  directives?: ReadonlyMap<string, readonly Directive[]>,
): (finding: Finding, page: PageRecord | undefined, link: number | undefined) => boolean {
  const rules = new Set(options.ignore.rules);
  const pageMatch = options.ignore.pages.length > 0 ? picomatch(options.ignore.pages, { dot: true }) : undefined;
  const urlMatchers = options.ignore.urls.map((pattern) =>
    typeof pattern === 'string' ? picomatch(pattern, { dot: true }) : (value: string) => pattern.test(value),
  );
  return (finding, page, linkIndex) => {
    if (rules.has(finding.ruleId)) return true;
    if (pageMatch?.(finding.page)) return true;
    if (page?.optOut && (page.optOut.includes('all') || page.optOut.includes(finding.ruleId))) return true;
    const link = linkIndex === undefined ? undefined : page?.links[linkIndex];
    if (link?.ignore === true || link?.ignore?.includes(finding.ruleId)) return true;
    const comments = directives?.get(finding.file);
    if (comments && suppressedByDirective(comments, finding.ruleId, finding.position)) return true;
    const target = finding.target ?? finding.href;
    if (target && urlMatchers.some((match) => match(target))) return true;
    return false;
  };
}
