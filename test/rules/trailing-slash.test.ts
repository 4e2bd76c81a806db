import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({
  'index.html': page(body),
  'docs/index.html': page('docs'),
  'docs/intro/index.html': page('intro'),
  'about.html': page('about'),
  'style.css': 'body{}',
});

describe('trailing-slash', () => {
  it.each([
    ['always: slash forms', 'always', '<a href="/docs/">d</a><a href="docs/intro/?q=1#x">i</a><a href="https://example.com/docs/">d</a>'],
    ['never: no-slash forms', 'never', '<a href="/docs">d</a><a href="/docs/intro#x">i</a>'],
    ['ignore: anything', 'ignore', '<a href="/docs">d</a><a href="/docs/intro/">i</a><a href="/about/">a</a>'],
    ['the root, same-page and dot hrefs', 'always', '<a href="/">h</a><a href="?page=2">p</a><a href="#x">x</a><a href="docs/intro/..">up</a>'],
    ['hrefs naming a file', 'always', '<a href="/docs/index.html">d</a><a href="/about.html">a</a>'],
    ['a file-shaped page without slash, whatever the policy', 'always', '<a href="/about">a</a>'],
    ['assets and missing pages', 'always', '<link rel="stylesheet" href="/style.css"><a href="/nope">n</a>'],
    ['a link to the error page, served at any URL', 'always', '<a href="/404/">Not found</a>'],
  ] as const)('valid: %s', async (_, policy, body) => {
    expect(await ruleLines('trailing-slash', { ...site(body), '404.html': page('not found') }, { trailingSlash: policy, site: 'https://example.com' })).toEqual([]);
  });

  it('valid: an error page\'s own canonical and hreflang links in the policy\'s form', async () => {
    const head = '<link rel="canonical" href="https://example.com/404/"><link rel="alternate" hreflang="en" href="https://example.com/404/">';
    expect(await ruleLines('trailing-slash', { ...site(''), '404.html': page('not found', head) }, { trailingSlash: 'always', site: 'https://example.com' })).toEqual([]);
  });

  it.each([
    [
      'always: missing slash, query and fragment kept',
      'always',
      '<a href="/docs">d</a><a href="docs/intro?q=1#x">i</a>',
      [
        "index.html:1:67 trailing-slash Link `/docs` lacks a trailing slash, but the site's `trailingSlash` is `always`; did you mean `/docs/`?",
        "index.html:1:88 trailing-slash Link `docs/intro?q=1#x` lacks a trailing slash, but the site's `trailingSlash` is `always`; did you mean `docs/intro/?q=1#x`?",
      ],
    ],
    [
      'never: extra slash, absolute URL',
      'never',
      '<a href="https://example.com/docs/intro/">i</a>',
      ["index.html:1:67 trailing-slash Link `https://example.com/docs/intro/` has a trailing slash, but the site's `trailingSlash` is `never`; did you mean `https://example.com/docs/intro`?"],
    ],
    [
      'a file-shaped page linked with a slash',
      'always',
      '<a href="/about/">a</a>',
      ['index.html:1:67 trailing-slash Link `/about/` has a trailing slash, but `about.html` is served without a trailing slash; did you mean `/about`?'],
    ],
  ] as const)('invalid: %s', async (_, policy, body, expected) => {
    expect(await ruleLines('trailing-slash', site(body), { trailingSlash: policy, site: 'https://example.com' })).toEqual(expected);
  });
});
