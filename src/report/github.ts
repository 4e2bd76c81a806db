import type { Finding, Result, Severity } from '../types.js';
import { escapeControls } from './escape-controls.js';
import { markdownReport } from './markdown.js';
import { locationOf, type ReportContext } from './report-context.js';

/** GitHub shows at most this many annotations of each kind per step (and 50 per job); it drops the rest silently. */
export const ANNOTATIONS_PER_KIND = 10;

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = { error: 'error', warn: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
 * annotation per finding, at its source line when known, up to
 * {@link ANNOTATIONS_PER_KIND} of each kind (GitHub would drop the rest);
 * {@link formatGithubSummary} lists every finding. Site text has its control
 * characters escaped ({@link escapeControls}) before the commands' own
 * escaping, which the runner undoes.
 */
export function formatGithub(result: Result, context: ReportContext = {}): string {
  return annotated(result)
    .map((index) => annotation(result.findings[index]!, context))
    .join('');
}

/**
 * The Markdown job summary for `$GITHUB_STEP_SUMMARY`: the Markdown report
 * of every finding, with the ones GitHub annotated pinned, so that nothing
 * past the annotation limit is lost.
 */
export function formatGithubSummary(result: Result, context: ReportContext = {}): string {
  const marked = new Set(annotated(result));
  const rest = result.findings.length - marked.size;
  const note = rest > 0 ? `GitHub shows at most ${ANNOTATIONS_PER_KIND} annotations of each kind per step: ${marked.size} findings are annotated (📌), the other ${rest} are only listed here.` : undefined;
  return markdownReport(result, context, note === undefined ? {} : { note, marked });
}

/** Indexes of the findings that get an annotation: the first of each kind, in report order. */
function annotated(result: Result): number[] {
  const used: Record<Severity, number> = { error: 0, warn: 0, info: 0 };
  const indexes: number[] = [];
  result.findings.forEach((finding, index) => {
    if (used[finding.severity] >= ANNOTATIONS_PER_KIND) return;
    used[finding.severity]++;
    indexes.push(index);
  });
  return indexes;
}

function annotation(finding: Finding, context: ReportContext): string {
  const where = locationOf(finding, context);
  const properties = [`file=${escapeProperty(escapeControls(where.file))}`];
  if (where.line !== undefined) {
    properties.push(`line=${where.line}`);
    if (where.column !== undefined) properties.push(`col=${where.column}`);
    const end = finding.origin ? (finding.origin.endLine === undefined ? undefined : { line: finding.origin.endLine, column: finding.origin.endColumn }) : finding.position.known ? finding.position.end : undefined;
    if (end) {
      properties.push(`endLine=${end.line}`);
      if (end.column !== undefined) properties.push(`endColumn=${end.column}`);
    }
  }
  properties.push(`title=${escapeProperty(`linkgraph ${finding.ruleId}`)}`);
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(escapeControls(finding.message))}\n`;
}

/** A workflow command's message: `%`, CR and LF escaped. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value: as {@link escapeData}, and `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
