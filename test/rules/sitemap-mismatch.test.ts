import { describe, expect, it } from 'vitest';
import { doc, sitemap, sitemapSite } from '../fixtures/graph-sites.js';
import { ruleLines, runSite } from '../helpers/run-site.js';

const pages = {
  'index.html': doc('Home', '<a href="/a/">A</a>'),
  'a/index.html': doc('A', '<a href="/">Home</a>'),
};

describe('sitemap-mismatch', () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ['no sitemap at all', pages, {}],
    ['a sitemap that lists every indexable page', { ...pages, 'sitemap.xml': sitemap('https://example.com', ['/', '/a/']) }, {}],
    ['URLs compared by path when `site` is unset, in either slash form', { ...pages, 'sitemap.xml': sitemap('https://other.example', ['/', '/a']) }, {}],
    ['the www form of `site`', { ...pages, 'sitemap.xml': sitemap('https://www.example.com', ['/', '/a/']) }, { site: 'https://example.com' }],
    ['a listed asset', { ...pages, 'doc.pdf': '', 'sitemap.xml': sitemap('https://example.com', ['/', '/a/', '/doc.pdf']) }, {}],
    ['pages under a base path', { 'index.html': doc('Home', '<a href="/docs/a/">A</a>'), 'a/index.html': doc('A', ''), 'sitemap.xml': sitemap('https://example.com', ['/docs/', '/docs/a/']) }, { base: '/docs/' }],
    ['an index whose sitemaps exist', { ...pages, 'sitemap-index.xml': '<sitemapindex><sitemap><loc>https://example.com/sitemap-0.xml</loc></sitemap></sitemapindex>', 'sitemap-0.xml': sitemap('https://example.com', ['/', '/a/']) }, {}],
    ['unlisted pages when `unlisted` is off', { ...pages, 'sitemap.xml': sitemap('https://example.com', ['/']) }, { rules: { 'sitemap-mismatch': ['warn', { unlisted: 'off' }] } }],
  ])('valid: %s', async (_name, site, options) => {
    expect(await ruleLines('sitemap-mismatch', site, options)).toEqual([]);
  });

  it('reports every seeded mismatch of the sitemap site, unlisted pages as info', async () => {
    const result = await runSite(sitemapSite(), { site: 'https://example.com' });
    const lines = result.findings.filter((finding) => finding.ruleId === 'sitemap-mismatch').map((finding) => `${finding.severity} ${finding.file}:${finding.position.known ? finding.position.start.line : '-'} ${finding.page} ${finding.message}`);
    expect(lines).toEqual([
      'info b/index.html:- /b/ `/b/` is indexable but not listed in the sitemap (`sitemap-0.xml`)',
      'warn sitemap-0.xml:5 /gone/ `sitemap-0.xml` lists `https://example.com/gone/`, which has no page in the output',
      'warn sitemap-0.xml:6 /private/ `sitemap-0.xml` lists `https://example.com/private/`, whose page is `noindex`',
      'warn sitemap-0.xml:7 /old/ `sitemap-0.xml` lists `https://example.com/old/`, a redirect page (to `/a/`); expected the final URL',
      'warn sitemap-0.xml:8 /copy/ `sitemap-0.xml` lists `https://example.com/copy/`, whose canonical URL is `https://example.com/a/`; expected the canonical URL',
    ]);
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, string[]]>([
    [
      'a missing page close to a real one',
      { ...pages, 'sitemap.xml': sitemap('https://example.com', ['/', '/a/', '/aa/']) },
      {},
      ['sitemap.xml:5:6 sitemap-mismatch `sitemap.xml` lists `https://example.com/aa/`, which has no page in the output; did you mean `/a/`?'],
    ],
    [
      'a URL outside `site`',
      { ...pages, 'sitemap.xml': sitemap('https://elsewhere.example', ['/', '/a/']) },
      { site: 'https://example.com' },
      [
        'sitemap.xml:3:6 sitemap-mismatch `sitemap.xml` lists `https://elsewhere.example/`, which is outside the site `https://example.com`',
        'sitemap.xml:4:6 sitemap-mismatch `sitemap.xml` lists `https://elsewhere.example/a/`, which is outside the site `https://example.com`',
        'a/index.html:- sitemap-mismatch `/a/` is indexable but not listed in the sitemap (`sitemap.xml`)',
        'index.html:- sitemap-mismatch `/` is indexable but not listed in the sitemap (`sitemap.xml`)',
      ].sort(),
    ],
    [
      'a relative loc',
      { ...pages, 'sitemap.xml': sitemap('', ['/', '/a/']) },
      { rules: { 'sitemap-mismatch': ['warn', { unlisted: 'off' }] } },
      ['sitemap.xml:3:6 sitemap-mismatch `sitemap.xml` lists `/`, which is not an absolute URL', 'sitemap.xml:4:6 sitemap-mismatch `sitemap.xml` lists `/a/`, which is not an absolute URL'],
    ],
    [
      'a configured redirect',
      { ...pages, 'sitemap.xml': sitemap('https://example.com', ['/', '/a/', '/moved/']) },
      { redirects: { '/moved/': '/a/' } },
      ['sitemap.xml:5:6 sitemap-mismatch `sitemap.xml` lists `https://example.com/moved/`, which redirects to `/a/`; expected the final URL'],
    ],
    [
      'an index listing a sitemap that is not in the output',
      { ...pages, 'sitemap-index.xml': '<sitemapindex><sitemap><loc>https://example.com/sitemap-1.xml</loc></sitemap></sitemapindex>' },
      {},
      ['sitemap-index.xml:1:24 sitemap-mismatch Sitemap index `sitemap-index.xml` lists `https://example.com/sitemap-1.xml`, which is not in the output'],
    ],
    [
      'a file that is not a sitemap',
      { ...pages, 'sitemap.xml': '<html><body>Not found</body></html>' },
      {},
      ['sitemap.xml:- sitemap-mismatch `sitemap.xml` is not a sitemap: the root element is `<html>`; expected `<urlset>` or `<sitemapindex>`'],
    ],
  ])('invalid: %s', async (_name, site, options, expected) => {
    expect(await ruleLines('sitemap-mismatch', site, options)).toEqual(expected);
  });

  it('honours a page opt-out for a listed noindex page', async () => {
    const site = { ...pages, 'n/index.html': doc('N', '', '<meta name="robots" content="noindex"><meta name="linkgraph-ignore" content="sitemap-mismatch">'), 'sitemap.xml': sitemap('https://example.com', ['/', '/a/', '/n/']) };
    expect(await ruleLines('sitemap-mismatch', site)).toEqual([]);
  });
});
