import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/text.js';
import { page, runSite } from '../helpers/run-site.js';

/** A layout's broken script on every page, and one page's own broken link. */
async function layoutDefectSite() {
  const files: Record<string, string> = {};
  for (let n = 0; n < 6; n++) files[`p${n}/index.html`] = page(`<script src="/missing.js"></script><p><a href="/p${(n + 1) % 6}/">Chapter ${(n + 1) % 6}</a></p>`);
  files['index.html'] = page('<script src="/missing.js"></script><p><a href="/p0/">Chapter 0</a> <a href="/nowhere/">Chapter 9</a></p>');
  return runSite(files);
}

describe('text report', () => {
  it('lists a finding a layout repeats on many pages once, with a few of its pages', async () => {
    const result = await layoutDefectSite();
    const text = formatText(result);
    expect(result.findings.filter((finding) => finding.message.includes('/missing.js'))).toHaveLength(7);
    expect(text.match(/missing\.js/g)).toHaveLength(1);
    expect(text).toContain('Repeated on many pages (a layout or component)');
    expect(text).toMatch(/on 7 pages: index\.html:1:\d+, p0\/index\.html:1:\d+, p1\/index\.html:1:\d+ and 4 more/);
    expect(text).toContain('Link to `/nowhere/` has no page in the output');
  });

  it('stops at the limit and says how many are left and where they are', async () => {
    const result = await layoutDefectSite();
    const text = formatText(result, { limit: 1, fullList: 'write them all with --format json=FILE' });
    // A layout's defect comes first: one fix mends every page.
    expect(text).toContain('Repeated on many pages');
    expect(text.match(/missing\.js/g)).toHaveLength(1);
    expect(text).not.toContain('/nowhere/');
    expect(text).toContain(`… and ${result.findings.length - 7} more findings, not listed here: write them all with --format json=FILE`);
    expect(text).toMatch(/\d+ problems \(8 errors/);
  });
});
