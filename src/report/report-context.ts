import type { Finding, Result } from '../types.js';

/** What a reporter needs besides the result. Hosts fill it in. */
export interface ReportContext {
  /**
   * Path of the site directory relative to the project root (`dist`), so
   * that a built file prints as `dist/about/index.html`. Default `''`.
   */
  siteDir?: string;
  /** Use ANSI colour (text format). Default false. */
  color?: boolean;
  /**
   * Most entries the text format lists (a finding, or a group of findings
   * repeated on many pages); the rest are counted, so that a terminal or a
   * build log stays readable on a large site. Default: no limit.
   */
  limit?: number;
  /** Where the full list is, said after a cut list (`--format json=FILE`). Default: the report files. */
  fullList?: string;
}

/** A reporter: a pure function from the result to a string. */
export type Reporter = (result: Result, context: ReportContext) => string;

/** A reporter that gives its report in pieces (joined, the same string as its {@link Reporter}). */
export type ChunkedReporter = (result: Result, context: ReportContext) => Iterable<string>;

/** Where a person fixes a finding: the source line when known, else the built file. */
export function locationOf(finding: Finding, context: ReportContext): { file: string; line?: number; column?: number } {
  if (finding.origin) return { file: finding.origin.file, line: finding.origin.line, column: finding.origin.column };
  return builtLocationOf(finding, context);
}

/** The finding's place in the built output, relative to the project root. */
export function builtLocationOf(finding: Finding, context: ReportContext): { file: string; line?: number; column?: number } {
  const file = context.siteDir ? `${context.siteDir.replace(/\/+$/, '')}/${finding.file}` : finding.file;
  return finding.position.known ? { file, line: finding.position.start.line, column: finding.position.start.column } : { file };
}

/** Where a person fixes a finding, as one string: `file:line:col`, or `file` when the line is unknown. */
export function placeOf(finding: Finding, context: ReportContext): string {
  const where = locationOf(finding, context);
  return where.line === undefined ? where.file : `${where.file}:${where.line}:${where.column ?? 1}`;
}
