import { describe, expect, it } from 'vitest';
import type { Options } from '../../src/options.js';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string, head = '') => ({ 'index.html': page(body, head), 'about/index.html': page('about') });
const https = { site: 'https://example.com' };

describe('insecure-link', () => {
  it.each([
    ['https and relative links', '<a href="https://example.org/">x</a><a href="/about/">a</a><a href="//cdn.example.org/x">c</a><img src="/logo.png">', https],
    ['localhost (localhost-link reports it)', '<a href="http://localhost:4321/">dev</a><img src="http://127.0.0.1/x.png">', https],
    ['an http site', '<a href="http://example.org/">x</a>', { site: 'http://example.com' }],
    ['no site option', '<a href="http://example.org/">x</a>', {}],
    ['an allowed host', '<a href="http://old.example.org/">x</a><img src="http://IMG.example.net/a.png">', { ...https, rules: { 'insecure-link': ['warn', { allowHosts: ['old.example.org', '*.example.net'] }] } }],
  ] as [string, string, Options][])('valid: %s', async (_, body, options) => {
    expect(await ruleLines('insecure-link', site(body), options)).toEqual([]);
  });

  it.each([
    ['an http link', '<a href="http://example.org/page">x</a>', '', ['index.html:1:67 insecure-link Link to `http://example.org/page` uses `http:` on an `https:` site; did you mean `https://example.org/page`?']],
    ['an http link to the own site', '<a href="HTTP://example.com/about/">a</a>', '', ['index.html:1:67 insecure-link Link to `http://example.com/about/` uses `http:` on an `https:` site; did you mean `https://example.com/about/`?']],
    [
      'subresources are mixed content',
      '<img src="http://example.org/a.png"><script src="http://example.org/a.js"></script><iframe src="http://example.org/embed"></iframe>',
      '<link rel="stylesheet" href="http://example.org/a.css"><link rel="alternate" href="http://example.org/feed.xml">',
      [
        'index.html:1:54 insecure-link `link[href]` loads `http://example.org/a.css` over `http:` on an `https:` site (mixed content); did you mean `https://example.org/a.css`?',
        'index.html:1:109 insecure-link Link to `http://example.org/feed.xml` uses `http:` on an `https:` site; did you mean `https://example.org/feed.xml`?',
        'index.html:1:179 insecure-link `img[src]` loads `http://example.org/a.png` over `http:` on an `https:` site (mixed content); did you mean `https://example.org/a.png`?',
        'index.html:1:215 insecure-link `script[src]` loads `http://example.org/a.js` over `http:` on an `https:` site (mixed content); did you mean `https://example.org/a.js`?',
        'index.html:1:262 insecure-link `iframe[src]` loads `http://example.org/embed` over `http:` on an `https:` site (mixed content); did you mean `https://example.org/embed`?',
      ],
    ],
    ['relative links under an http base', '<a href="page">p</a>', '<base href="http://example.org/docs/">', ['index.html:1:105 insecure-link Link to `http://example.org/docs/page` uses `http:` on an `https:` site; did you mean `https://example.org/docs/page`?']],
  ])('invalid: %s', async (_, body, head, expected) => {
    expect(await ruleLines('insecure-link', site(body, head), https)).toEqual(expected);
  });

  it('reports mixed content as an error and links at the configured level', async () => {
    const { runSite } = await import('../helpers/run-site.js');
    const { rulesOff } = await import('../helpers/rules-off.js');
    const result = await runSite(site('<a href="http://example.org/">x</a><video src="http://example.org/v.mp4"></video>'), { ...https, rules: { ...rulesOff(), 'insecure-link': 'warn' } });
    expect(result.findings.map((finding) => finding.severity)).toEqual(['warn', 'error']);
  });
});
