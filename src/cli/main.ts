import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { BaselineError, createBaseline } from '../engine/baseline.js';
import { formatTiming, timed } from '../engine/timing.js';
import { OptionsError, resolveOptions } from '../options.js';
import { DEFAULT_BASELINE_FILE, writeBaseline } from '../node/baseline-file.js';
import type { ExternalLogger } from '../external/progress.js';
import { checkDirectory } from '../node/check-directory.js';
import { recordTiming } from '../node/timing-recorder.js';
import { writeReportFile } from '../node/write-report.js';
import { loadConfig } from '../node/load-config.js';
import { SiteDirectoryError } from '../node/list-site.js';
import { formats, isFormatName, type FormatName } from '../report/formats.js';
import { escapeControls, escapeLineStart } from '../report/escape-controls.js';
import { formatGithubSummary } from '../report/github.js';
import { renderTo } from '../report/render.js';
import { VERSION } from '../version.js';
import { externalFlags, FLAG_OPTIONS, HELP, parseCliArgs, splitFormat } from './args.js';

/** Entries the text report lists on stdout (a group of repeated findings is one). */
const TERMINAL_LIMIT = 100;
/** Where the CLI writes and what it knows of its environment. Injected for tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour). */
  isTty: boolean;
  /** Whether stderr is a terminal: progress then rewrites one line instead of printing many. Default false. */
  stderrIsTty?: boolean;
}

/** Exit codes, as lychee uses them; a report or stdout that cannot be written is a failure of the run, as bad usage is. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unwritable: 2 } as const;

/**
 * Run the CLI.
 *
 * @param argv arguments after the executable and script (`['check', 'dist']`).
 * @returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(argv);
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
  if (command !== 'check' && command !== 'baseline') {
    io.stderr(`linkgraph: ${command === undefined ? 'missing command' : `unknown command \`${command}\``}; expected \`check\` or \`baseline\`\nRun \`linkgraph --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (dir === undefined || extra.length > 0) {
    io.stderr(`linkgraph: ${dir === undefined ? 'missing <dir>' : `unexpected argument \`${extra[0]}\``}; expected \`linkgraph ${command} <dir>\`\n`);
    return EXIT.usage;
  }

  const outputs: { format: FormatName; file?: string; stream?: 'stderr' }[] = [];
  for (const spec of values.format ?? ['text']) {
    const [name = '', file] = splitFormat(spec);
    if (!isFormatName(name)) {
      io.stderr(`linkgraph: unknown format \`${name}\` in \`--format\`; expected one of ${Object.keys(formats).map((key) => `\`${key}\``).join(', ')}\n`);
      return EXIT.usage;
    }
    if (file === '') {
      io.stderr(`linkgraph: empty file name in \`--format ${name}=\`; expected \`--format ${name}=FILE\`, or \`--format ${name}\` for stdout\n`);
      return EXIT.usage;
    }
    outputs.push(file === undefined ? { format: name } : { format: name, file });
  }
  if (values.output !== undefined) {
    if (values.output === '') {
      io.stderr('linkgraph: empty file name in `--output`; expected `--output FILE`\n');
      return EXIT.usage;
    }
    const last = outputs.at(-1)!;
    last.file = values.output;
  }
  // In GitHub Actions, annotations come on their own; to stderr (which the runner also reads
  // for workflow commands) when stdout carries a machine-readable report.
  const inActions = io.env['GITHUB_ACTIONS'] === 'true';
  if (inActions && !outputs.some((output) => output.format === 'github')) {
    const stdoutTaken = outputs.some((output) => output.file === undefined && output.format !== 'text');
    outputs.push({ format: 'github', ...(stdoutTaken ? { stream: 'stderr' as const } : {}) });
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
    const external = externalFlags(values, (fromConfig as Record<string, unknown> | undefined)?.['external']);
    if (external !== undefined) flags['external'] = external;
    options = resolveOptions({ ...(fromConfig as object | undefined), ...flags });
  } catch (error) {
    if (error instanceof OptionsError) {
      io.stderr(`linkgraph: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const siteRoot = path.resolve(io.cwd, dir);
  if (command === 'baseline') {
    const file = options.baseline ?? DEFAULT_BASELINE_FILE;
    try {
      const recorded = await checkDirectory(siteRoot, options, { baseline: false, cwd: io.cwd });
      const baseline = createBaseline(recorded.findings);
      await writeBaseline(file, io.cwd, baseline);
      for (const warning of recorded.warnings) io.stderr(`linkgraph: warning: ${escapeControls(warning)}\n`);
      io.stderr(`linkgraph: recorded ${recorded.findings.length} ${recorded.findings.length === 1 ? 'finding' : 'findings'} (${baseline.entries.length} ${baseline.entries.length === 1 ? 'entry' : 'entries'}) in ${file}\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof SiteDirectoryError) {
        io.stderr(`linkgraph: ${error.message.replaceAll(siteRoot, dir)}\n`);
        return EXIT.usage;
      }
      io.stderr(`linkgraph: cannot write the baseline \`${file}\`: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }

  // LINKGRAPH_TIMING=1 prints how long each step took (reading, graph, each rule, each report) to stderr.
  const recorder = io.env['LINKGRAPH_TIMING'] ? recordTiming() : undefined;
  const timing = recorder?.timing;
  let result;
  try {
    result = await checkDirectory(siteRoot, options, { cwd: io.cwd, env: io.env, log: externalLog(io), progressEvery: io.stderrIsTty ? 250 : 5000, timing });
  } catch (error) {
    if (error instanceof SiteDirectoryError || error instanceof BaselineError) {
      io.stderr(`linkgraph: ${error.message.replaceAll(siteRoot, dir)}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const color = values['no-color'] ? false : values.color ? true : io.isTty && !io.env['NO_COLOR'];
  const siteDir = path.relative(io.cwd, path.resolve(io.cwd, dir)).split(path.sep).join('/');
  // A report that cannot be written fails the run, after the others are written.
  let unwritable = false;
  for (const output of outputs) {
    const context = { siteDir, color: output.file === undefined && output.format === 'text' && color };
    if (output.file === undefined) {
      // A terminal or CI log gets a list a person reads; a file gets every finding.
      if (output.format === 'text') Object.assign(context, { limit: TERMINAL_LIMIT, fullList: 'write them all with `--format text=FILE` or `--format json=FILE`' });
      const error = timed(timing, `report ${output.format}`, () => renderTo(output.format, result, context, output.stream === 'stderr' ? io.stderr : io.stdout));
      if (error !== undefined) io.stderr(`linkgraph: warning: ${error}\n`);
      continue;
    }
    const started = performance.now();
    const written = await writeReportFile(path.resolve(io.cwd, output.file), output.format, result, context);
    timing?.(`report ${output.format}`, performance.now() - started);
    if (written.status === 'written') io.stderr(`linkgraph: wrote the ${output.format} report to ${output.file}\n`);
    else if (written.status === 'failed') io.stderr(`linkgraph: warning: ${written.error}\n`);
    else if (written.status === 'unwritable') {
      io.stderr(`linkgraph: cannot write the ${output.format} report to \`${output.file}\`: ${written.reason}\n`);
      unwritable = true;
    }
    // 'closed': the pipe's reader stopped reading, which is its choice; nothing to say.
  }

  const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
  if (summaryFile && outputs.some((output) => output.format === 'github')) {
    try {
      await appendFile(path.resolve(io.cwd, summaryFile), formatGithubSummary(result, { siteDir }));
    } catch (error) {
      io.stderr(`linkgraph: warning: cannot write the job summary to \`${summaryFile}\`: ${(error as Error).message}\n`);
    }
  }
  if (result.baseline && result.baseline.stale.length > 0) {
    const stale = result.baseline.stale;
    io.stderr(`linkgraph: ${stale.length} baseline ${stale.length === 1 ? 'entry no longer occurs' : 'entries no longer occur'}; run \`linkgraph baseline ${dir}${options.baseline === DEFAULT_BASELINE_FILE ? '' : ` --baseline ${options.baseline}`}\` to shrink the file:\n`);
    for (const entry of stale) io.stderr(`  ${escapeLineStart(entry.page)}  ${escapeControls(entry.ruleId)}  ${escapeControls(entry.target) || '(page)'}${entry.text ? `  "${escapeControls(entry.text)}"` : ''}${entry.count > 1 ? `  x${entry.count}` : ''}\n`);
  }
  if (recorder) io.stderr(formatTiming(recorder.steps));
  if (unwritable) return EXIT.unwritable;
  // A folder without a single page is the wrong folder, not a clean site.
  if (result.summary.pages === 0 && result.findings.length === 0) {
    io.stderr(`linkgraph: \`${dir}\` holds no HTML page: nothing was checked; expected a built site's output directory (such as \`dist\`)\n`);
    return EXIT.usage;
  }
  return result.failed ? EXIT.failed : EXIT.ok;
}

/**
 * Progress of the outbound check on stderr: one rewritten line on a
 * terminal, plain lines otherwise. Warnings are left to the report, which
 * carries them.
 */
function externalLog(io: CliIo): ExternalLogger {
  let open = false;
  return (event) => {
    if (event.kind === 'warning') return;
    if (event.kind === 'progress' && io.stderrIsTty) {
      io.stderr(`\r\u001B[Klinkgraph: ${event.message}`);
      open = true;
      return;
    }
    const prefix = open ? '\r\u001B[K' : '';
    open = false;
    io.stderr(`${prefix}linkgraph: ${event.message}\n`);
  };
}

