import { describe, expect, it } from 'vitest';
import { doc, islandSite, multilingualSite, navigationHeavySite } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

const home = (body: string): string => doc('Home', `<main>${body}</main>`);

describe('orphan-page', () => {
  it.each<[string, Record<string, string>]>([
    ['a page linked from home', { 'index.html': home('<a href="/a/">a</a>'), 'a/index.html': doc('A', '') }],
    ['a page linked only from a nav', { 'index.html': home('<nav><a href="/a/">a</a></nav>'), 'a/index.html': doc('A', '') }],
    ['a page linked only with nofollow (unreachable-page reports it)', { 'index.html': home('<a rel="nofollow" href="/a/">a</a>'), 'a/index.html': doc('A', '') }],
    ['the home page, an entry point', { 'index.html': home('') }],
    ['a locale root, an entry point', { 'index.html': home(''), 'de/index.html': doc('Start', '', '', 'de') }],
    ['a configured entry', { 'index.html': home(''), 'landing/index.html': doc('Landing', '') }],
    ['a 404 page', { 'index.html': home(''), '404.html': doc('Not found', '') }],
    ['a noindex page', { 'index.html': home(''), 'a/index.html': doc('A', '', '<meta name="robots" content="noindex">') }],
    ['a redirect stub', { 'index.html': home(''), 'old/index.html': doc('Old', '', '<meta http-equiv="refresh" content="0;url=/">') }],
    ['a page canonicalised elsewhere', { 'index.html': home('<a href="/a/">a</a>'), 'a/index.html': doc('A', ''), 'b/index.html': doc('B', '', '<link rel="canonical" href="/a/">') }],
    ['a page that opts out with a meta tag', { 'index.html': home(''), 'thanks/index.html': doc('Thanks', '', '<meta name="linkgraph-ignore" content="orphan-page">') }],
    ['a page that opts out with data-linkgraph-ignore on body', { 'index.html': home(''), 'thanks/index.html': '<html><head><title>T</title></head><body data-linkgraph-ignore="orphan-page"></body></html>' }],
    ['the hreflang alternate of a linked page', { 'index.html': home('<a href="/about/">About</a>'), 'about/index.html': doc('About', '', '<link rel="alternate" hreflang="de" href="/de/about/">'), 'de/about/index.html': doc('Über', '', '', 'de') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('orphan-page', site, { entries: ['/landing/'] })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['a page no page links to', { 'index.html': home(''), 'a/index.html': doc('A', '') }, ['a/index.html:- orphan-page No other page links to `/a/`']],
    ['a page linked only from itself', { 'index.html': home(''), 'a/index.html': doc('A', '<a href="/a/">me</a>') }, ['a/index.html:- orphan-page No other page links to `/a/`']],
    [
      'a page linked only from a redirect stub',
      { 'index.html': home(''), 'a/index.html': doc('A', ''), 'old/index.html': doc('Old', '<a href="/a/">Redirecting to /a/</a>', '<meta http-equiv="refresh" content="0;url=/a/"><meta name="robots" content="noindex">') },
      ['a/index.html:- orphan-page No other page links to `/a/`'],
    ],
    [
      'two translations that name only each other',
      { 'index.html': home(''), 'en/x/index.html': doc('X', '', '<link rel="alternate" hreflang="de" href="/de/x/">'), 'de/x/index.html': doc('X', '', '<link rel="alternate" hreflang="en" href="/en/x/">', 'de') },
      ['de/x/index.html:- orphan-page No other page links to `/de/x/`', 'en/x/index.html:- orphan-page No other page links to `/en/x/`'],
    ],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('orphan-page', site)).toEqual(expected);
  });

  it('leaves pages matched by `allow` alone', async () => {
    const site = { 'index.html': home(''), 'thanks/index.html': doc('Thanks', ''), 'campaign/x/index.html': doc('X', '') };
    expect(await ruleLines('orphan-page', site, { rules: { 'orphan-page': ['error', { allow: ['/thanks/', '/campaign/**'] }] } })).toEqual([]);
  });

  it('reports exactly the seeded orphan of the navigation-heavy site', async () => {
    expect(await ruleLines('orphan-page', navigationHeavySite())).toEqual(['thanks/index.html:- orphan-page No other page links to `/thanks/`']);
  });

  it('does not call an island an orphan', async () => {
    expect(await ruleLines('orphan-page', islandSite())).toEqual([]);
  });

  it('finds the orphans of the multilingual site, not the alternate of a linked page', async () => {
    expect(await ruleLines('orphan-page', multilingualSite())).toEqual([
      'de/alt/index.html:- orphan-page No other page links to `/de/alt/`',
      'en/old/index.html:- orphan-page No other page links to `/en/old/`',
    ]);
  });

  it('is an error by default', async () => {
    const result = await runSite({ 'index.html': home(''), 'a/index.html': doc('A', '') });
    expect(result.findings.filter((finding) => finding.ruleId === 'orphan-page').map((finding) => finding.severity)).toEqual(['error']);
  });
});
