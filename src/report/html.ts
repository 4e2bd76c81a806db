import { rules } from '../rules/registry.js';
import type { AnyRule } from '../rules/create-rule.js';
import type { PageMetrics, Result } from '../types.js';
import { ruleDocsUrl, VERSION } from '../version.js';
import { CLIENT_SCRIPT, D3_FORCE_SCRIPT, STYLE } from './html/assets.generated.js';
import { placeOf, type ReportContext } from './report-context.js';

/**
 * Metrics other stages may add to a page (click depth, internal link
 * score, indexability); the HTML report shows each when present.
 */
type OptionalMetrics = Partial<Record<'depth' | 'score', number | null>> & { indexable?: boolean; exclusion?: string };

/** One page as the HTML report's script reads it. */
interface HtmlPage {
  url: string;
  file: string;
  title?: string;
  inlinks: number;
  contentInlinks: number;
  outlinks: number;
  externalOutlinks: number;
  depth?: number | null;
  score?: number | null;
  indexable?: boolean;
  /** Why the page is outside the page set (`noindex`, `redirect`, …), when a stage says. */
  exclusion?: string;
  /** An entry point (home page, locale root, configured entry). */
  entry: boolean;
  /** No other page links here, and it is not an entry point. */
  orphan: boolean;
  /** In the page set, not reachable from any entry point through followed links, and not itself an orphan. */
  unreachable: boolean;
}

/**
 * The HTML report: one self-contained file (no network: inline script,
 * style and data, and a Content-Security-Policy that forbids fetching)
 * with a summary, findings filterable by rule, severity and text, every
 * page's metrics, and the internal link graph drawn on a canvas (laid out
 * in the browser by the embedded d3-force), where orphans and unreachable
 * pages stand out and clicking a page lists its inlinks and outlinks.
 *
 * Site strings (titles, anchor text, URLs) travel only as JSON inside
 * `<script type="application/json">`, with `<`, `>` and `&` escaped, and
 * the script puts them on the page as text, never as markup.
 */
export function formatHtml(result: Result, context: ReportContext = {}): string {
  const pages = htmlPages(result);
  const registry: readonly AnyRule[] = Object.values(rules);
  const reported = [...new Set(result.findings.map((finding) => finding.ruleId))].sort();
  const data = {
    tool: { name: 'linkgraph', version: VERSION },
    summary: {
      failed: result.failed,
      ...result.counts,
      pages: result.summary.pages,
      links: result.summary.links,
      externalUrls: result.summary.externalUrls,
      suppressed: result.summary.suppressed,
      orphans: pages.filter((page) => page.orphan).length,
      unreachable: pages.filter((page) => page.unreachable).length,
    },
    rules: reported.map((id) => {
      const rule = registry.find((candidate) => candidate.meta.id === id);
      return { id, description: rule?.meta.description ?? '', helpUri: ruleDocsUrl(id) };
    }),
    findings: result.findings.map((finding) => {
      return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        page: finding.page,
        place: placeOf(finding, context),
        ...(finding.href === undefined ? {} : { href: finding.href }),
        ...(finding.text === undefined ? {} : { text: finding.text }),
      };
    }),
    pages,
    edges: edgeTuples(result.graph),
    warnings: result.warnings,
  };
  const { error, warn, info } = result.counts;
  const total = error + warn + info;
  const headline = total === 0 ? 'No problems' : `${total} ${total === 1 ? 'problem' : 'problems'}`;
  const optional = (column: 'depth' | 'score', label: string): string => `<th data-sort="${column}" data-optional="${column}">${label}</th>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="linkgraph ${escapeHtml(VERSION)}">
<title>linkgraph report: ${escapeHtml(headline)}</title>
<style>
${STYLE}</style>
</head>
<body>
<header>
<h1>linkgraph report: <span class="${result.failed ? 'status-failed' : 'status-passed'}">${escapeHtml(headline)}</span></h1>
<ul class="counts">
<li><b>${error}</b> errors</li>
<li><b>${warn}</b> warnings</li>
<li><b>${info}</b> info</li>
<li><b>${result.summary.pages}</b> pages</li>
<li><b>${result.summary.links}</b> links</li>
<li><b>${data.summary.orphans}</b> orphans</li>
<li><b>${data.summary.unreachable}</b> unreachable</li>
<li><b>${result.summary.suppressed}</b> suppressed</li>
</ul>
</header>
<main>
<section id="graph-section">
<h2>Internal link graph</h2>
<div class="legend"><span style="--swatch: var(--entry)">entry point</span><span style="--swatch: var(--orphan)">orphan (no inlinks)</span><span style="--swatch: var(--unreachable)">unreachable from the entry points</span><span style="--swatch: var(--node)">page (size: inlinks)</span><span style="--swatch: var(--inlink)">inlink of the selected page</span><span style="--swatch: var(--outlink)">outlink</span><span style="--swatch: var(--mutual)">linked both ways</span></div>
<p class="note">${result.graph ? 'Content links are drawn; pages gather by section or locale (their first path segment). Drag to pan, scroll to zoom, click a page to see its inlinks and outlinks. <label><input type="checkbox" id="graph-template"> also draw template links (navigation, header, footer, sidebars)</label>' : 'This result carries no link graph.'}</p>
<div class="graph-wrap">
<canvas id="graph" aria-label="Internal link graph of ${result.summary.pages} pages" role="img"></canvas>
<aside id="details" aria-live="polite"></aside>
</div>
</section>
<section id="findings-section">
<h2>Findings</h2>
<div class="filters">
<label>Rule <select id="filter-rule"><option value="">all rules</option></select></label>
<label>Severity <select id="filter-severity"><option value="">all</option><option value="error">error</option><option value="warn">warn</option><option value="info">info</option></select></label>
<label>Text <input id="filter-text" type="search" placeholder="message, page, URL"></label>
<span id="finding-count" class="note"></span>
</div>
<div class="scroll">
<table id="findings">
<thead><tr><th>severity</th><th>rule</th><th>page</th><th>where</th><th>message</th></tr></thead>
<tbody id="finding-rows"></tbody>
</table>
</div>
</section>
<section id="pages-section">
<h2>Pages</h2>
<div class="filters"><label>Filter <input id="filter-page" type="search" placeholder="URL or title"></label><span class="note">Click a column to sort.</span></div>
<div class="scroll">
<table id="pages">
<thead><tr><th data-sort="url">page</th><th data-sort="title">title</th><th data-sort="inlinks">inlinks</th><th data-sort="outlinks">outlinks</th>${optional('depth', 'depth')}${optional('score', 'link score')}<th data-sort="findings">findings</th><th>status</th></tr></thead>
<tbody id="page-rows"></tbody>
</table>
</div>
</section>
${result.warnings.length > 0 ? `<section id="warnings-section">\n<h2>Warnings of the run</h2>\n<ul>${result.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join('')}</ul>\n</section>\n` : ''}</main>
<div id="tooltip" role="tooltip"></div>
<script type="application/json" id="linkgraph-data">${scriptJson(data)}</script>
<script>
${D3_FORCE_SCRIPT}
</script>
<script>
${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** The graph's edges as `[from, to, flags]` for the page's script. */
function edgeTuples(graph: Result['graph']): [number, number, number][] {
  if (!graph) return [];
  return Array.from(graph.from, (from, edge) => [from, graph.to[edge]!, graph.flags[edge]!]);
}

/** Pages with their structural status: entry, orphan, unreachable (breadth-first over followed edges). */
function htmlPages(result: Result): HtmlPage[] {
  const entries = new Set(result.graph?.entries ?? []);
  const reached = new Uint8Array(result.pages.length);
  if (result.graph) {
    const next: number[][] = result.pages.map(() => []);
    // Flag 2: at least one followed link; nofollow-only edges pass no crawl.
    const { from, to, flags } = result.graph;
    for (let edge = 0; edge < from.length; edge++) if (flags[edge]! & 2) next[from[edge]!]?.push(to[edge]!);
    const queue = [...entries];
    for (const id of queue) reached[id] = 1;
    for (let head = 0; head < queue.length; head++) {
      for (const to of next[queue[head]!] ?? []) {
        if (reached[to]) continue;
        reached[to] = 1;
        queue.push(to);
      }
    }
  }
  return result.pages.map((page: PageMetrics & OptionalMetrics, index) => {
    const entry = entries.has(index);
    // Pages outside the page set (noindex, redirect stubs) are meant to stand alone: never flagged.
    const inSet = page.indexable !== false;
    const orphan = result.graph !== undefined && inSet && !entry && page.inlinks === 0;
    // The engine's click depth, when present, is the reference (null: unreachable); else the walk above.
    const reachable = page.depth !== undefined ? page.depth !== null : reached[index] === 1;
    const html: HtmlPage = {
      url: page.url,
      file: page.file,
      inlinks: page.inlinks,
      contentInlinks: page.contentInlinks,
      outlinks: page.outlinks,
      externalOutlinks: page.externalOutlinks,
      entry,
      orphan,
      // Only meaningful when the site has an entry point; an orphan is already flagged as such.
      unreachable: result.graph !== undefined && entries.size > 0 && inSet && !orphan && !reachable,
    };
    if (page.title !== undefined) html.title = page.title;
    if (page.depth !== undefined) html.depth = page.depth;
    if (page.score !== undefined) html.score = page.score;
    if (page.indexable !== undefined) html.indexable = page.indexable;
    if (page.exclusion !== undefined) html.exclusion = page.exclusion;
    return html;
  });
}

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/**
 * JSON safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes
 * (so no `</script>` or `<!--` can end or change the element), and the
 * line separators JavaScript once rejected.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
