import { z } from 'zod';
import { selectorProblem } from './collect/content-selector.js';
import { parseDuration } from './external/duration.js';
import { describeIssues, shown } from './option-messages.js';
import { rules, ruleIds, type RuleId } from './rules/registry.js';
import { closestMatch } from './rules/util/closest-match.js';
import type { RuleLevel, Severity } from './types.js';

const level = z.enum(['off', 'info', 'warn', 'error']);

/** `'warn'` or `['warn', { ...ruleOptions }]`, as in ESLint. */
const ruleSetting = z.union([level, z.tuple([level]), z.tuple([level, z.record(z.string(), z.unknown())])], {
  error: (issue) => `expected \`off\`, \`info\`, \`warn\` or \`error\` (or \`[level, { ...options }]\`), received ${shown(issue.input)}`,
});

const DURATION = 'a duration such as `500ms`, `30s`, `12h`, `1d` or a number of milliseconds';

/** A duration: milliseconds, or a string with a unit (`500ms`, `30s`, `12h`, `1d`); output in ms. */
const duration = z.union([z.number(), z.string()], { error: (issue) => `expected ${DURATION}, received ${shown(issue.input)}` }).transform((value, context) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    context.addIssue({ code: 'custom', message: `expected ${DURATION}, received ${shown(value)}` });
    return z.NEVER;
  }
  return ms;
});

/** Request headers; `${NAME}` in a value is replaced by the environment variable `NAME`. */
const headers = z.record(z.string(), z.string());

/** Settings for one host (exact name, or `*.domain` for every subdomain). */
const hostSettings = z.strictObject({
  /** Requests in flight to this host at once. Default: `perHost`. */
  concurrency: z.int().min(1).optional(),
  /** Minimum time between two requests to this host. Default: `interval`. */
  interval: duration.optional(),
  /** Extra request headers, such as `{ "Authorization": "Bearer ${GITHUB_TOKEN}" }`. */
  headers: headers.optional(),
});

/** The outbound (external) link check. Every field has a default. */
export const externalSchema = z.strictObject({
  /**
   * Check external links over HTTP. Default false: a build stays offline
   * unless asked (`--external`), since a sandboxed build has no network and
   * a large site's outbound links take time.
   */
  enabled: z.boolean().default(false),
  /** Make no request at all and report external links as not checked (also `--offline`, `LINKGRAPH_OFFLINE=1`). Default false. */
  offline: z.boolean().default(false),
  /** Requests in flight at once, over all hosts. Default 128. */
  concurrency: z.int().min(1).default(128),
  /** Requests in flight at once to one origin (scheme, host and port). Default 10. */
  perHost: z.int().min(1).default(10),
  /** Minimum time between two requests to one origin. Default 50 ms. */
  interval: duration.default(50),
  /** Timeouts: to connect, to receive the response headers, and for a whole request. */
  timeouts: z
    .strictObject({
      /** Default 10 s. */
      connect: duration.default(10_000),
      /** Default 15 s. A `HEAD` gets a third of it (of `request`, when shorter), at least 1 s, before `GET` is tried. */
      headers: duration.default(15_000),
      /** The whole request, body included. Default 30 s. */
      request: duration.default(30_000),
    })
    .prefault({}),
  /** Retries after 5xx, 408, 429, timeouts and resets. Default 3. */
  retries: z.int().min(0).default(3),
  /** First backoff delay; doubled at each retry, with jitter. Default 1 s. */
  retryDelay: duration.default(1000),
  /** Longest wait a `Retry-After` or rate-limit header may impose (and, over a run, the most a used-up quota on successes holds back one origin); beyond it the URL is unverifiable at once. Default 60 s. */
  maxRetryWait: duration.default(60_000),
  /** Redirects followed before giving up. Default 10. */
  maxRedirects: z.int().min(0).default(10),
  /** Bytes of an HTML page read, decompressed, to find its ids (fragment checks). Default 4 MiB. */
  maxBodySize: z.int().min(1024).default(4 * 1024 * 1024),
  /** Verify `#fragment`s of external HTML pages (GET, then the page's ids). Default true. */
  checkFragments: z.boolean().default(true),
  /** URLs never requested: globs (`https://github.com/*\/edit/**`), URL prefixes or RegExps. Default none. */
  exclude: z.array(z.union([z.string(), z.instanceof(RegExp)])).default([]),
  /** Skip the names RFC 2606 reserves (`example.com/.net/.org`, `.test`, `.example`, `.invalid`, `.localhost`). Default true. */
  excludeReserved: z.boolean().default(true),
  /** Skip loopback, private and link-local addresses and `localhost`. Default false. */
  excludePrivate: z.boolean().default(false),
  /** Request headers for every host. Default none. */
  headers: headers.default({}),
  /** Per-host settings, by host name (`api.github.com`) or `*.domain`. Default none. */
  hosts: z.record(z.string(), hostSettings).default({}),
  /** `User-Agent` header. Default `linkgraph/<version>`. */
  userAgent: z.string().min(1).optional(),
  /** Cache of successes between runs; `false` turns it off. */
  cache: z
    .union([
      z.literal(false),
      z.strictObject({
        /** Directory of `external.json`. Default: the host's cache directory (Astro `cacheDir`), else `node_modules/.cache/linkgraph`. */
        dir: z.string().min(1).optional(),
        /** How long a success is trusted. Default 1 day. */
        ttl: duration.default(86_400_000),
      }),
    ])
    .prefault({}),
  /**
   * A broken external link is an error only once it failed in `runs`
   * consecutive runs or for `days` days (whichever comes first); before,
   * a warning. Default 0 and 0: an error at once. Needs the cache.
   */
  grace: z
    .strictObject({
      runs: z.int().min(0).default(0),
      days: z.number().min(0).default(0),
    })
    .prefault({}),
});

/**
 * The options every host (API, rehype, Astro, CLI) accepts, with their
 * defaults. Validated once, at the boundary, by {@link resolveOptions}.
 */
export const optionsSchema = z.strictObject({
  /**
   * Origin of the deployed site (`https://example.com`): absolute links to it
   * are internal. Default: none (only relative and root-relative links are internal).
   */
  site: z.url({ protocol: /^https?$/, error: (issue) => `expected an \`http\` or \`https\` origin such as \`https://example.com\`, received ${shown(issue.input)}` }).optional(),
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
  /**
   * CSS selector of the content region; links elsewhere count as template.
   * Compiled here, so that a selector no page could be matched against is
   * an options error, not a run that checks nothing. Default: landmarks decide.
   */
  contentSelector: z
    .string()
    .min(1)
    .superRefine((value, context) => {
      const problem = selectorProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `expected a CSS selector, received ${shown(value)} (${problem})` });
    })
    .optional(),
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
      /** Rule ids whose findings are dropped everywhere; an unknown id is an error. */
      rules: z.array(z.string()).default([]),
      /** URL globs (`/drafts/**`) of pages whose findings are dropped. */
      pages: z.array(z.string()).default([]),
      /** Link targets (globs, or RegExp) never reported. */
      urls: z.array(z.union([z.string(), z.instanceof(RegExp)])).default([]),
    })
    .prefault({}),
  /** Outbound link check (see {@link externalSchema}); `true` is `{ enabled: true }`. Default off. */
  external: z
    .union([z.boolean(), externalSchema])
    .default(false)
    .transform((value) => (typeof value === 'boolean' ? externalSchema.parse({ enabled: value }) : value)),
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
  const parsed = optionsSchema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw new OptionsError(describeIssues(parsed.error, optionsSchema, origin));
  const { rules: settings, ...rest } = parsed.data;
  const resolved = new Map<RuleId, { level: RuleLevel; options: unknown }>();
  for (const [id, rule] of Object.entries(rules) as [RuleId, (typeof rules)[RuleId]][]) {
    resolved.set(id, { level: rule.meta.defaultLevel, options: rule.options.parse({}) });
  }
  for (const [id, setting] of Object.entries(settings)) {
    if (!isRuleId(id)) throw new OptionsError(`${origin}: ${unknownRule(id, 'rules')}`);
    const rule = rules[id];
    const [ruleLevel, ruleOptions] = typeof setting === 'string' ? [setting, {}] : [setting[0], setting[1] ?? {}];
    const options = rule.options.safeParse(ruleOptions, { reportInput: true });
    if (!options.success) throw new OptionsError(describeIssues(options.error, rule.options, origin, ['rules', id, 1]));
    resolved.set(id, { level: ruleLevel, options: options.data });
  }
  // An id that names no rule would suppress nothing, silently.
  rest.ignore.rules.forEach((id, index) => {
    if (!isRuleId(id)) throw new OptionsError(`${origin}: ${unknownRule(id, `ignore.rules[${index}]`)}`);
  });
  return { ...rest, rules: resolved };
}

/**
 * Validate a host's own options (those besides the engine's) with the same
 * messages as {@link resolveOptions}.
 *
 * @param schema the host's schema.
 * @param origin where the options came from, for the message.
 * @throws {OptionsError} naming the option and what was expected.
 */
export function parseHostOptions<Schema extends z.ZodType>(schema: Schema, input: unknown, origin: string): z.output<Schema> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new OptionsError(describeIssues(parsed.error, schema, origin));
  return parsed.data;
}

/** Whether `id` names a rule of the registry. */
function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id);
}

/** `unknown rule `x` in `rules`; did you mean `y`?`, or the list of every rule when none is close. */
function unknownRule(id: string, where: string): string {
  const near = closestMatch(id, ruleIds);
  return `unknown rule \`${id}\` in \`${where}\`; ${near === undefined ? `expected one of ${ruleIds.map((key) => `\`${key}\``).join(', ')}` : `did you mean \`${near}\`?`}`;
}

/** Severities from lowest to highest. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warn: 1, error: 2 };

/** Whether a finding of `severity` fails the run under `failOn`. */
export function fails(severity: Severity, failOn: ResolvedOptions['failOn']): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
