/**
 * linkgraph's programmatic API, free of Node.js: run the engine on page
 * records from any source, render reports, build the link graph, write
 * rules. Reading a site from disk, baseline files and the HTTP check of
 * outbound links are in `linkgraph/node`.
 */
export { collectPage } from './collect/collect-page.js';
export { ORIGIN_ATTRIBUTE } from './collect/link-attributes.js';
export type { CollectOptions } from './collect/page-collector.js';
export { check, type CheckInput } from './engine/check.js';
export {
  BASELINE_VERSION,
  BaselineError,
  createBaseline,
  fingerprintOf,
  matchBaseline,
  parseBaseline,
  stringifyBaseline,
  type Baseline,
} from './engine/baseline.js';
export type { ExternalEvent, ExternalLogger } from './external/progress.js';
export type { ExternalChecker, ExternalRequest, ExternalResults, ExternalStatus } from './engine/external-stage.js';
export { buildGraph, type Graph, type LinkTable, type ResolvedLink } from './graph/build-graph.js';
export { OptionsError, optionsSchema, resolveOptions, type Options, type ResolvedOptions } from './options.js';
export { formats, type FormatName } from './report/formats.js';
export { ANNOTATIONS_PER_KIND, formatGithubSummary } from './report/github.js';
export { render, renderTo, type Rendered } from './report/render.js';
export type { ReportContext, Reporter } from './report/report-context.js';
export { resolveHref, type ResolveContext } from './resolve/resolve-href.js';
export { createRule, type Rule, type RuleContext, type RuleMeta } from './rules/create-rule.js';
export { rules, ruleIds, type RuleId } from './rules/registry.js';
export { createSiteModel, type SiteModel, type TrailingSlash } from './site/site-model.js';
export type * from './types.js';
export { VERSION } from './version.js';
