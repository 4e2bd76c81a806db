import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({
  'index.html': page(body),
  'pricing/index.html': page('<h1>Plans</h1>').replace('<title>t</title>', '<title>Pricing | Acme</title>'),
  'about/index.html': page('<h1>About</h1>').replace('<title>t</title>', '<title>About | Acme</title>'),
});

describe('empty-anchor', () => {
  it.each([
    ['text', '<a href="/pricing/">Pricing</a>'],
    ['image alt', '<a href="/pricing/"><img src="p.png" alt="Pricing"></a>'],
    ['aria-label', '<a href="/pricing/" aria-label="Pricing"><i class="icon"></i></a>'],
    ['aria-labelledby naming an element on the page', '<span id="p">Pricing</span><a href="/pricing/" aria-labelledby="missing p"></a>'],
    ['title', '<a href="/pricing/" title="Pricing"></a>'],
    ['svg with aria-label or title', '<a href="/pricing/"><svg aria-label="Pricing"></svg></a><a href="/about/"><svg><title>About</title></svg></a>'],
    ['area with alt', '<map name="m"><area href="/pricing/" alt="Pricing"></map>'],
    ['a without href (non-crawlable-link\'s)', '<a><img src="p.png" alt=""></a>'],
    ['a hidden redundant link beside a named one', '<a href="/pricing/" aria-hidden="true" tabindex="-1"><img src="p.png" alt=""></a><a href="/pricing/">Pricing</a>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('empty-anchor', site(body))).toEqual([]);
  });

  it.each([
    ['no content', '<a href="/pricing/"></a>', ['index.html:1:67 empty-anchor Link to `/pricing/` has no accessible name; expected text, an image `alt`, `aria-label` or `title`, e.g. "Pricing"']],
    ['an image with empty alt', '<a href="/about/"><img src="a.png" alt=""></a>', ['index.html:1:67 empty-anchor Link to `/about/` has no accessible name; expected text, an image `alt`, `aria-label` or `title`, e.g. "About"']],
    ['an icon font and whitespace', '<a href="https://example.org/"> <i class="icon"></i> </a>', ['index.html:1:67 empty-anchor Link to `https://example.org/` has no accessible name; expected text, an image `alt`, `aria-label` or `title`']],
    [
      'aria-labelledby naming no element',
      '<a href="/pricing/" aria-labelledby="nope gone"></a>',
      ['index.html:1:67 empty-anchor Link to `/pricing/` has no accessible name; `aria-labelledby` names `nope`, `gone`, which are not ids on this page; expected text, an image `alt`, `aria-label` or `title`, e.g. "Pricing"'],
    ],
    ['hidden, but with no named twin', '<a href="/pricing/" aria-hidden="true"></a><a href="/about/">About</a>', ['index.html:1:67 empty-anchor Link to `/pricing/` has no accessible name; expected text, an image `alt`, `aria-label` or `title`, e.g. "Pricing"']],
    ['area without alt', '<map name="m"><area href="/about/"></map>', ['index.html:1:81 empty-anchor Link to `/about/` has no accessible name; expected text, an image `alt`, `aria-label` or `title`, e.g. "About"']],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('empty-anchor', site(body))).toEqual(expected);
  });
});
