import { z } from 'zod';
import { rules, type RuleId } from './rules/registry.js';
import type { RuleLevel, Severity } from './types.js';

const level = z.enum(['off', 'warn', 'error', 'info']);

/** `'warn'` or `['warn', { ...ruleOptions }]`, as in ESLint. */
const ruleSetting = z.union([level, z.tuple([level]), z.tuple([level, z.record(z.string(), z.unknown())])]);

/**
 * The options every host (API, rehype, Astro, CLI) accepts, with their
 * defaults. Validated once, at the boundary, by {@link resolveOptions}.
 */
export const optionsSchema = z.strictObject({
  /**
   * Origin of the deployed site (`https://example.com`): absolute links to it
   * are internal. Default: none (only relative and root-relative links are internal).
   */
  site: z.url({ protocol: /^https?$/ }).optional(),
  /** Base path the site is served under. Default `/`. */
  base: z.string().default('/'),
  /** Trailing slash policy of page URLs: `ignore` (default), `always`, `never`. */
  trailingSlash: z.enum(['ignore', 'always', 'never']).default('ignore'),
  /** Lowest severity that fails the run: `error` (default), `warn`, `info`, or `never`. */
  failOn: z.enum(['error', 'warn', 'info', 'never']).default('error'),
  /** Rule levels and options: `{ 'broken-fragment': 'warn', 'click-depth': ['warn', { maxDepth: 4 }] }`. */
  rules: z.record(z.string(), ruleSetting).default({}),
  /** Extra entry points (URL paths) besides the home page. Default none. */
  entries: z.array(z.string()).default([]),
  /**
   * Share of pages (0-1) on which one link (same target and anchor text) must
   * appear to count as template wherever it sits. Default 0.5.
   */
  templateThreshold: z.number().min(0).max(1).default(0.5),
  /** CSS selector of the content region; links elsewhere count as template. Default: landmarks decide. */
  contentSelector: z.string().min(1).optional(),
  /** Redirects the host serves: source path -> target. Default none. */
  redirects: z.record(z.string(), z.string()).default({}),
  /**
   * Baseline file (`linkgraph-baseline.json`), relative to the working
   * directory or project root: findings recorded in it by `linkgraph
   * baseline` do not count, only new ones do. Default: none.
   */
  baseline: z.string().min(1).optional(),
  /** Ignore findings: by rule, by page (URL glob) and by link target (URL glob or RegExp). */
  ignore: z
    .strictObject({
      /** Rule ids whose findings are dropped everywhere. */
      rules: z.array(z.string()).default([]),
      /** URL globs (`/drafts/**`) of pages whose findings are dropped. */
      pages: z.array(z.string()).default([]),
      /** Link targets (globs, or RegExp) never reported. */
      urls: z.array(z.union([z.string(), z.instanceof(RegExp)])).default([]),
    })
    .prefault({}),
});

/** Options as a user writes them. */
export type Options = z.input<typeof optionsSchema>;

/** Options after validation, every default applied, rule settings resolved. */
export type ResolvedOptions = Omit<z.output<typeof optionsSchema>, 'rules'> & {
  rules: ReadonlyMap<RuleId, { level: RuleLevel; options: unknown }>;
};

/** A bad option: the message names the option and what was expected. */
export class OptionsError extends Error {
  override name = 'OptionsError';
}

/**
 * Validate options once, at a host's boundary, and apply defaults.
 *
 * @param input what the user wrote.
 * @param origin where it came from, for the message (`linkgraph.config.json`).
 * @throws {OptionsError} naming the option and what was expected.
 */
export function resolveOptions(input: unknown, origin = 'options'): ResolvedOptions {
  const parsed = optionsSchema.safeParse(input ?? {});
  if (!parsed.success) throw new OptionsError(describeIssues(parsed.error, origin));
  const { rules: settings, ...rest } = parsed.data;
  const resolved = new Map<RuleId, { level: RuleLevel; options: unknown }>();
  for (const [id, rule] of Object.entries(rules) as [RuleId, (typeof rules)[RuleId]][]) {
    resolved.set(id, { level: rule.meta.defaultLevel, options: rule.options.parse({}) });
  }
  for (const [id, setting] of Object.entries(settings)) {
    if (!(id in rules)) {
      throw new OptionsError(`${origin}: unknown rule \`${id}\` in \`rules\`; expected one of ${Object.keys(rules).map((key) => `\`${key}\``).join(', ')}`);
    }
    const rule = rules[id as RuleId];
    const [ruleLevel, ruleOptions] = typeof setting === 'string' ? [setting, {}] : [setting[0], setting[1] ?? {}];
    const options = rule.options.safeParse(ruleOptions);
    if (!options.success) throw new OptionsError(describeIssues(options.error, origin, `rules.${id}[1]`));
    resolved.set(id as RuleId, { level: ruleLevel, options: options.data });
  }
  return { ...rest, rules: resolved };
}

/** One line per issue: `origin: \`path\` expected …, received …`. */
function describeIssues(error: z.ZodError, origin: string, prefix?: string): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${origin}: \`${path || '(root)'}\` ${issue.message.replace(/^Invalid (?:input|option): /, '')}`;
    })
    .join('\n');
}

/** Severities from lowest to highest. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warn: 1, error: 2 };

/** Whether a finding of `severity` fails the run under `failOn`. */
export function fails(severity: Severity, failOn: ResolvedOptions['failOn']): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
