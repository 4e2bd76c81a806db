import type { Result, Severity } from '../types.js';
import { placeOf, type ReportContext } from './report-context.js';

const COLOURS: Record<Severity | 'dim' | 'bold', [string, string]> = {
  error: ['\u001B[31m', '\u001B[39m'],
  warn: ['\u001B[33m', '\u001B[39m'],
  info: ['\u001B[34m', '\u001B[39m'],
  dim: ['\u001B[2m', '\u001B[22m'],
  bold: ['\u001B[1m', '\u001B[22m'],
};

/**
 * The terminal report: findings grouped by page, one line each
 * (`file:line:col  severity  message  rule-id`), then a summary.
 */
export function formatText(result: Result, context: ReportContext = {}): string {
  const paint = (style: keyof typeof COLOURS, value: string): string =>
    context.color ? `${COLOURS[style][0]}${value}${COLOURS[style][1]}` : value;
  const lines: string[] = [];
  let page: string | undefined;
  for (const finding of result.findings) {
    if (finding.page !== page) {
      if (page !== undefined) lines.push('');
      page = finding.page;
      lines.push(paint('bold', finding.page));
    }
    const place = placeOf(finding, context);
    lines.push(`  ${place}  ${paint(finding.severity, finding.severity)}  ${finding.message}  ${paint('dim', finding.ruleId)}`);
  }
  if (lines.length > 0) lines.push('');
  for (const warning of result.warnings) lines.push(`${paint('warn', 'warning')}  ${warning}`);
  if (result.warnings.length > 0) lines.push('');
  const { error, warn, info } = result.counts;
  const total = error + warn + info;
  const counts = `${plural(error, 'error')}, ${plural(warn, 'warning')}, ${plural(info, 'info', 'info')}`;
  const scope = `${plural(result.summary.pages, 'page')}, ${plural(result.summary.links, 'link')}`;
  const external = result.summary.external.checked ? '' : result.summary.externalUrls > 0 ? `; ${plural(result.summary.externalUrls, 'external URL')} not checked (${result.summary.external.reason ?? 'off'})` : '';
  const suppressed = result.summary.suppressed > 0 ? `; ${result.summary.suppressed} suppressed` : '';
  const head = total === 0 ? paint('bold', '✔ no problems') : paint(result.failed ? 'error' : 'warn', `${result.failed ? '✖' : '⚠'} ${plural(total, 'problem')}`);
  lines.push(`${head} (${counts}) in ${scope}${external}${suppressed}`);
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
