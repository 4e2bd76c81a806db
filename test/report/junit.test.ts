import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import type { Result } from '../../src/types.js';
import { reportResult } from '../helpers/report-fixture.js';

/** The `<testsuites>` totals and the number of `<testcase>` and `<skipped>` elements, which readers count. */
function totals(xml: string): { tests: number; skipped: number; cases: number; skippedCases: number } {
  const head = /<testsuites [^>]*tests="(\d+)"[^>]*skipped="(\d+)"/.exec(xml)!;
  return { tests: Number(head[1]), skipped: Number(head[2]), cases: xml.match(/<testcase /g)?.length ?? 0, skippedCases: xml.match(/<skipped /g)?.length ?? 0 };
}

describe('junit report', () => {
  it('has no suppressed suite when nothing was suppressed', async () => {
    const xml = formatJunit(await reportResult(), { siteDir: 'dist' });
    expect(xml).not.toContain('name="suppressed"');
    expect(totals(xml)).toEqual({ tests: totals(xml).cases, skipped: 0, cases: totals(xml).cases, skippedCases: 0 });
  });

  it.each([
    [1, '1 finding suppressed by ignores or the baseline'],
    [3, '3 findings suppressed by ignores or the baseline'],
  ])('carries %i suppressed findings as a property and one skipped case, totals in step', async (suppressed, message) => {
    const base = await reportResult();
    const result: Result = { ...base, summary: { ...base.summary, suppressed } };
    const xml = formatJunit(result, { siteDir: 'dist' });
    expect(xml).toContain(
      '  <testsuite name="suppressed" tests="1" failures="0" errors="0" skipped="1" time="0">\n' +
        '    <properties>\n' +
        `      <property name="suppressed" value="${suppressed}"/>\n` +
        '    </properties>\n' +
        '    <testcase classname="linkgraph" name="suppressed findings" time="0">\n' +
        `      <skipped message="${message}"/>\n` +
        '    </testcase>\n' +
        '  </testsuite>\n</testsuites>\n',
    );
    const { tests, skipped, cases, skippedCases } = totals(xml);
    expect([tests, skipped]).toEqual([cases, skippedCases]);
    expect(skipped).toBe(1);
    expect(tests).toBe(totals(formatJunit(base, { siteDir: 'dist' })).tests + 1);
  });
});
