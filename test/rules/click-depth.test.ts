import { describe, expect, it } from 'vitest';
import { doc, multilingualSite, navigationHeavySite, paginatedBlog } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

/** A chain `/` -> `/s1/` -> `/s2/` … of `length` pages after home. */
function chain(length: number): Record<string, string> {
  const files: Record<string, string> = { 'index.html': doc('Home', '<a href="/s1/">1</a>') };
  for (let n = 1; n <= length; n++) files[`s${n}/index.html`] = doc(`${n}`, n === length ? '' : `<a href="/s${n + 1}/">${n + 1}</a>`);
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
    ['a page 4 clicks deep', chain(4), {}, ['s4/index.html:- click-depth `/s4/` is 4 clicks from the nearest entry point, more than `3`: `/` → `/s1/` → `/s2/` → `/s3/` → `/s4/`']],
    [
      'pages deeper than a lower maxDepth',
      chain(3),
      { maxDepth: 2 },
      ['s3/index.html:- click-depth `/s3/` is 3 clicks from the nearest entry point, more than `2`: `/` → `/s1/` → `/s2/` → `/s3/`'],
    ],
    [
      'pages behind a nofollow link count from the next followed path',
      { ...chain(4), 'index.html': doc('Home', '<a href="/s1/">1</a> <a rel="nofollow" href="/s4/">4</a>') },
      {},
      ['s4/index.html:- click-depth `/s4/` is 4 clicks from the nearest entry point, more than `3`: `/` → `/s1/` → `/s2/` → `/s3/` → `/s4/`'],
    ],
  ])('invalid: %s', async (_name, site, options, expected) => {
    expect(await ruleLines('click-depth', site, { rules: { 'click-depth': ['warn', options] } })).toEqual(expected);
  });

  it('puts the shortest path in the finding data', async () => {
    const result = await runSite(chain(4));
    const finding = result.findings.find((item) => item.ruleId === 'click-depth');
    expect(finding?.data).toEqual({ depth: 4, path: ['/', '/s1/', '/s2/', '/s3/', '/s4/'] });
  });

  it('reports the depth of every page in the result', async () => {
    const result = await runSite(paginatedBlog());
    const depth = Object.fromEntries(result.pages.map((page) => [page.url, page.depth]));
    expect(depth).toMatchObject({ '/': 0, '/blog/': 1, '/blog/page/4/': 1, '/blog/post-4-2/': 2 });
  });

  it('leaves pages matched by `allow` alone', async () => {
    expect(await ruleLines('click-depth', chain(5), { rules: { 'click-depth': ['warn', { allow: ['/s4/', '/s5/'] }] } })).toEqual([]);
  });
});

describe('click-depth and pagination', () => {
  /** `/` -> `/news/` -> `/news/2/` -> … -> `/news/6/`, each listing one article; no rel=next. */
  function numbered(): Record<string, string> {
    const files: Record<string, string> = { 'index.html': doc('Home', '<a href="/news/">News</a>') };
    for (let n = 1; n <= 6; n++) {
      const file = n === 1 ? 'news/index.html' : `news/${n}/index.html`;
      files[file] = doc(`News ${n}`, `<a href="/news/article-${n}/">Article ${n}</a> <a href="/news/${n + 1}/">Older</a>`);
      files[`news/article-${n}/index.html`] = doc(`Article ${n}`, '');
    }
    return files;
  }

  it('counts numbered list pages (`/news/2/`) as one level', async () => {
    expect(await ruleLines('click-depth', numbered())).toEqual([]);
  });

  it('does not treat year archives as pagination', async () => {
    const site = {
      'index.html': doc('Home', '<a href="/archive/">Archive</a>'),
      'archive/index.html': doc('Archive', '<a href="/archive/2024/">2024</a>'),
      'archive/2024/index.html': doc('2024', '<a href="/archive/2024/05/">May</a>'),
      'archive/2024/05/index.html': doc('May', '<a href="/archive/2024/05/post/">Post</a>'),
      'archive/2024/05/post/index.html': doc('Post', ''),
    };
    expect(await ruleLines('click-depth', site)).toEqual([
      'archive/2024/05/post/index.html:- click-depth `/archive/2024/05/post/` is 4 clicks from the nearest entry point, more than `3`: `/` → `/archive/` → `/archive/2024/` → `/archive/2024/05/` → `/archive/2024/05/post/`',
    ]);
  });
});

describe('click-depth path', () => {
  it('marks steps that cost no click with ⇢', async () => {
    const site = {
      'index.html': doc('Home', '<a href="/blog/">Blog</a>'),
      'blog/index.html': doc('Blog', '<a href="/blog/page/2/">Older</a>'),
      'blog/page/2/index.html': doc('Blog 2', '<a href="/blog/post/">Post</a>'),
      'blog/post/index.html': doc('Post', '<a href="/blog/post/notes/">Notes</a>'),
      'blog/post/notes/index.html': doc('Notes', ''),
    };
    expect(await ruleLines('click-depth', site, { rules: { 'click-depth': ['warn', { maxDepth: 2 }] } })).toEqual([
      'blog/post/notes/index.html:- click-depth `/blog/post/notes/` is 3 clicks from the nearest entry point, more than `2`: `/` → `/blog/` ⇢ `/blog/page/2/` → `/blog/post/` → `/blog/post/notes/`',
    ]);
  });
});
