import { describe, expect, it } from 'vitest';
import { isSitemapFile, parseSitemap } from '../../src/sitemap/parse-sitemap.js';

describe('parseSitemap', () => {
  it('reads the locs of a urlset with their positions, leaving extension locs out', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://example.com/</loc><image:image><image:loc>https://example.com/a.png</image:loc></image:image></url>
  <!-- <url><loc>https://example.com/commented/</loc></url> -->
  <url>
    <loc> https://example.com/a?x=1&amp;y=2 </loc>
  </url>
  <url><loc><![CDATA[https://example.com/caf&eacute;/]]></loc></url>
  <url><loc>https://example.com/&#x63;&#97;t/</loc></url>
</urlset>`;
    expect(parseSitemap(xml)).toEqual({
      kind: 'urlset',
      entries: [
        { loc: 'https://example.com/', line: 3, column: 8 },
        { loc: 'https://example.com/a?x=1&y=2', line: 6, column: 5 },
        { loc: 'https://example.com/caf&eacute;/', line: 8, column: 8 },
        { loc: 'https://example.com/cat/', line: 9, column: 8 },
      ],
    });
  });

  it('reads a sitemap index, with a namespace prefix', () => {
    const xml = '<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>https://example.com/sitemap-0.xml</sm:loc></sm:sitemap></sm:sitemapindex>';
    expect(parseSitemap(xml)).toEqual({ kind: 'index', entries: [{ loc: 'https://example.com/sitemap-0.xml', line: 1, column: 85 }] });
  });

  it.each([
    ['', 'no root element'],
    ['<html><body>not a sitemap</body></html>', 'the root element is `<html>`; expected `<urlset>` or `<sitemapindex>`'],
    ['<urlset><url><loc>https://example.com/</loc></url>', 'no closing `</urlset>` (a truncated file?)'],
  ])('says why %j is not a sitemap', (xml, reason) => {
    expect(parseSitemap(xml)).toEqual({ kind: 'invalid', reason });
  });

  it('knows sitemap file names', () => {
    expect(['sitemap.xml', 'sitemap-index.xml', 'sitemap-0.xml', 'sitemap_index.xml'].every(isSitemapFile)).toBe(true);
    expect(['feed.xml', 'blog/sitemap.xml', 'sitemap.html'].some(isSitemapFile)).toBe(false);
  });
});
