/** The CLI's arguments: its options, its help, and how they become linkgraph's options. */
import { parseArgs } from 'node:util';
import { DEFAULT_BASELINE_FILE } from '../node/baseline-file.js';
import { formats } from '../report/formats.js';

/** Every option of the CLI, as `parseArgs` reads them. */
const OPTIONS = {
  site: { type: 'string' },
  base: { type: 'string' },
  'trailing-slash': { type: 'string' },
  'fail-on': { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  'content-selector': { type: 'string' },
  external: { type: 'boolean' },
  offline: { type: 'boolean' },
  'external-exclude': { type: 'string', multiple: true },
  'external-cache-dir': { type: 'string' },
  'no-external-cache': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * Parse the CLI's arguments (after the executable and script).
 *
 * @throws {TypeError} on an unknown option or a missing value (`parseArgs`' errors).
 */
export function parseCliArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}

/** The text of `--help`. */
export const HELP = `Usage: linkgraph check <dir> [options]
       linkgraph baseline <dir> [options]

Check the links and the internal link graph of a built static site.

Commands:
  check <dir>                 check the site and report
  baseline <dir>              record the current findings in the baseline file
                              (--baseline, default ${DEFAULT_BASELINE_FILE}), meant
                              to be committed; later \`check --baseline\` runs fail
                              only on findings not in it

Arguments:
  <dir>                       the site's output directory (for example dist)

Options:
  --site <url>                origin of the deployed site; absolute links to it are internal
  --base <path>               base path the site is served under (default /)
  --trailing-slash <policy>   ignore | always | never (default ignore)
  --fail-on <level>           error | warn | info | never (default error)
  --format <name>[=<file>]    report format: ${Object.keys(formats).join(', ')} (default text);
                              repeat for several; with =<file> the report goes to that file
  -o, --output <file>         write the report (the last --format) to <file> instead of stdout
  --baseline <file>           baseline file: its findings do not count (check), or
                              where to record them (baseline)
  --content-selector <css>    CSS selector of the content region (default: landmarks decide)
  --external                  check external links over HTTP (default off)
  --offline                   make no network request; external links are reported as not
                              checked (also LINKGRAPH_OFFLINE=1)
  --external-exclude <glob>   never request URLs matching <glob> (repeatable)
  --external-cache-dir <dir>  directory of the external link cache
                              (default node_modules/.cache/linkgraph)
  --no-external-cache         do not read or write the external link cache
  -c, --config <file>         config file (default: linkgraph.config.{js,mjs,json} in the
                              working directory); flags override it
  --color, --no-color         force colour on or off (default: on for a terminal, off
                              when NO_COLOR is set)
  -h, --help                  show this help
  -v, --version               show the version

Exit codes:
  0  no finding at or above the fail level
  1  findings at or above the fail level
  2  bad usage, bad config, an unreadable <dir>, or a report or stdout that
     cannot be written (the message says which)

In GitHub Actions (GITHUB_ACTIONS=true) the github format is added on its own,
and a Markdown summary of every finding is appended to $GITHUB_STEP_SUMMARY.

Environment:
  LINKGRAPH_TIMING=1          print the time and memory of each step to stderr, slowest first
  LINKGRAPH_THREADS=<n>       threads that read pages, the main one included
                              (default: one per core from 1,500 pages up,
                              one below that or when the machine is busy)
  LINKGRAPH_OFFLINE=1         do not check outbound links (same as --offline)

Examples:
  linkgraph check dist
  linkgraph check dist --site https://example.com --format json=linkgraph.json
  linkgraph check dist --format sarif=linkgraph.sarif --format html=linkgraph.html
  linkgraph baseline dist && linkgraph check dist --baseline ${DEFAULT_BASELINE_FILE}
  linkgraph check dist --external --external-exclude 'https://twitter.com/**'
`;

/** CLI flags that set an option of the same meaning. */
export const FLAG_OPTIONS = [
  ['site', 'site'],
  ['base', 'base'],
  ['trailing-slash', 'trailingSlash'],
  ['fail-on', 'failOn'],
  ['content-selector', 'contentSelector'],
  ['baseline', 'baseline'],
] as const;
/** The `external` option after the outbound flags, or undefined when no such flag is given. */
export function externalFlags(
  values: { external?: boolean; offline?: boolean; 'external-exclude'?: string[]; 'external-cache-dir'?: string; 'no-external-cache'?: boolean },
  fromConfig: unknown,
): unknown {
  const given = values.external !== undefined || values.offline !== undefined || values['external-exclude'] !== undefined || values['external-cache-dir'] !== undefined || values['no-external-cache'] !== undefined;
  if (!given) return undefined;
  // A config may say `external: true`; flags refine whatever it says.
  const base: Record<string, unknown> = typeof fromConfig === 'boolean' ? { enabled: fromConfig } : typeof fromConfig === 'object' && fromConfig !== null ? { ...(fromConfig as Record<string, unknown>) } : {};
  if (values.external) base['enabled'] = true;
  if (values.offline) base['offline'] = true;
  if (values['external-exclude']) base['exclude'] = [...((base['exclude'] as unknown[] | undefined) ?? []), ...values['external-exclude']];
  if (values['no-external-cache']) base['cache'] = false;
  else if (values['external-cache-dir'] !== undefined) base['cache'] = { ...(typeof base['cache'] === 'object' && base['cache'] !== null ? (base['cache'] as object) : {}), dir: values['external-cache-dir'] };
  return base;
}

/** `json=out/report.json` -> `['json', 'out/report.json']`. */
export function splitFormat(spec: string): [string, string?] {
  const at = spec.indexOf('=');
  return at === -1 ? [spec] : [spec.slice(0, at), spec.slice(at + 1)];
}
