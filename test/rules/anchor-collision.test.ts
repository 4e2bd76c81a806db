import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';
import { navHeavySite } from '../fixtures/nav-heavy-site.js';

const site = (body: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'index.html': page(body),
  'docs/index.html': page('<h2 id="setup">Setup</h2>'),
  'docs/intro/index.html': page('<h2 id="setup">Setup</h2>'),
  'contact.html': page('contact'),
  ...extra,
});

describe('anchor-collision', () => {
  it.each([
    ['one text, one target', '<a href="/docs/">Docs</a><a href="/docs/">docs</a>'],
    ['one page spelled three ways', '<a href="/docs/">Docs</a><a href="/docs">Docs</a><a href="/docs/index.html">Docs</a>'],
    ['# and #top are the page itself', '<a href="/docs/">Docs</a><a href="/docs/#top">Docs</a>'],
    ['generic texts are generic-anchor\'s', '<a href="/docs/">read more</a><a href="/contact">Read more…</a>'],
    ['generic texts in the page language', '<a href="/docs/">Hier</a><a href="/contact">hier</a>'],
    ['empty texts', '<a href="/docs/"></a><a href="/contact"></a>'],
    ['scripts and empty hrefs have no target', '<a href="javascript:go()">Go there</a><a href="">Go there</a><a href="/docs/">Go there</a>'],
    ['data-linkgraph-ignore', '<a href="/docs/">Docs</a><a href="/contact" data-linkgraph-ignore="anchor-collision">Docs</a>'],
  ])('valid: %s', async (_, body) => {
    const files = site(body);
    if (body.includes('Hier')) files['index.html'] = page(body, '', 'de');
    expect(await ruleLines('anchor-collision', files)).toEqual([]);
  });

  it('valid: a navigation-heavy site, also site-wide', async () => {
    expect(await ruleLines('anchor-collision', navHeavySite(), { rules: { 'anchor-collision': ['warn', { siteWide: true }] } })).toEqual([]);
  });

  it.each([
    ['sections of one page (a table of contents beside the prose)', '<p><a href="/docs/">Docs</a> and <a href="/docs/#setup">docs</a></p>'],
    ['permalink marks', '<h2 id="a">A <a href="#a">¶</a></h2><p><a href="/docs/#setup">¶</a><a href="/docs/intro/#setup">¶</a></p>'],
    ['links in different list items (an API index)', '<ul><li><a href="/docs/">new</a></li><li><a href="/docs/intro/">new</a></li></ul>'],
    ['links outside any paragraph, item or cell', '<div><a href="/docs/">Docs</a><a href="/docs/intro/">Docs</a></div>'],
    ['names in code that differ in case (a config key and an attribute)', '<p><a href="/docs/#X">SESSION_LIFETIME</a> sets <a href="/contact#x">session_lifetime</a></p>'],
    ['a page and its copy in another locale', '<p><a href="/docs/">Docs</a> <a href="/fr/docs/">Docs</a></p>', { 'fr/index.html': page('fr', '', 'fr'), 'fr/docs/index.html': page('docs fr', '', 'fr') }],
  ])('valid in context scope: %s', async (_, body, extra: Record<string, string> = {}) => {
    expect(await ruleLines('anchor-collision', site(body, extra))).toEqual([]);
  });

  it.each([
    [
      'two pages in one paragraph',
      '<p><a href="/docs/">Docs</a><a href="/docs/intro/">Docs</a></p>',
      ['index.html:1:95 anchor-collision Anchor text "docs" links to 2 different targets in one paragraph, list item or table cell: `/docs/` (1), `/docs/intro/` (1); expected one target per text'],
    ],
    [
      'case and whitespace do not matter; counts per target; in one list item',
      '<ul><li><a href="/docs/">Get  started</a><a href="/docs">get started</a><a href="/contact">GET STARTED</a></li></ul>',
      ['index.html:1:139 anchor-collision Anchor text "get started" links to 2 different targets in one paragraph, list item or table cell: `/docs/` (2), `/contact` (1); expected one target per text'],
    ],
    [
      'sections of two pages, in one table cell',
      '<table><tr><td><a href="/docs/#setup">Setup</a><a href="/docs/intro/#setup">Setup</a></td></tr></table>',
      ['index.html:1:114 anchor-collision Anchor text "setup" links to 2 different targets in one paragraph, list item or table cell: `/docs/#setup` (1), `/docs/intro/#setup` (1); expected one target per text'],
    ],
    [
      'an internal page and an external URL',
      '<p><a href="/contact">Contact</a><a href="https://example.org/contact">Contact</a></p>',
      ['index.html:1:100 anchor-collision Anchor text "contact" links to 2 different targets in one paragraph, list item or table cell: `/contact` (1), `https://example.org/contact` (1); expected one target per text'],
    ],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('anchor-collision', site(body))).toEqual(expected);
  });

  it('scope page: compares links anywhere on the page, still not sections of one page', async () => {
    const body = '<ul><li><a href="/docs/">Docs</a></li><li><a href="/docs/intro/">Docs</a></li></ul><p><a href="/contact">Contact</a> <a href="/contact#form">contact</a></p>';
    expect(await ruleLines('anchor-collision', site(body), { rules: { 'anchor-collision': ['warn', { scope: 'page' }] } })).toEqual([
      'index.html:1:109 anchor-collision Anchor text "docs" links to 2 different targets on this page: `/docs/` (1), `/docs/intro/` (1); expected one target per text',
    ]);
  });

  it('siteWide: off by default, then one finding per page that differs from the majority', async () => {
    const files = site('<p><a href="/docs/">Setup guide</a></p>', {
      'a/index.html': page('<p><a href="/docs/">Setup guide</a></p>'),
      'b/index.html': page('<p><a href="/docs/intro/">Setup guide</a></p>'),
      'c/index.html': page('<nav><a href="/contact">Setup guide</a></nav>'),
    });
    expect(await ruleLines('anchor-collision', files)).toEqual([]);
    expect(await ruleLines('anchor-collision', files, { rules: { 'anchor-collision': ['warn', { siteWide: true }] } })).toEqual([
      'b/index.html:1:70 anchor-collision Anchor text "setup guide" links to `/docs/intro/` here but to `/docs/` from 2 other pages; expected one target per text site-wide',
    ]);
  });
});

describe('anchor-collision messages', () => {
  it('shows five targets and counts the rest', async () => {
    const body = `<p>${Array.from({ length: 7 }, (_, n) => `<a href="https://example.org/${n}">Source</a>`).join('')}</p>`;
    expect(await ruleLines('anchor-collision', site(body))).toEqual([
      'index.html:1:112 anchor-collision Anchor text "source" links to 7 different targets in one paragraph, list item or table cell: `https://example.org/0` (1), `https://example.org/1` (1), `https://example.org/2` (1), `https://example.org/3` (1), `https://example.org/4` (1), 2 more; expected one target per text',
    ]);
  });
});
