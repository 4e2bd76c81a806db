import type { Finding } from '../types.js';

/** Sort findings in place: by file, line, column, rule, message. Deterministic across runs. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      compare(a.file, b.file) ||
      line(a) - line(b) ||
      column(a) - column(b) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message) ||
      compare(a.href ?? '', b.href ?? ''),
  );
}

function line(finding: Finding): number {
  return finding.position.known ? finding.position.start.line : 0;
}

function column(finding: Finding): number {
  return finding.position.known ? finding.position.start.column : 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
