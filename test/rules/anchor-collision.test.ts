import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';
import { navHeavySite } from '../fixtures/nav-heavy-site.js';

const site = (body: string, extra: Record<string, string> = {}) => ({
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
    [
      'two pages',
      '<a href="/docs/">Docs</a><a href="/docs/intro/">Docs</a>',
      ['index.html:1:92 anchor-collision Anchor text "docs" links to 2 different targets on this page: `/docs/` (1), `/docs/intro/` (1); expected one target per text'],
    ],
    [
      'case and whitespace do not matter; counts per target',
      '<a href="/docs/">Get  started</a><a href="/docs">get started</a><a href="/contact">GET STARTED</a>',
      ['index.html:1:131 anchor-collision Anchor text "get started" links to 2 different targets on this page: `/docs/` (2), `/contact` (1); expected one target per text'],
    ],
    [
      'different sections of one page',
      '<a href="/docs/#setup">Setup</a><a href="/docs/intro/#setup">Setup</a>',
      ['index.html:1:99 anchor-collision Anchor text "setup" links to 2 different targets on this page: `/docs/#setup` (1), `/docs/intro/#setup` (1); expected one target per text'],
    ],
    [
      'an internal page and an external URL',
      '<a href="/contact">Contact</a><a href="https://example.org/contact">Contact</a>',
      ['index.html:1:97 anchor-collision Anchor text "contact" links to 2 different targets on this page: `/contact` (1), `https://example.org/contact` (1); expected one target per text'],
    ],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('anchor-collision', site(body))).toEqual(expected);
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
    const body = Array.from({ length: 7 }, (_, n) => `<a href="https://example.org/${n}">Source</a>`).join('');
    expect(await ruleLines('anchor-collision', site(body))).toEqual([
      'index.html:1:109 anchor-collision Anchor text "source" links to 7 different targets on this page: `https://example.org/0` (1), `https://example.org/1` (1), `https://example.org/2` (1), `https://example.org/3` (1), `https://example.org/4` (1), 2 more; expected one target per text',
    ]);
  });
});
