import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const stub = (to: string): string => page('', `<meta http-equiv="refresh" content="0; url=${to}">`);

describe('link-to-redirect (internal)', () => {
  it('valid: a link to the final page', async () => {
    expect(await ruleLines('link-to-redirect', { 'index.html': page('<a href="/new/">n</a>'), 'old/index.html': stub('/new/'), 'new/index.html': page('new') })).toEqual([]);
  });

  it.each([
    ['through a redirect page, keeping the fragment', { 'index.html': page('<a href="/old/#x">o</a>'), 'old/index.html': stub('/new/'), 'new/index.html': page('new') }, ['index.html:1:67 link-to-redirect Link to `/old/` goes through a redirect page to `/new/`; link to `/new/#x` instead']],
    ['through two hops', { 'index.html': page('<a href="/a/">a</a>'), 'a/index.html': stub('/b/'), 'b/index.html': stub('/c/'), 'c/index.html': page('c') }, ['index.html:1:67 link-to-redirect Link to `/a/` goes through a redirect page to `/c/`; link to `/c/` instead']],
    [
      'into redirects that loop',
      { 'index.html': page('<a href="/a/">a</a>'), 'a/index.html': stub('/b/'), 'b/index.html': stub('/a/') },
      ['index.html:1:67 link-to-redirect Link to `/a/` reaches no page: its redirects go round in a loop (`/a/` → `/b/` → `/a/`)'],
    ],
  ])('invalid: %s', async (_, files, expected) => {
    expect(await ruleLines('link-to-redirect', files)).toEqual(expected);
  });
});
