import type { Finding, Result } from '../types.js';
import { escapeControls } from './escape-controls.js';
import { locationOf, placeOf, type ReportContext } from './report-context.js';

/**
 * The JUnit XML report (GitLab's test report, common GitHub test-report
 * actions): one `<testsuite>` per page; each finding is a failed
 * `<testcase>` named after its rule and place, and a page without findings
 * has one passing `links` case, so the totals count every page. Findings
 * that ignores or the baseline kept out are one skipped case in a
 * `suppressed` suite, whose `suppressed` property gives their number. CI
 * systems show names and messages to people: site text in them has its
 * control characters escaped ({@link escapeControls}).
 */
export function formatJunit(result: Result, context: ReportContext = {}): string {
  const byPage = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byPage.get(finding.page);
    if (list) list.push(finding);
    else byPage.set(finding.page, [finding]);
  }
  const siteFile = (file: string): string => escapeControls(context.siteDir ? `${context.siteDir.replace(/\/+$/, '')}/${file}` : file);
  // Pages in result order, then pages only findings know (a hand-made result may lack metrics).
  const pages = result.pages.map((page) => ({ url: page.url, file: page.file }));
  for (const [url, findings] of byPage) if (!pages.some((page) => page.url === url)) pages.push({ url, file: findings[0]!.file });
  const suites: string[] = [];
  let tests = 0;
  for (const page of pages) {
    const findings = byPage.get(page.url) ?? [];
    const cases: string[] = [];
    for (const finding of findings) {
      const where = locationOf(finding, context);
      const place = escapeControls(placeOf(finding, context));
      const line = where.line === undefined ? '' : ` line="${where.line}"`;
      cases.push(
        `    <testcase classname="${xml(finding.ruleId)}" name="${xml(`${finding.ruleId} ${place}`)}" file="${xml(escapeControls(where.file))}"${line} time="0">\n` +
          `      <failure type="${finding.severity}" message="${xml(escapeControls(finding.message))}">${xml(details(finding, place), false)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (cases.length === 0) cases.push(`    <testcase classname="linkgraph" name="links" file="${xml(siteFile(page.file))}" time="0"/>`);
    tests += cases.length;
    suites.push(
      `  <testsuite name="${xml(escapeControls(page.url))}" tests="${cases.length}" failures="${findings.length}" errors="0" skipped="0" time="0" file="${xml(siteFile(page.file))}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const suppressed = result.summary.suppressed;
  let skipped = 0;
  if (suppressed > 0) {
    // Findings kept out are not lost: one skipped case says how many, and a property carries the number.
    const count = `${suppressed} ${suppressed === 1 ? 'finding' : 'findings'}`;
    suites.push(
      `  <testsuite name="suppressed" tests="1" failures="0" errors="0" skipped="1" time="0">\n` +
        `    <properties>\n      <property name="suppressed" value="${suppressed}"/>\n    </properties>\n` +
        `    <testcase classname="linkgraph" name="suppressed findings" time="0">\n      <skipped message="${count} suppressed by ignores or the baseline"/>\n    </testcase>\n` +
        '  </testsuite>',
    );
    tests++;
    skipped++;
  }
  const failures = result.findings.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="linkgraph" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}

/** The failure's body: severity, place, message, link and suggestions, one per line; `place` comes escaped. */
function details(finding: Finding, place: string): string {
  const lines = [`${finding.severity}: ${escapeControls(finding.message)}`, `at ${place} (page ${escapeControls(finding.page)})`];
  if (finding.href !== undefined) lines.push(`href: ${escapeControls(finding.href)}${finding.text ? ` (anchor text: ${escapeControls(finding.text)})` : ''}`);
  if (finding.suggestions && finding.suggestions.length > 0) lines.push(`suggestions: ${finding.suggestions.map(escapeControls).join(', ')}`);
  lines.push(`rule: ${finding.ruleId}`);
  return lines.join('\n');
}

/**
 * Text as XML character data or attribute value: markup characters as
 * entities (and, in attributes, line breaks and tabs as character
 * references), and characters XML 1.0 cannot hold at all (control characters,
 * lone surrogates) replaced by U+FFFD.
 */
export function xml(text: string, attribute = true): string {
  const escaped = text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
  // Attribute values normalise whitespace; character references keep it.
  return attribute ? escaped.replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;') : escaped;
}
