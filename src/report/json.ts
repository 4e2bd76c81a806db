import { VERSION } from '../version.js';
import type { Result } from '../types.js';
import { jsonChunks } from './json-chunks.js';
import { builtLocationOf, type ReportContext } from './report-context.js';

/** Version of the JSON report's schema; bumped only when a field changes meaning. */
export const JSON_SCHEMA_VERSION = 1;

/**
 * The JSON report (schema documented in the README): `version`, `tool`,
 * `summary`, `findings[]`, `pages[]`, `warnings[]`, and `baseline` (matched
 * count and entries that no longer occur) when a baseline was given.
 */
export function formatJson(result: Result, context: ReportContext = {}): string {
  return `${JSON.stringify(jsonReport(result, context), null, 2)}\n`;
}

/** {@link formatJson} in pieces, one per finding and page, for writing as it is made. */
export function* formatJsonChunks(result: Result, context: ReportContext = {}): Generator<string> {
  // Report, findings and pages, each finding and page: two levels opened.
  yield* jsonChunks(jsonReport(result, context), 2);
  yield '\n';
}

function jsonReport(result: Result, context: ReportContext): object {
  return {
    version: JSON_SCHEMA_VERSION,
    tool: { name: 'linkgraph', version: VERSION },
    summary: {
      failed: result.failed,
      errors: result.counts.error,
      warnings: result.counts.warn,
      infos: result.counts.info,
      suppressed: result.summary.suppressed,
      pages: result.summary.pages,
      links: result.summary.links,
      externalUrls: result.summary.externalUrls,
      external: result.summary.external,
    },
    findings: result.findings.map((finding) => {
      const built = builtLocationOf(finding, context);
      return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        page: finding.page,
        file: built.file,
        line: built.line ?? null,
        column: built.column ?? null,
        endLine: finding.position.known ? (finding.position.end?.line ?? null) : null,
        endColumn: finding.position.known ? (finding.position.end?.column ?? null) : null,
        source: finding.origin ?? null,
        href: finding.href ?? null,
        target: finding.target ?? null,
        text: finding.text ?? null,
        message: finding.message,
        expected: finding.expected ?? [],
        actual: finding.actual ?? null,
        suggestions: finding.suggestions ?? [],
        data: finding.data ?? {},
      };
    }),
    pages: result.pages,
    warnings: result.warnings,
    ...(result.baseline ? { baseline: result.baseline } : {}),
  };
}
