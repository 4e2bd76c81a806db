import { describe, expect, it } from 'vitest';
import { doc, islandSite, multilingualSite, navigationHeavySite, paginatedBlog } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

const home = (body: string): string => doc('Home', `<main>${body}</main>`);

describe('unreachable-page', () => {
  it.each<[string, Record<string, string>]>([
    ['a chain from home', { 'index.html': home('<a href="/a/">a</a>'), 'a/index.html': doc('A', '<a href="/b/">b</a>'), 'b/index.html': doc('B', '') }],
    ['an orphan (orphan-page reports it)', { 'index.html': home(''), 'a/index.html': doc('A', '') }],
    ['an island under a configured entry', { 'index.html': home(''), 'x/index.html': doc('X', '<a href="/y/">y</a>'), 'y/index.html': doc('Y', '<a href="/x/">x</a>') }],
    ['pages reached from a locale root', { 'index.html': home(''), 'de/index.html': doc('Start', '<a href="/de/a/">a</a>', '', 'de'), 'de/a/index.html': doc('A', '', '', 'de') }],
    ['the search page, reached through the search box (Sphinx names it with <link rel="search">)', { 'index.html': doc('Home', '<main></main>', '<link rel="search" href="/search.html">'), '404.html': doc('Not found', '<a href="/search.html">Search</a>'), 'search.html': doc('Search', '') }],
    ['an island whose pages opt out', { 'index.html': home(''), 'x/index.html': doc('X', '<a href="/y/">y</a>', '<meta name="linkgraph-ignore" content="unreachable-page">'), 'y/index.html': doc('Y', '<a href="/x/">x</a>', '<meta name="linkgraph-ignore" content="unreachable-page">') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('unreachable-page', site, { entries: _name.includes('configured') ? ['/x/'] : [] })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'an island of two pages',
      islandSite(),
      [
        'island/one/index.html:- unreachable-page No entry point reaches `/island/one/`: it is linked only from `/island/two/`, which no entry point reaches either (an island of 2 pages)',
        'island/two/index.html:- unreachable-page No entry point reaches `/island/two/`: it is linked only from `/island/one/`, which no entry point reaches either (an island of 2 pages)',
      ],
    ],
    [
      'a page linked only from an orphan',
      { 'index.html': home(''), 'a/index.html': doc('A', '<a href="/b/">b</a>'), 'b/index.html': doc('B', '') },
      ['b/index.html:- unreachable-page No entry point reaches `/b/`: it is linked only from `/a/`, which no entry point reaches either (an island of 2 pages)'],
    ],
    [
      'a page linked only with nofollow',
      { 'index.html': home('<a rel="nofollow" href="/a/">a</a>'), 'a/index.html': doc('A', '') },
      ['a/index.html:- unreachable-page `/a/` is linked only with `rel=nofollow` (from `/`), so no entry point reaches it over followed links'],
    ],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('unreachable-page', site)).toEqual(expected);
  });

  it('leaves pages matched by `allow` alone', async () => {
    expect(await ruleLines('unreachable-page', islandSite(), { rules: { 'unreachable-page': ['error', { allow: ['/island/**'] }] } })).toEqual([]);
  });

  it.each([
    ['navigation-heavy', navigationHeavySite()],
    ['paginated blog', paginatedBlog()],
    ['multilingual', multilingualSite()],
  ])('stays silent on the %s site', async (_name, site) => {
    expect(await ruleLines('unreachable-page', site)).toEqual([]);
  });
});

describe('unreachable-page without entry points', () => {
  it('says nothing when the site has no home page and no entries', async () => {
    expect(await ruleLines('unreachable-page', { 'a/index.html': doc('A', '<a href="/b/">b</a>'), 'b/index.html': doc('B', '<a href="/a/">a</a>') })).toEqual([]);
  });

  it('lists the island in the finding data', async () => {
    const result = await runSite(islandSite());
    expect(result.findings.find((finding) => finding.ruleId === 'unreachable-page')?.data).toEqual({ linkers: ['/island/two/'], islandSize: 2, island: ['/island/one/', '/island/two/'] });
  });
});
