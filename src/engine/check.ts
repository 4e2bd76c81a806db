import { buildGraph, type Graph } from '../graph/build-graph.js';
import { linkMetrics } from '../graph/link-metrics.js';
import type { ExternalChecker, ExternalRequest, ExternalResults } from './external-stage.js';
import { fails, type ResolvedOptions } from '../options.js';
import type { FindingInput, RuleContext, SharedStep } from '../rules/create-rule.js';
import { ruleIds, rules, type RuleId } from '../rules/registry.js';
import { isCheckableExternal } from '../rules/util/external-links.js';
import { createSiteModel } from '../site/site-model.js';
import type { BaselineOutcome, Directive, Finding, PageMetrics, PageRecord, Result, ResultGraph, Severity, SeverityCounts, SitemapFile, UnreadablePage } from '../types.js';
import { matchBaseline, type Baseline } from './baseline.js';
import { createIgnore } from './ignore.js';
import { sortFindings } from './sort-findings.js';
import { timed, type Timing } from './timing.js';

/** What {@link check} runs on. */
export interface CheckInput {
  /** Page records, in any order. */
  pages: readonly PageRecord[];
  /** Every output file (pages and assets), relative to the site directory. */
  files: Iterable<string>;
  /** Validated options (see `resolveOptions`). */
  options: ResolvedOptions;
  /** The outbound check stage; without it external links are not checked. */
  external?: ExternalChecker | undefined;
  /** Whether `files` lists every asset (false in a unified pipeline that sees only pages). Default true. */
  assetsKnown?: boolean | undefined;
  /** Other names of files (symlinks inside the site): alias -> real file. Default none. */
  aliases?: ReadonlyMap<string, string> | undefined;
  /** Sitemap files of the output (`sitemap.xml`, `sitemap-0.xml`), for `sitemap-mismatch`. Default none. */
  sitemaps?: readonly SitemapFile[] | undefined;
  /** Pages the host could not read or parse: the `unreadable-page` rule reports each. Default none. */
  unreadable?: readonly UnreadablePage[] | undefined;
  /** Problems met before the check that cost no page (a sitemap that cannot be read), carried into the result. */
  warnings?: readonly string[] | undefined;
  /** Accepted findings (read by the host from the `baseline` file): only findings not in it count. */
  baseline?: Baseline | undefined;
  /**
   * Why the run holds only part of the site (a clause: `` `docs/a.md` is not
   * in this run``). Rules of `scope: 'site'` (orphans, depth, anchor
   * distribution) then do not run, and a warning names them and says why.
   * Default: the run holds the whole site.
   */
  partial?: string | undefined;
  /** Suppression comments in pages' sources, by page file, in document order. Default none. */
  directives?: ReadonlyMap<string, readonly Directive[]> | undefined;
  /** Receives how long each step took (`graph`, `rule:<id>`, …), in ms; for `LINKGRAPH_TIMING`. */
  timing?: Timing | undefined;
  /**
   * Receives the link graph once it is built, before the rules run: for a
   * host that keeps more of the site than the result carries (the Astro dev
   * toolbar's anchor texts per page). Default none.
   */
  onGraph?: ((graph: Graph) => void) | undefined;
}

/**
 * Run the site-wide check: graph, rules, result. Pure but for the injected
 * external stage.
 */
export async function check(input: CheckInput): Promise<Result> {
  const { options, timing } = input;
  const pages = [...input.pages].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const site = timed(timing, 'site model', () => createSiteModel({
    files: input.files,
    pageFiles: pages.map((page) => page.file),
    base: options.base,
    trailingSlash: options.trailingSlash,
    redirects: options.redirects,
    assetsKnown: input.assetsKnown,
    aliases: input.aliases,
  }));
  const graph = timed(timing, 'graph', () => buildGraph(pages, site, { site: options.site, templateThreshold: options.templateThreshold, entries: options.entries }));
  // Depths, link scores and linkers: computed once for the rules and the result's page metrics.
  timed(timing, 'link metrics', () => linkMetrics(graph));
  input.onGraph?.(graph);
  const warnings = [...(input.warnings ?? [])];

  const requests = externalRequests(graph);
  const external = await checkOutbound(input, requests, timing, warnings);

  let { findings, suppressed } = runRules(input, graph, external, warnings);
  timed(timing, 'sort findings', () => sortFindings(findings));
  let baseline: BaselineOutcome | undefined;
  if (input.baseline) {
    const matched = matchBaseline(findings, input.baseline);
    findings = matched.fresh;
    baseline = matched.outcome;
    suppressed += baseline.matched;
  }

  const counts: SeverityCounts = { error: 0, warn: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  const result: Result = {
    findings,
    counts,
    pages: timed(timing, 'page metrics', () => pageMetrics(graph)),
    summary: {
      pages: pages.length,
      links: pages.reduce((sum, page) => sum + page.links.length, 0),
      externalUrls: requests.length,
      external: external ? (external.reason === undefined ? { checked: external.checked } : { checked: external.checked, reason: external.reason }) : { checked: false, reason: input.external ? 'no external links' : 'outbound checks are off' },
      suppressed,
    },
    failed: findings.some((finding) => fails(finding.severity, options.failOn)),
    warnings,
    graph: timed(timing, 'result graph', () => resultGraph(graph)),
  };
  if (baseline) result.baseline = baseline;
  return result;
}

/**
 * The outbound stage: the host's checker, given the site's external URLs.
 * A checker that throws costs the run its outbound results, not the report.
 */
async function checkOutbound(input: CheckInput, requests: ExternalRequest[], timing: Timing | undefined, warnings: string[]): Promise<ExternalResults | undefined> {
  if (!input.external || requests.length === 0) return undefined;
  const started = performance.now();
  try {
    const external = await input.external(requests);
    timing?.('outbound checks', performance.now() - started);
    warnings.push(...(external.warnings ?? []));
    return external;
  } catch (error) {
    warnings.push(`External links were not checked: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/**
 * Run every rule that is on, each timed apart from the computations rules
 * share, and keep its findings unless a suppression or `ignore` covers
 * them. A rule that throws costs its own findings, not the run's.
 */
function runRules(input: CheckInput, graph: Graph, external: ExternalResults | undefined, warnings: string[]): { findings: Finding[]; suppressed: number } {
  const { options, timing } = input;
  const findings: Finding[] = [];
  const ignore = createIgnore(options, input.directives);
  let suppressed = 0;
  const skipped: RuleId[] = [];
  for (const [id, setting] of options.rules) {
    if (setting.level === 'off') continue;
    if (input.partial !== undefined && rules[id].meta.scope === 'site') {
      skipped.push(id);
      continue;
    }
    const severity = setting.level;
    const report = (input: FindingInput): void => {
      const finding = toFinding(graph, id, severity, input);
      if (ignore(finding, input.pageId === undefined ? undefined : graph.pages[input.pageId], input.link)) suppressed++;
      else findings.push(finding);
    };
    // A computation rules share is timed as a step of its own, and not as this rule's time.
    let shared = 0;
    const step: SharedStep = (name, compute) => {
      const started = performance.now();
      try {
        return timed(timing, name, compute);
      } finally {
        shared += performance.now() - started;
      }
    };
    const context: RuleContext<unknown> = {
      graph,
      options: setting.options,
      external,
      site: options.site,
      sitemaps: input.sitemaps ?? [],
      unreadable: input.unreadable ?? [],
      ruleIds,
      directives: input.directives,
      report,
      step,
    };
    const started = performance.now();
    try {
      rules[id].check(context as never);
    } catch (error) {
      warnings.push(`Rule \`${id}\` failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    timing?.(`rule ${id}`, performance.now() - started - shared);
  }
  if (skipped.length > 0) {
    warnings.push(`Rules that need the whole site did not run (${skipped.map((id) => `\`${id}\``).join(', ')}): ${input.partial}`);
  }
  return { findings, suppressed };
}

/** The graph's edges (its own typed arrays, shared: nothing mutates them) and entries, for reports that draw the graph. */
function resultGraph(graph: Graph): ResultGraph {
  return { from: graph.edgeFrom, to: graph.edgeTo, flags: graph.edgeFlags, entries: [...graph.entries] };
}

/** A finding from a rule's report, with page, file, position and link fields filled in. */
function toFinding(graph: Graph, ruleId: RuleId, severity: Severity, input: FindingInput): Finding {
  const page = input.pageId === undefined ? undefined : graph.pages[input.pageId];
  const link = input.link === undefined ? undefined : page?.links[input.link];
  const finding: Finding = {
    ruleId,
    severity: input.severity ?? severity,
    message: input.message,
    page: input.at?.url ?? page?.url ?? '',
    file: input.at?.file ?? page?.file ?? '',
    position: input.position ?? link?.position ?? { known: false },
  };
  if (link) {
    const { target } = graph.links.resolved(graph.links.at(input.pageId!, input.link!));
    finding.href = link.href;
    finding.text = link.text;
    finding.target = target.kind === 'internal' ? `${target.path}${target.fragment === undefined ? '' : `#${target.fragment}`}` : target.kind === 'invalid' ? null : target.kind === 'external' ? `${target.url}${target.fragment === undefined ? '' : `#${target.fragment}`}` : target.url;
    if (link.origin) finding.origin = link.origin;
  }
  if (input.expected) finding.expected = input.expected;
  if (input.actual !== undefined) finding.actual = input.actual;
  if (input.suggestions) finding.suggestions = input.suggestions;
  if (input.data) finding.data = input.data;
  return finding;
}

/** Unique external URLs, with the fragments linked on each. */
function externalRequests(graph: Graph): ExternalRequest[] {
  const byUrl = new Map<string, Set<string>>();
  const { links } = graph;
  links.each(
    (link) => links.kind(link) === 'external',
    (link) => {
      const { target } = links.resolved(link);
      if (target.kind !== 'external' || !isCheckableExternal(links.record(link))) return;
      let fragments = byUrl.get(target.url);
      if (!fragments) byUrl.set(target.url, (fragments = new Set()));
      if (target.fragment !== undefined && target.fragment !== '') fragments.add(target.fragment);
    },
  );
  return [...byUrl].sort(([a], [b]) => (a < b ? -1 : 1)).map(([url, fragments]) => ({ url, fragments: [...fragments].sort() }));
}

/** Inlinks, outlinks, depth and link score of every page. */
function pageMetrics(graph: Graph): PageMetrics[] {
  const { depths, score } = linkMetrics(graph);
  const { links } = graph;
  return graph.pages.map((page, pageId) => {
    let contentInlinks = 0;
    for (const edge of graph.inbound(pageId)) if (graph.isContentEdge(edge)) contentInlinks++;
    // Only pages with at least one content link count as content inlinks; the rest are template-only.
    const inlinks = graph.inbound(pageId).length;
    // External URLs from the link table's kinds: only external links' resolutions are read.
    const external = new Set<string>();
    const end = links.end(pageId);
    for (let link = links.start(pageId); link < end; link++) {
      if (links.kind(link) !== 'external') continue;
      const { target } = links.resolved(link);
      if (target.kind === 'external') external.add(target.url);
    }
    const metrics: PageMetrics = {
      url: page.url,
      file: page.file,
      inlinks,
      contentInlinks,
      templateInlinks: inlinks - contentInlinks,
      outlinks: graph.outbound(pageId).length,
      externalOutlinks: external.size,
      depth: depths.depth[pageId] === -1 ? null : depths.depth[pageId]!,
      score: Number.isNaN(score[pageId]) ? null : score[pageId]!,
      indexable: graph.exclusion(pageId) === undefined,
    };
    if (page.title !== undefined) metrics.title = page.title;
    const exclusion = graph.exclusion(pageId);
    if (exclusion !== undefined) metrics.exclusion = exclusion;
    return metrics;
  });
}
