import { describe, expect, it } from 'vitest';
import { BaselineError, createBaseline, parseBaseline, stringifyBaseline } from '../../src/engine/baseline.js';
import { check } from '../../src/engine/check.js';
import { resolveOptions } from '../../src/options.js';
import { line, page, runSite } from '../helpers/run-site.js';
import { collectPage } from '../../src/collect/collect-page.js';
import { fromHtml } from 'hast-util-from-html';
import type { Baseline } from '../../src/engine/baseline.js';
import type { Result } from '../../src/types.js';

/** Run a site of literal pages with a baseline, through the real engine. */
async function runWithBaseline(files: Record<string, string>, baseline: Baseline): Promise<Result> {
  const options = resolveOptions({});
  const pages = Object.entries(files).map(([file, html]) => collectPage(fromHtml(html), { file, url: file === 'index.html' ? '/' : `/${file.replace(/index\.html$/, '')}` }));
  return check({ pages, files: Object.keys(files), options, baseline });
}

const before = {
  'index.html': page('<a href="/docs/">Docs</a>\n<a href="/abuot/">our story</a>\n<a href="/gone/">gone</a>\n<a href="/gone/">gone</a>'),
  'docs/index.html': page('<a href="/#top">home</a> <a href="/docs/#install">install</a>'),
};

describe('baseline', () => {
  it('records each fingerprint once with a count, without lines, sorted', async () => {
    const baseline = createBaseline((await runSite(before)).findings);
    expect(baseline.entries.map(({ ruleId, page: at, target, text, count }) => `${at} ${ruleId} ${target} "${text}" x${count}`)).toEqual([
      '/ broken-internal-link /abuot/ "our story" x1',
      '/ broken-internal-link /gone/ "gone" x2',
      '/docs/ broken-fragment /docs/#install "install" x1',
    ]);
    expect(stringifyBaseline(baseline)).not.toMatch(/"line"|"column"/);
  });

  it('survives a round trip through its file, and moved lines still match', async () => {
    const baseline = parseBaseline(JSON.parse(stringifyBaseline(createBaseline((await runSite(before)).findings))), 'linkgraph-baseline.json');
    // Every link moves down three lines and right: the same findings, other positions.
    const moved = Object.fromEntries(Object.entries(before).map(([file, html]) => [file, html.replace('<body>', '<body>\n\n\n   ')]));
    const result = await runWithBaseline(moved, baseline);
    expect(result.findings).toEqual([]);
    expect(result.failed).toBe(false);
    expect(result.summary.suppressed).toBe(4);
    expect(result.baseline).toEqual({ matched: 4, stale: [] });
  });

  it('fails on a new finding only, including one more copy of an accepted link', async () => {
    const baseline = createBaseline((await runSite(before)).findings);
    const more = { ...before, 'index.html': before['index.html'].replace('</body>', '<a href="/gone/">gone</a> <a href="/new/">new</a></body>') };
    const result = await runWithBaseline(more, baseline);
    expect(result.findings.map(line)).toEqual([
      'index.html:4:26 broken-internal-link Link to `/gone/` has no page in the output',
      'index.html:4:52 broken-internal-link Link to `/new/` has no page in the output',
    ]);
    expect(result.failed).toBe(true);
    expect(result.counts.error).toBe(2);
  });

  it('lists entries that no longer occur, with the count left over', async () => {
    const baseline = createBaseline((await runSite(before)).findings);
    const fixed = { ...before, 'index.html': page('<a href="/docs/">Docs</a>\n<a href="/about/">our story</a>\n<a href="/gone/">gone</a>'), 'about/index.html': page('') };
    const result = await runWithBaseline(fixed, baseline);
    expect(result.findings).toEqual([]);
    expect(result.baseline?.stale.map((entry) => `${entry.target} x${entry.count}`)).toEqual(['/abuot/ x1', '/gone/ x1']);
  });

  it('rejects a bad file with a message naming it and the field', () => {
    expect(() => parseBaseline([], 'b.json')).toThrow(new BaselineError('b.json: expected a JSON object with `version` and `entries`'));
    expect(() => parseBaseline({ version: 2, entries: [] }, 'b.json')).toThrow('b.json: expected `version` 1, found `2`');
    expect(() => parseBaseline({ version: 1, entries: [{ ruleId: 'x', page: '/', count: 0 }] }, 'b.json')).toThrow('b.json: `entries[0]`.count expected a positive integer, found `0`');
    expect(() => parseBaseline({ version: 1, entries: [{ page: '/' }] }, 'b.json')).toThrow('b.json: `entries[0]`.ruleId expected a string, found `undefined`');
  });
});
