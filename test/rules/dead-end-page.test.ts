import { describe, expect, it } from 'vitest';
import { doc } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

describe('dead-end-page', () => {
  it.each<[string, Record<string, string>]>([
    ['pages that link on', { 'index.html': doc('Home', '<a href="/a/">a</a>'), 'a/index.html': doc('A', '<a href="/">home</a>') }],
    ['a noindex page without links', { 'index.html': doc('Home', '<a href="/a/">a</a>'), 'a/index.html': doc('A', '<a href="/">home</a>'), 'n/index.html': doc('N', '', '<meta name="robots" content="noindex">') }],
    ['a page in `allow`', { 'index.html': doc('Home', '<a href="/thanks/">t</a>'), 'thanks/index.html': doc('Thanks', '') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('dead-end-page', site, { rules: { 'dead-end-page': ['warn', { allow: ['/thanks/'] }] } })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a page with only external links, assets and self-links',
      { 'index.html': doc('Home', '<a href="/a/">a</a>'), 'a/index.html': doc('A', '<a href="https://example.org/">x</a><img src="/logo.png"><a href="#top">top</a>'), 'logo.png': '' },
      ['a/index.html:- dead-end-page `/a/` links to no other page of the site; expected at least one internal link'],
    ],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('dead-end-page', site)).toEqual(expected);
  });

  it('is off by default', async () => {
    const result = await runSite({ 'index.html': doc('Home', '') });
    expect(result.findings.filter((finding) => finding.ruleId === 'dead-end-page')).toEqual([]);
  });
});
