import type { Finding, Result } from '../types.js';
import { escapeControls } from './escape-controls.js';
import { placeOf, type ReportContext } from './report-context.js';

/** Findings of one rule above this count fold into a `<details>` block. */
const FOLD_OVER = 10;
/**
 * At most this many finding rows in all: a GitHub comment holds 65,536
 * characters, and a job summary 1 MiB; the full list is in the other reports.
 */
export const MARKDOWN_MAX_ROWS = 250;

const NOUN = { error: ['error', 'errors'], warn: ['warning', 'warnings'], info: ['info', 'info'] } as const;

/**
 * The Markdown report, for pull-request comments: a headline, a summary
 * table, then the findings grouped by rule, each group folded into
 * `<details>` when it is long.
 */
export function formatMarkdown(result: Result, context: ReportContext = {}): string {
  return markdownReport(result, context, {});
}

/** Options of {@link markdownReport}. */
export interface MarkdownOptions {
  /** Text under the summary table (the GitHub summary says what was annotated). */
  note?: string;
  /** Mark these findings (by index in `result.findings`) with a pin; the note says what it means. */
  marked?: ReadonlySet<number>;
}

/** The Markdown report, with an optional note (shared with the GitHub job summary). */
export function markdownReport(result: Result, context: ReportContext, options: MarkdownOptions): string {
  const { error, warn, info } = result.counts;
  const total = error + warn + info;
  const lines: string[] = [];
  lines.push(`## linkgraph: ${total === 0 ? '✔ no problems' : `${result.failed ? '✖' : '⚠'} ${count(total, 'problem', 'problems')}`}`, '');
  lines.push('| errors | warnings | info | pages | links | suppressed |', '| ---: | ---: | ---: | ---: | ---: | ---: |');
  lines.push(`| ${error} | ${warn} | ${info} | ${result.summary.pages} | ${result.summary.links} | ${result.summary.suppressed} |`, '');
  if (!result.summary.external.checked && result.summary.externalUrls > 0) {
    lines.push(`${count(result.summary.externalUrls, 'external URL', 'external URLs')} not checked (${cell(result.summary.external.reason ?? 'off')}).`, '');
  }
  if (options.note) lines.push(options.note, '');

  const groups = new Map<string, number[]>();
  result.findings.forEach((finding, index) => {
    const group = groups.get(finding.ruleId);
    if (group) group.push(index);
    else groups.set(finding.ruleId, [index]);
  });
  let rows = 0;
  for (const [ruleId, indexes] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const severities = (['error', 'warn', 'info'] as const)
      .map((severity) => [severity, indexes.filter((index) => result.findings[index]!.severity === severity).length] as const)
      .filter(([, n]) => n > 0)
      .map(([severity, n]) => count(n, NOUN[severity][0], NOUN[severity][1]))
      .join(', ');
    const heading = `\`${ruleId}\` (${severities})`;
    const table = ['| | where | message |', '| --- | --- | --- |'];
    for (const index of indexes) {
      if (rows === MARKDOWN_MAX_ROWS) break;
      rows++;
      const finding = result.findings[index]!;
      const pin = options.marked?.has(index) ? '📌 ' : '';
      table.push(`| ${pin}${icon(finding)} | \`${cell(placeOf(finding, context))}\` | ${cell(finding.message)} |`);
    }
    if (table.length === 2) break;
    if (indexes.length > FOLD_OVER) lines.push('<details>', `<summary>${inline(heading)}</summary>`, '', ...table, '', '</details>', '');
    else lines.push(`### ${heading}`, '', ...table, '');
  }
  if (rows < result.findings.length) lines.push(`… and ${result.findings.length - rows} more: see the full report (\`--format json\`, \`sarif\` or \`html\`).`, '');
  if (result.baseline && result.baseline.stale.length > 0) {
    lines.push(`<details>`, `<summary>${result.baseline.stale.length} baseline ${result.baseline.stale.length === 1 ? 'entry no longer occurs' : 'entries no longer occur'}: run <code>linkgraph baseline</code> to shrink the file</summary>`, '');
    lines.push('| rule | page | target | anchor text |', '| --- | --- | --- | --- |');
    for (const entry of result.baseline.stale) lines.push(`| \`${entry.ruleId}\` | \`${cell(entry.page)}\` | \`${cell(entry.target)}\` | ${cell(entry.text)} |`);
    lines.push('', '</details>', '');
  }
  if (result.warnings.length > 0) {
    lines.push('**Warnings of the run**', '');
    for (const warning of result.warnings) lines.push(`- ${cell(warning)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function icon(finding: Finding): string {
  return finding.severity === 'error' ? '🔴' : finding.severity === 'warn' ? '🟡' : '🔵';
}


/**
 * Text for a table cell: one line (control characters, line breaks included,
 * escaped by {@link escapeControls}), `|` escaped (GFM splits cells on it even
 * in code spans), and outside code spans `<`, `>`, `&` as entities so that
 * site strings never become markup.
 */
export function cell(text: string): string {
  return escapeControls(text)
    .split('`')
    .map((part, index) => (index % 2 === 0 ? part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;') : part))
    .join('`')
    .replaceAll('|', '\\|');
}

/** Markdown code spans as `<code>` for an HTML context (`<summary>`), escaped. */
function inline(text: string): string {
  return text
    .split('`')
    .map((part, index) => {
      const escaped = part.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
      return index % 2 === 1 ? `<code>${escaped}</code>` : escaped;
    })
    .join('');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
