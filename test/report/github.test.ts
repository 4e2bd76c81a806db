import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_KIND, escapeData, escapeProperty, formatGithub, formatGithubSummary } from '../../src/report/github.js';
import type { Finding, Result } from '../../src/types.js';
import { reportResult } from '../helpers/report-fixture.js';

function finding(index: number, severity: Finding['severity']): Finding {
  return { ruleId: 'broken-internal-link', severity, message: `Link ${index} is broken`, page: `/p${index}/`, file: `p${index}/index.html`, position: { known: true, start: { line: index + 1, column: 1 } }, href: `/x${index}/`, target: `/x${index}/`, text: 'x' };
}

describe('github report', () => {
  it('escapes messages and property values as workflow commands require', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // Only the message separator `::` after the properties may be unescaped.
    expect(escapeData('a::b')).toBe('a::b');
  });

  it('writes one escaped annotation per finding at its place', async () => {
    const result = await reportResult();
    const finding = result.findings[0]!;
    finding.message = 'Line one\nline two: 50%, done';
    finding.origin = { file: 'src/pages/a,b:c.md', line: 3, column: 5 };
    const lines = formatGithub(result, { siteDir: 'dist' }).split('\n').filter(Boolean);
    expect(lines).toHaveLength(result.findings.length);
    // A line break in site text is shown escaped, as in every human-readable report, before `%` is escaped for the runner.
    expect(lines[0]).toBe('::error file=src/pages/a%2Cb%3Ac.md,line=3,col=5,title=linkgraph broken-internal-link::Line one\\x0aline two: 50%25, done');
    expect(lines.every((line) => /^::(error|warning|notice) file=[^,]+,/.test(line))).toBe(true);
  });

  it('stops at GitHub\'s limit per kind, and the summary carries every finding', async () => {
    const base = await reportResult();
    const findings = [...Array.from({ length: 14 }, (_, index) => finding(index, 'error')), ...Array.from({ length: 3 }, (_, index) => finding(20 + index, 'info'))];
    const result: Result = { ...base, findings, counts: { error: 14, warn: 0, info: 3 }, baseline: { matched: 0, stale: [] } };
    const annotations = formatGithub(result, {}).trimEnd().split('\n');
    expect(annotations.filter((line) => line.startsWith('::error'))).toHaveLength(ANNOTATIONS_PER_KIND);
    expect(annotations.filter((line) => line.startsWith('::notice'))).toHaveLength(3);
    const summary = formatGithubSummary(result, {});
    for (const item of findings) expect(summary).toContain(item.message);
    expect(summary).toContain('13 findings are annotated (📌), the other 4 are only listed here');
    expect(summary.match(/📌 🔴/g)).toHaveLength(ANNOTATIONS_PER_KIND);
  });

  it('needs no note when every finding is annotated', async () => {
    expect(formatGithubSummary(await reportResult(), {})).not.toContain('📌');
  });
});
