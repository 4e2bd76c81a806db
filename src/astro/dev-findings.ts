import type { Finding, LinkRecord, PageRecord } from '../types.js';
import { ruleDocsUrl } from '../version.js';
import type { DevFinding, ElementKey } from './toolbar-protocol.js';

/**
 * The findings on one page as the dev toolbar app shows them: each with
 * the key the app finds its element by, and its Markdown source line.
 *
 * @param findings the check's findings, sorted; those on other pages are left out.
 * @param page the page's record, whose links the findings name.
 * @param cachedAt when the outbound check's cache was written (ISO date), to mark findings about external links made from it.
 */
export function devFindings(findings: readonly Finding[], page: PageRecord, cachedAt: string | undefined): DevFinding[] {
  const keys = elementKeys(page.links);
  // Links by where their element starts and what they name; an element's `src` and `srcset` can name one URL.
  const byPlace = new Map<string, number[]>();
  page.links.forEach((link, index) => {
    const place = placeKey(link.href, link.position);
    const list = byPlace.get(place);
    if (list) list.push(index);
    else byPlace.set(place, [index]);
  });
  // Findings of one rule on one place come in link order (the sort is stable): each takes the next link.
  const taken = new Map<string, number>();
  const linkOf = (finding: Finding): number | undefined => {
    if (finding.href === undefined) return undefined;
    const place = placeKey(finding.href, finding.position);
    const turn = `${finding.ruleId} ${place}`;
    const count = taken.get(turn) ?? 0;
    taken.set(turn, count + 1);
    const list = byPlace.get(place);
    return list?.[Math.min(count, list.length - 1)];
  };
  return findings
    .filter((finding) => finding.file === page.file)
    .map((finding) => {
      const shown: DevFinding = {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        docs: ruleDocsUrl(finding.ruleId),
        suggestions: finding.suggestions ?? [],
      };
      const index = linkOf(finding);
      const link = index === undefined ? undefined : page.links[index];
      if (finding.href !== undefined) shown.href = finding.href;
      if (link) {
        shown.source = link.source;
        const key = keys[index!];
        if (key) shown.element = key;
      }
      if (finding.origin) shown.origin = `${finding.origin.file}:${finding.origin.line}:${finding.origin.column}`;
      if (cachedAt !== undefined && finding.target !== undefined && finding.target !== null && /^https?:/i.test(finding.target)) shown.cached = cachedAt;
      return shown;
    });
}

/** A link's identity on its page: its href where its element starts (an element's srcset candidates share the place). */
function placeKey(href: string, position: Finding['position']): string {
  return position.known ? `${position.start.line}:${position.start.column} ${href}` : `? ${href}`;
}

/**
 * For each link, the key of its element: tag, attribute, value, and which
 * of the elements with that tag and value it is, counting each element
 * once (the candidates of one `srcset` are one element). A meta refresh
 * has no element to show.
 */
export function elementKeys(links: readonly LinkRecord[]): (ElementKey | undefined)[] {
  const seen = new Map<string, Set<string>>();
  return links.map((link) => {
    if (link.source === 'meta[refresh]') return undefined;
    const [, tag, attribute] = /^(\w+)\[(\w+)\]$/.exec(link.source)!;
    const group = `${tag} ${attribute} ${link.href}`;
    let elements = seen.get(group);
    if (!elements) seen.set(group, (elements = new Set()));
    const element = link.position.known ? `${link.position.start.line}:${link.position.start.column}` : `#${elements.size}`;
    elements.add(element);
    return { tag: tag!, attribute: attribute!, value: link.href, occurrence: [...elements].indexOf(element) };
  });
}
