import type { Finding, Result, Severity } from '../types.js';
import { escapeControls, escapeLineStart } from './escape-controls.js';
import { placeOf, type ReportContext } from './report-context.js';

const COLOURS: Record<Severity | 'dim' | 'bold', [string, string]> = {
  error: ['\u001B[31m', '\u001B[39m'],
  warn: ['\u001B[33m', '\u001B[39m'],
  info: ['\u001B[34m', '\u001B[39m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  bold: ['\u001B[1m', '\u001B[22m'],
};

/** A link finding repeated on this many pages or more (one layout or component) is listed once. */
const REPEATED_ON = 3;
/** Pages named as examples of a repeated finding. */
const EXAMPLES = 3;

/**
 * The terminal report: first the findings that a layout or component
 * repeats on many pages (same rule, message and source line), once each
 * with a few of their pages; then the others grouped by page, one line
 * each (`file:line:col  severity  message  rule-id`); then a summary.
 * With `limit`, the list stops there and says how many are left. Site text
 * is shown with its control characters escaped ({@link escapeControls}).
 */
export function formatText(result: Result, context: ReportContext = {}): string {
  const paint = (style: keyof typeof COLOURS, value: string): string =>
    context.color ? `${COLOURS[style][0]}${value}${COLOURS[style][1]}` : value;
  const lines: string[] = [];
  const repeated = repeatedFindings(result.findings);
  const limit = context.limit ?? Infinity;
  let shown = 0;
  let left = 0;
  const groups = [...new Set(repeated.values())];
  if (groups.length > 0 && shown < limit) lines.push(paint('bold', 'Repeated on many pages (a layout or component)'));
  for (const group of groups) {
    if (shown >= limit) {
      left += group.length;
      continue;
    }
    shown++;
    const first = group[0]!;
    const pages = new Set<string>();
    const examples: string[] = [];
    for (const finding of group) {
      if (pages.has(finding.page)) continue;
      pages.add(finding.page);
      if (examples.length < EXAMPLES) examples.push(escapeControls(first.origin ? finding.page : placeOf(finding, context)));
    }
    const where = first.origin ? `${escapeLineStart(placeOf(first, context))}  ` : '';
    const more = pages.size > EXAMPLES ? ` and ${pages.size - EXAMPLES} more` : '';
    lines.push(`  ${where}${paint(first.severity, first.severity)}  ${escapeControls(first.message)}  ${paint('dim', first.ruleId)}`);
    lines.push(`    on ${plural(pages.size, 'page')}: ${examples.join(', ')}${more}`);
  }
  if (groups.length > 0 && result.findings.length > repeated.size && shown < limit) lines.push('');
  let page: string | undefined;
  for (const finding of result.findings) {
    if (repeated.has(finding)) continue;
    if (shown >= limit) {
      left++;
      continue;
    }
    shown++;
    if (finding.page !== page) {
      if (page !== undefined) lines.push('');
      page = finding.page;
      lines.push(paint('bold', escapeLineStart(finding.page)));
    }
    const place = escapeLineStart(placeOf(finding, context));
    lines.push(`  ${place}  ${paint(finding.severity, finding.severity)}  ${escapeControls(finding.message)}  ${paint('dim', finding.ruleId)}`);
  }
  if (left > 0) lines.push('', `… and ${plural(left, 'more finding')}, not listed here: ${context.fullList ?? 'the report files have them all'}`);
  if (lines.length > 0) lines.push('');
  for (const warning of result.warnings) lines.push(`${paint('warn', 'warning')}  ${escapeControls(warning)}`);
  if (result.warnings.length > 0) lines.push('');
  const { error, warn, info } = result.counts;
  const total = error + warn + info;
  const counts = `${plural(error, 'error')}, ${plural(warn, 'warning')}, ${plural(info, 'info', 'info')}`;
  const scope = `${plural(result.summary.pages, 'page')}, ${plural(result.summary.links, 'link')}`;
  const external = result.summary.external.checked ? '' : result.summary.externalUrls > 0 ? `; ${plural(result.summary.externalUrls, 'external URL')} not checked (${escapeControls(result.summary.external.reason ?? 'off')})` : '';
  const suppressed = result.summary.suppressed > 0 ? `; ${result.summary.suppressed} suppressed` : '';
  const head = total === 0 ? paint('bold', '✔ no problems') : paint(result.failed ? 'error' : 'warn', `${result.failed ? '✖' : '⚠'} ${plural(total, 'problem')}`);
  lines.push(`${head} (${counts}) in ${scope}${external}${suppressed}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/**
 * Link findings that one source repeats on at least {@link REPEATED_ON}
 * pages: same rule, severity and message (which names the link's target),
 * and the same source line when the link came from one. Each maps to its
 * group, in the order of first occurrence.
 */
function repeatedFindings(findings: readonly Finding[]): Map<Finding, Finding[]> {
  const byKey = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.href === undefined) continue;
    const origin = finding.origin ? `${finding.origin.file}:${finding.origin.line}:${finding.origin.column}` : '';
    const key = `${finding.ruleId}\u0000${finding.severity}\u0000${finding.message}\u0000${origin}`;
    const group = byKey.get(key);
    if (group) group.push(finding);
    else byKey.set(key, [finding]);
  }
  const repeated = new Map<Finding, Finding[]>();
  for (const group of byKey.values()) {
    if (group.length < REPEATED_ON || new Set(group.map((finding) => finding.page)).size < REPEATED_ON) continue;
    for (const finding of group) repeated.set(finding, group);
  }
  return repeated;
}
