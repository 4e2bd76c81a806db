import type { Graph } from '../graph/build-graph.js';
import { linkMetrics } from '../graph/link-metrics.js';
import { rules, type RuleId } from '../rules/registry.js';
import { anchorKeys } from '../rules/util/anchor-text.js';
import type { Result } from '../types.js';
import type { AnchorUse, GraphPlace, PagePlace } from './toolbar-protocol.js';

/** Schema version of the summary file; another version is ignored. */
export const SUMMARY_VERSION = 1;

/** Anchor texts listed per page; the rest are counted. */
const ANCHORS_SHOWN = 8;

/**
 * What `astro build` leaves for the dev toolbar: each page's place in the
 * link graph, by page URL.
 */
export interface GraphSummary {
  version: typeof SUMMARY_VERSION;
  /** When the build checked the site (ISO date). */
  builtAt: string;
  pages: Record<string, PagePlace>;
}

/** What the summary needs of the graph itself, taken while the check holds it (see `CheckInput.onGraph`). */
export interface GraphFacts {
  /** Per page id: anchor texts of content links from other pages, most used first. */
  anchors: AnchorUse[][];
  /** Per page id: whether another page (not a redirect stub) links here. */
  linked: Uint8Array;
  /** Entry points, as page ids. */
  entries: ReadonlySet<number>;
}

/**
 * Anchor texts per target page and whether each page has a linker. Counts
 * content navigation links (`<a>`, `<area>`) to another page (or a section
 * of it), not from a redirect stub, each linking page once per text; texts
 * are compared in lower case, whitespace collapsed, as `overused-anchor`
 * compares them.
 */
export function graphFacts(graph: Graph): GraphFacts {
  const { links } = graph;
  const { of: keyOf, keys } = anchorKeys(graph);
  const metrics = linkMetrics(graph);
  // Per target page: text key -> linking pages, and the last page counted for each (pages come in order).
  const tallies = new Map<number, Map<number, { pages: number; last: number }>>();
  for (let pageId = 0; pageId < graph.pages.length; pageId++) {
    // Redirect stubs (Astro writes a "Redirecting from …" link on each) link nobody by choice.
    if (graph.exclusion(pageId) === 'redirect') continue;
    for (let link = links.start(pageId); link < links.end(pageId); link++) {
      const target = links.targetPage(link);
      if (target === -1 || target === pageId || !links.isNavigation(link) || !links.isOutsideLandmarks(link)) continue;
      const key = keyOf[links.textId(link)]!;
      if (keys[key] === '' || links.region(link) !== 'content') continue;
      let texts = tallies.get(target);
      if (!texts) tallies.set(target, (texts = new Map()));
      const tally = texts.get(key);
      if (!tally) texts.set(key, { pages: 1, last: pageId });
      else if (tally.last !== pageId) {
        tally.pages++;
        tally.last = pageId;
      }
    }
  }
  const anchors = graph.pages.map((_, pageId) =>
    [...(tallies.get(pageId) ?? [])]
      .map(([key, tally]): AnchorUse => ({ text: keys[key]!, pages: tally.pages }))
      .sort((a, b) => b.pages - a.pages || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
  );
  const linked = Uint8Array.from(graph.pages, (_, pageId) => (metrics.countLinkers(pageId, 1) > 0 ? 1 : 0));
  return { anchors, linked, entries: new Set(graph.entries) };
}

/**
 * The summary of a build: the result's page metrics, the graph facts, and
 * the findings of site-wide rules (orphans, depth, anchor text spread) on
 * each page. The anchor text `overused-anchor` reported is marked.
 *
 * @param result the build's result; its pages in graph order, as `check` gives them.
 */
export function summariseBuild(result: Result, facts: GraphFacts, builtAt: Date): GraphSummary {
  const siteFindings = new Map<string, PagePlace['findings'][number][]>();
  const overused = new Map<string, string>();
  for (const finding of result.findings) {
    const rule = rules[finding.ruleId as RuleId];
    if (rule?.meta.scope !== 'site' || finding.page === '') continue;
    let list = siteFindings.get(finding.page);
    if (!list) siteFindings.set(finding.page, (list = []));
    list.push({ ruleId: finding.ruleId, severity: finding.severity, message: finding.message });
    if (finding.ruleId === 'overused-anchor' && finding.actual !== undefined) overused.set(finding.page, finding.actual);
  }
  const pages: Record<string, PagePlace> = {};
  result.pages.forEach((metrics, pageId) => {
    const all = facts.anchors[pageId] ?? [];
    const marked = overused.get(metrics.url);
    const anchors = all.slice(0, ANCHORS_SHOWN).map((anchor): AnchorUse => (anchor.text === marked ? { ...anchor, overused: true } : anchor));
    const entry = facts.entries.has(pageId);
    const place: PagePlace = {
      url: metrics.url,
      inlinks: metrics.inlinks,
      contentInlinks: metrics.contentInlinks,
      templateInlinks: metrics.templateInlinks,
      outlinks: metrics.outlinks,
      depth: metrics.depth,
      score: metrics.score === null ? null : Math.round(metrics.score * 10) / 10,
      entry,
      orphan: metrics.indexable && !entry && facts.linked[pageId] === 0,
      anchors,
      moreAnchors: all.length - anchors.length,
      findings: siteFindings.get(metrics.url) ?? [],
    };
    if (metrics.title !== undefined) place.title = metrics.title;
    if (metrics.exclusion !== undefined) place.exclusion = metrics.exclusion;
    pages[metrics.url] = place;
  });
  return { version: SUMMARY_VERSION, builtAt: builtAt.toISOString(), pages };
}

/**
 * The place of the page the browser shows at `pathname`, under the forms
 * one page's URL takes (with and without the trailing slash, percent-encoded
 * or not, `index.html` or `.html` spelled out).
 *
 * @param summary the last build's summary, when there is one.
 * @param pathname the browser's `location.pathname`.
 */
export function placeOfPath(summary: GraphSummary | undefined, pathname: string): GraphPlace {
  if (!summary) return { state: 'none' };
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {
    // A malformed escape: the path as it came.
  }
  const stem = decoded.normalize('NFC').replace(/(?:\/index)?\.html?$/i, '').replace(/\/+$/, '');
  for (const url of [`${stem}/`, stem, `${stem}.html`]) {
    const place = Object.hasOwn(summary.pages, url) ? summary.pages[url] : undefined;
    if (place) return { state: 'built', builtAt: summary.builtAt, place };
  }
  return { state: 'not-built', builtAt: summary.builtAt };
}
