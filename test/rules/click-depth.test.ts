import { describe, expect, it } from 'vitest';
import { doc, multilingualSite, navigationHeavySite, paginatedBlog } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

/** A chain `/` -> `/1/` -> `/2/` … of `length` pages after home. */
function chain(length: number, rel = ''): Record<string, string> {
  const files: Record<string, string> = { 'index.html': doc('Home', `<a ${rel} href="/1/">1</a>`) };
  for (let n = 1; n <= length; n++) files[`${n}/index.html`] = doc(`${n}`, n === length ? '' : `<a href="/${n + 1}/">${n + 1}</a>`);
  return files;
}

describe('click-depth', () => {
  it.each<[string, Record<string, string>]>([
    ['a page 3 clicks deep', chain(3)],
    ['a paginated blog whose last posts sit behind 3 listing pages', paginatedBlog()],
    ['a navigation-heavy site', navigationHeavySite()],
    ['a multilingual site', multilingualSite()],
    ['unreachable pages (unreachable-page reports them)', { 'index.html': doc('Home', ''), 'x/index.html': doc('X', '<a href="/y/">y</a>'), 'y/index.html': doc('Y', '<a href="/x/">x</a>') }],
    ['a deep page behind a locale root', { 'index.html': doc('Home', ''), 'de/index.html': doc('Start', '<a href="/de/a/">a</a>', '', 'de'), 'de/a/index.html': doc('A', '<a href="/de/b/">b</a>', '', 'de'), 'de/b/index.html': doc('B', '', '', 'de') }],
  ])('valid: %s', async (_name, site) => {
    expect(await ruleLines('click-depth', site)).toEqual([]);
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, string[]]>([
    ['a page 4 clicks deep', chain(4), {}, ['4/index.html:- click-depth `/4/` is 4 clicks from the nearest entry point, more than `3`: `/` → `/1/` → `/2/` → `/3/` → `/4/`']],
    [
      'pages deeper than a lower maxDepth',
      chain(3),
      { maxDepth: 2 },
      ['3/index.html:- click-depth `/3/` is 3 clicks from the nearest entry point, more than `2`: `/` → `/1/` → `/2/` → `/3/`'],
    ],
    [
      'pages behind a nofollow link count from the next followed path',
      { ...chain(4), 'index.html': doc('Home', '<a href="/1/">1</a> <a rel="nofollow" href="/4/">4</a>') },
      {},
      ['4/index.html:- click-depth `/4/` is 4 clicks from the nearest entry point, more than `3`: `/` → `/1/` → `/2/` → `/3/` → `/4/`'],
    ],
  ])('invalid: %s', async (_name, site, options, expected) => {
    expect(await ruleLines('click-depth', site, { rules: { 'click-depth': ['warn', options] } })).toEqual(expected);
  });

  it('puts the shortest path in the finding data', async () => {
    const result = await runSite(chain(4));
    const finding = result.findings.find((item) => item.ruleId === 'click-depth');
    expect(finding?.data).toEqual({ depth: 4, path: ['/', '/1/', '/2/', '/3/', '/4/'] });
  });

  it('reports the depth of every page in the result', async () => {
    const result = await runSite(paginatedBlog());
    const depth = Object.fromEntries(result.pages.map((page) => [page.url, page.depth]));
    expect(depth).toMatchObject({ '/': 0, '/blog/': 1, '/blog/page/4/': 1, '/blog/post-4-2/': 2 });
  });

  it('leaves pages matched by `allow` alone', async () => {
    expect(await ruleLines('click-depth', chain(5), { rules: { 'click-depth': ['warn', { allow: ['/4/', '/5/'] }] } })).toEqual([]);
  });
});
