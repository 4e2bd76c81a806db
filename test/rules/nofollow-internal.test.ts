import { describe, expect, it } from 'vitest';
import { doc } from '../fixtures/graph-sites.js';
import { ruleLines } from '../helpers/run-site.js';

const site = (body: string): Record<string, string> => ({ 'index.html': doc('Home', body), 'a/index.html': doc('A', ''), 'login/index.html': doc('Login', '') });

describe('nofollow-internal', () => {
  it.each([
    ['a followed internal link', '<a href="/a/">a</a>'],
    ['nofollow on an external link', '<a rel="nofollow" href="https://example.org/">x</a>'],
    ['other rel tokens', '<a rel="noopener noreferrer" href="/a/">a</a>'],
    ['nofollow on a target in `allow`', '<a rel="nofollow" href="/login/">log in</a>'],
    ['nofollow on a link element', '<link rel="nofollow" href="/a/">'],
    ['an ignored link', '<a data-linkgraph-ignore="nofollow-internal" rel="nofollow" href="/a/">a</a>'],
  ])('valid: %s', async (_name, body) => {
    expect(await ruleLines('nofollow-internal', site(body), { rules: { 'nofollow-internal': ['warn', { allow: ['/login/'] }] } })).toEqual([]);
  });

  it.each([
    ['nofollow', '<a rel="nofollow" href="/a/">a</a>', ['index.html:1:70 nofollow-internal Internal link to `/a/` has `rel="nofollow"`; expected a followed link to your own page']],
    ['ugc and sponsored', '<a rel="ugc sponsored noopener" href="a/">a</a>', ['index.html:1:70 nofollow-internal Internal link to `/a/` has `rel="ugc sponsored"`; expected a followed link to your own page']],
    ['nofollow on an area', '<map><area rel="nofollow" href="/a/" alt="a"></map>', ['index.html:1:75 nofollow-internal Internal link to `/a/` has `rel="nofollow"`; expected a followed link to your own page']],
    ['nofollow on a broken internal link', '<a rel="nofollow" href="/gone/">g</a>', ['index.html:1:70 nofollow-internal Internal link to `/gone/` has `rel="nofollow"`; expected a followed link to your own page']],
  ])('invalid: %s', async (_name, body, expected) => {
    expect(await ruleLines('nofollow-internal', site(body))).toEqual(expected);
  });
});
