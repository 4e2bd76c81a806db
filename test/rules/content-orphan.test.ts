import { describe, expect, it } from 'vitest';
import { doc, islandSite, navigationHeavySite, paginatedBlog } from '../fixtures/graph-sites.js';
import { ruleLines } from '../helpers/run-site.js';

const home = (body: string): string => doc('Home', body);

describe('content-orphan', () => {
  it.each<[string, Record<string, string>]>([
    ['a page linked from content', { 'index.html': home('<nav><a href="/a/">A</a></nav><main><p>See <a href="/a/">page a</a>.</p></main>'), 'a/index.html': doc('A', '') }],
    ['an orphan (orphan-page reports it)', { 'index.html': home(''), 'a/index.html': doc('A', '') }],
    ['the home page, linked only from nav', { 'index.html': home('<main><a href="/a/">a</a></main>'), 'a/index.html': doc('A', '<nav><a href="/">Home</a></nav>') }],
    ['a page in `allow`', { 'index.html': home('<footer><a href="/contact/">Contact</a></footer>'), 'contact/index.html': doc('Contact', '') }],
    ['a template link from a noindex page, plus a content link', { 'index.html': home('<main><a href="/a/">a</a></main>'), 'n/index.html': doc('N', '<nav><a href="/a/">a</a></nav>', '<meta name="robots" content="noindex">'), 'a/index.html': doc('A', '') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('content-orphan', site, { rules: { 'content-orphan': ['warn', { allow: ['/contact/'] }] } })).toEqual([]);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'a page linked only from a footer',
      { 'index.html': home('<footer><a href="/legal/">Legal</a></footer>'), 'legal/index.html': doc('Legal', '') },
      ['legal/index.html:- content-orphan `/legal/` is linked only from navigation and other template regions (on `/`), never from page content'],
    ],
    [
      'a page linked only from nav and aside landmarks',
      { 'index.html': home('<nav><a href="/a/">A</a></nav>'), 'b/index.html': doc('B', '<aside><a href="/a/">A</a></aside><main><a href="/">home</a></main>'), 'a/index.html': doc('A', '<div role="navigation"><a href="/b/">B</a></div>') },
      [
        'a/index.html:- content-orphan `/a/` is linked only from navigation and other template regions (on `/`, `/b/`), never from page content',
        'b/index.html:- content-orphan `/b/` is linked only from navigation and other template regions (on `/a/`), never from page content; a related page that could link to it: `/`',
      ],
    ],
  ])('invalid: %s', async (_name, site, expected) => {
    expect(await ruleLines('content-orphan', site)).toEqual(expected);
  });

  it('reports exactly the seeded footer-only page of the navigation-heavy site', async () => {
    expect(await ruleLines('content-orphan', navigationHeavySite())).toEqual([
      'contact/index.html:- content-orphan `/contact/` is linked only from navigation and other template regions (on `/`, `/404`, `/about/` and 7 more), never from page content',
    ]);
  });

  it.each([
    ['island', islandSite()],
    ['paginated blog', paginatedBlog()],
  ])('stays silent on the %s site', async (_name, site) => {
    expect(await ruleLines('content-orphan', site)).toEqual([]);
  });
});
