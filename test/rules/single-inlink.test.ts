import { describe, expect, it } from 'vitest';
import { doc } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

describe('single-inlink', () => {
  it.each<[string, Record<string, string>]>([
    ['a page linked from two pages', { 'index.html': doc('Home', '<a href="/a/">a</a><a href="/b/">b</a>'), 'a/index.html': doc('A', '<a href="/b/">b</a><a href="/">home</a>'), 'b/index.html': doc('B', '<a href="/a/">a</a>') }],
    ['an orphan', { 'index.html': doc('Home', ''), 'a/index.html': doc('A', '') }],
    ['the home page', { 'index.html': doc('Home', '<a href="/a/">a</a><a href="/b/">b</a>'), 'a/index.html': doc('A', '<a href="/">home</a><a href="/b/">b</a>'), 'b/index.html': doc('B', '<a href="/a/">a</a>') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('single-inlink', site)).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['a page linked from one page, twice', { 'index.html': doc('Home', '<a href="/a/">a</a> <a href="/a/">again</a>'), 'a/index.html': doc('A', '') }, ['a/index.html:- single-inlink Only `/` links to `/a/`; expected links from at least 2 pages']],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('single-inlink', site)).toEqual(expected);
  });

  it('is off by default', async () => {
    const result = await runSite({ 'index.html': doc('Home', '<a href="/a/">a</a>'), 'a/index.html': doc('A', '') });
    expect(result.findings.filter((finding) => finding.ruleId === 'single-inlink')).toEqual([]);
  });
});
