import { z } from 'zod';
import type { Graph } from '../graph/build-graph.js';
import type { ExternalResults } from '../engine/external-stage.js';
import type { Directive, Finding, Position, RuleLevel, Severity, SitemapFile, UnreadablePage } from '../types.js';

/** What a rule says about itself. */
export interface RuleMeta<Id extends string = string> {
  /** Stable kebab-case id; also the file name and the README anchor. */
  id: Id;
  /** One sentence: what the rule reports. */
  description: string;
  /** Level when the user configures nothing. */
  defaultLevel: RuleLevel;
  /**
   * `page`: a finding depends only on the page it is on and the files its
   * links name. `site`: it depends on every page (inlinks, depth, how anchor
   * texts spread), so it means nothing when only part of the site is checked
   * (one Markdown file in an editor), and the engine then skips the rule.
   */
  scope: 'page' | 'site';
  /** Why it matters, one or two sentences (SARIF `fullDescription`). */
  rationale: string;
}

/** What a rule reports; the engine fills page, file, position and link fields. */
export interface FindingInput {
  /** The page the finding is on (or about); omitted only with `at`. */
  pageId?: number;
  /**
   * For a finding in a file that is not a page (a sitemap): that output file
   * and the URL the finding concerns. Overrides the page's file and URL.
   */
  at?: { file: string; url: string };
  /** Index into that page's `links`, for link findings. */
  link?: number;
  message: string;
  /** Overrides the configured severity (for example mixed content is an error). */
  severity?: Severity;
  expected?: readonly string[];
  actual?: string;
  suggestions?: readonly string[];
  data?: Readonly<Record<string, unknown>>;
  /** Position, when not the link's. */
  position?: Position;
}

/** What a rule's check receives. */
export interface RuleContext<Options> {
  readonly graph: Graph;
  /** The rule's own options, validated, defaults applied. */
  readonly options: Options;
  /** Outbound check results, when external links were checked. */
  readonly external: ExternalResults | undefined;
  /** Origin of the deployed site (the `site` option), when set. */
  readonly site?: string | undefined;
  /** Sitemap files of the output, when the host read them. */
  readonly sitemaps?: readonly SitemapFile[] | undefined;
  /** Pages the host could not read or parse, which the graph lacks. */
  readonly unreadable?: readonly UnreadablePage[] | undefined;
  /** Every rule id, for checks of what names rules (suppressions in pages). */
  readonly ruleIds?: readonly string[] | undefined;
  /** Suppression comments in pages' sources, by page file (see `Directive`). */
  readonly directives?: ReadonlyMap<string, readonly Directive[]> | undefined;
  /** Record a finding. Suppressions (`data-linkgraph-ignore`, page opt-outs) apply here. */
  report(finding: FindingInput): void;
  /**
   * Run a computation rules share, built once per graph (the text index of
   * linker suggestions), timed as a step of its own rather than as the
   * rule that happens to need it first. Default: it runs untimed.
   */
  readonly step?: SharedStep | undefined;
}

/** Runs `compute`, timing it as the shared step `name` (see {@link RuleContext.step}). */
export type SharedStep = <T>(name: string, compute: () => T) => T;

/** A rule: meta, an options schema with defaults, and a check over the whole site. */
export interface Rule<Id extends string = string, Options = unknown> {
  readonly meta: RuleMeta<Id>;
  readonly options: z.ZodType<Options>;
  check(context: RuleContext<Options>): void;
}

/** A rule of any id and options, as the registry holds them. */
export type AnyRule = Rule<string, unknown>;

/**
 * Make a rule. One rule per file, `src/rules/<id>.ts`.
 *
 * @param rule meta, an optional zod schema of the rule's options (every
 *   field with a default), and the check.
 */
export function createRule<const Id extends string, Schema extends z.ZodType = z.ZodObject<{}>>(rule: {
  meta: RuleMeta<Id>;
  options?: Schema;
  check(context: RuleContext<z.output<Schema>>): void;
}): Rule<Id, z.output<Schema>> {
  const options = (rule.options ?? z.strictObject({})) as z.ZodType<z.output<Schema>>;
  return { meta: rule.meta, options, check: rule.check };
}
