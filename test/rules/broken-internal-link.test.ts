import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string, extra: Record<string, string> = {}) => ({
  'index.html': page(body),
  'about/index.html': page('<h1 id="team">About</h1>'),
  'contact.html': page('contact'),
  'img/logo.png': 'png',
  'style.css': 'body{}',
  ...extra,
});

describe('broken-internal-link', () => {
  it.each([
    ['a page in directory shape, with and without slash', '<a href="/about/">a</a><a href="/about">a</a><a href="about/index.html">a</a>'],
    ['a page in file shape', '<a href="/contact">c</a><a href="/contact.html">c</a><a href="contact/">c</a>'],
    ['assets', '<img src="/img/logo.png" srcset="img/logo.png 2x"><link rel="stylesheet" href="/style.css">'],
    ['query strings', '<a href="/about/?utm_source=x">a</a>'],
    ['external, mailto, tel, data, javascript', '<a href="https://x.org/">x</a><a href="mailto:a@b.c">m</a><a href="tel:1">t</a><img src="data:image/png;base64,AA"><a href="javascript:void 0">j</a>'],
    ['preconnect and dns-prefetch hints', '<link rel="preconnect" href="/nowhere/"><link rel="dns-prefetch" href="/nowhere/">'],
    ['the page itself', '<a href="">self</a><a href="#">top</a>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('broken-internal-link', site(body))).toEqual([]);
  });

  it.each([
    ['a missing page with a close match', '<a href="/abuot/">a</a>', ['index.html:1:67 broken-internal-link Link to `/abuot/` has no page in the output; did you mean `/about/`?']],
    ['a missing page without a close match', '<a href="/zzzzzzzzzz/">z</a>', ['index.html:1:67 broken-internal-link Link to `/zzzzzzzzzz/` has no page in the output']],
    ['a missing image src', '<img src="/img/logo.jpg">', ['index.html:1:67 broken-internal-link Link to `/img/logo.jpg` has no file in the output; did you mean `/img/logo.png`?']],
    [
      'a missing srcset candidate',
      '<img src="/img/logo.png" srcset="/img/logo.png 1x, /img/logo@2x.png 2x">',
      ['index.html:1:67 broken-internal-link Link to `/img/logo@2x.png` has no file in the output; did you mean `/img/logo.png`?'],
    ],
    ['a path escaping the site', '<a href="../../../../etc/passwd">p</a>', ['index.html:1:67 broken-internal-link Link to `/etc/passwd` has no page in the output']],
    ['a script and a stylesheet', '<script src="/app.js"></script><link rel="stylesheet" href="/main.css">', [
      'index.html:1:67 broken-internal-link Link to `/app.js` has no file in the output',
      'index.html:1:98 broken-internal-link Link to `/main.css` has no file in the output',
    ]],
    ['a meta refresh target', '', ['index.html:1:54 broken-internal-link Link to `/gone/` has no page in the output']],
  ])('invalid: %s', async (name, body, expected) => {
    const files = name === 'a meta refresh target' ? site(body, { 'index.html': page('', '<meta http-equiv="refresh" content="0; url=/gone/">') }) : site(body);
    expect(await ruleLines('broken-internal-link', files)).toEqual(expected);
  });

  it('respects the base path', async () => {
    const files = { 'index.html': page('<a href="/docs/about/">in</a><a href="/about/">out</a>'), 'about/index.html': page('a') };
    expect(await ruleLines('broken-internal-link', files, { base: '/docs' })).toEqual([
      'index.html:1:96 broken-internal-link Link to `/about/` has no page in the output; did you mean `/docs/about/`?',
    ]);
  });

  it('treats absolute links to the site as internal', async () => {
    const files = { 'index.html': page('<a href="https://example.com/about/">ok</a><a href="https://example.com/nope/">no</a>'), 'about/index.html': page('a') };
    expect(await ruleLines('broken-internal-link', files, { site: 'https://example.com' })).toEqual([
      'index.html:1:110 broken-internal-link Link to `/nope/` has no page in the output',
    ]);
  });

  it('is silenced by data-linkgraph-ignore and ignore.urls', async () => {
    const files = site('<a href="/x/" data-linkgraph-ignore>x</a><div data-linkgraph-ignore="broken-internal-link"><a href="/y/">y</a></div><a href="/drafts/z/">z</a>');
    expect(await ruleLines('broken-internal-link', files, { ignore: { urls: ['/drafts/**'] } })).toEqual([]);
  });
});
