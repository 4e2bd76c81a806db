import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OptionsError, resolveOptions } from '../options.js';
import { checkDirectory } from '../node/check-directory.js';
import { loadConfig } from '../node/load-config.js';
import { SiteDirectoryError } from '../node/read-site.js';
import { formats, isFormatName, type FormatName } from '../report/formats.js';
import { render } from '../report/render.js';
import { VERSION } from '../version.js';

/** Where the CLI writes and what it knows of its environment. Injected for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour). */
  isTty: boolean;
}

/** Exit codes, as lychee uses them. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const HELP = `Usage: linkgraph check <dir> [options]

Check the links and the internal link graph of a built static site.

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
  --content-selector <css>    CSS selector of the content region (default: landmarks decide)
  -c, --config <file>         config file (default: linkgraph.config.{js,mjs,json} in the
                              working directory); flags override it
  --color, --no-color         force colour on or off (default: on for a terminal, off
                              when NO_COLOR is set)
  -h, --help                  show this help
  -v, --version               show the version

Exit codes:
  0  no finding at or above the fail level
  1  findings at or above the fail level
  2  bad usage, bad config or an unreadable <dir> (the message says which)

Examples:
  linkgraph check dist
  linkgraph check dist --site https://example.com --format json=linkgraph.json
`;

/**
 * Run the CLI.
 *
 * @param argv arguments after the executable and script (`['check', 'dist']`).
 * @returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        site: { type: 'string' },
        base: { type: 'string' },
        'trailing-slash': { type: 'string' },
        'fail-on': { type: 'string' },
        format: { type: 'string', multiple: true },
        output: { type: 'string', short: 'o' },
        'content-selector': { type: 'string' },
        config: { type: 'string', short: 'c' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`linkgraph: ${(error as Error).message}\nRun \`linkgraph --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, dir, ...extra] = positionals;
  if (command !== 'check') {
    io.stderr(`linkgraph: ${command === undefined ? 'missing command' : `unknown command \`${command}\``}; expected \`check\`\nRun \`linkgraph --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (dir === undefined || extra.length > 0) {
    io.stderr(`linkgraph: ${dir === undefined ? 'missing <dir>' : `unexpected argument \`${extra[0]}\``}; expected \`linkgraph check <dir>\`\n`);
    return EXIT.usage;
  }

  const outputs: { format: FormatName; file?: string }[] = [];
  for (const spec of values.format ?? ['text']) {
    const [name = '', file] = splitFormat(spec);
    if (!isFormatName(name)) {
      io.stderr(`linkgraph: unknown format \`${name}\` in \`--format\`; expected one of ${Object.keys(formats).map((key) => `\`${key}\``).join(', ')}\n`);
      return EXIT.usage;
    }
    outputs.push(file === undefined ? { format: name } : { format: name, file });
  }
  if (values.output !== undefined) {
    const last = outputs.at(-1)!;
    last.file = values.output;
  }

  let options;
  try {
    const config = await loadConfig(io.cwd, values.config);
    const fromConfig = config?.options;
    if (fromConfig !== undefined && (typeof fromConfig !== 'object' || fromConfig === null || Array.isArray(fromConfig))) {
      throw new OptionsError(`${config!.file}: expected an object of options`);
    }
    // Validate each source alone first, so that a message names the flag or the file.
    if (config) resolveOptions(fromConfig, config.file);
    const flags: Record<string, unknown> = {};
    for (const [flag, option] of FLAG_OPTIONS) {
      if (values[flag] !== undefined) flags[option] = values[flag];
    }
    try {
      resolveOptions(flags, 'flags');
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      let message = error.message;
      for (const [flag, option] of FLAG_OPTIONS) message = message.replaceAll(`flags: \`${option}\``, `\`--${flag}\``);
      throw new OptionsError(message);
    }
    options = resolveOptions({ ...(fromConfig as object | undefined), ...flags });
  } catch (error) {
    if (error instanceof OptionsError) {
      io.stderr(`linkgraph: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  let result;
  const siteRoot = path.resolve(io.cwd, dir);
  try {
    result = await checkDirectory(siteRoot, options);
  } catch (error) {
    if (error instanceof SiteDirectoryError) {
      io.stderr(`linkgraph: ${error.message.replaceAll(siteRoot, dir)}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const color = values['no-color'] ? false : values.color ? true : io.isTty && !io.env['NO_COLOR'];
  const siteDir = path.relative(io.cwd, path.resolve(io.cwd, dir)).split(path.sep).join('/');
  for (const output of outputs) {
    const rendered = render(output.format, result, { siteDir, color: output.file === undefined && output.format === 'text' && color });
    if (!rendered.ok) {
      io.stderr(`linkgraph: warning: ${rendered.error}\n`);
      continue;
    }
    if (output.file === undefined) {
      io.stdout(rendered.output);
      continue;
    }
    const target = path.resolve(io.cwd, output.file);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, rendered.output);
      io.stderr(`linkgraph: wrote the ${output.format} report to ${output.file}\n`);
    } catch (error) {
      io.stderr(`linkgraph: warning: cannot write \`${output.file}\`: ${(error as Error).message}\n`);
    }
  }
  return result.failed ? EXIT.failed : EXIT.ok;
}

/** CLI flags that set an option of the same meaning. */
const FLAG_OPTIONS = [
  ['site', 'site'],
  ['base', 'base'],
  ['trailing-slash', 'trailingSlash'],
  ['fail-on', 'failOn'],
  ['content-selector', 'contentSelector'],
] as const;

/** `json=out/report.json` -> `['json', 'out/report.json']`. */
function splitFormat(spec: string): [string, string?] {
  const at = spec.indexOf('=');
  return at === -1 ? [spec] : [spec.slice(0, at), spec.slice(at + 1)];
}
