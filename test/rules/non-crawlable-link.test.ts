import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({ 'index.html': page(body), 'about/index.html': page('about') });

describe('non-crawlable-link', () => {
  it.each([
    ['a real href', '<a href="/about/">About</a><a href="#">Top</a><a href="mailto:a@b.c">Mail</a>'],
    ['a scripted button with a role', '<a role="button" onclick="go()">Open</a><a role="button" href="javascript:void(0)">Open</a>'],
    ['the current page as a placeholder', '<nav><a aria-current="page">About</a></nav>'],
    ['a fragment target', '<a id="section">Section</a><a name="old">Old</a>'],
    ['a placeholder without click handler (a disabled "Next" on the last page)', '<a rel="next" class="nav-link disabled">Next</a>'],
    ['an empty placeholder <a></a>', '<a></a>'],
    ['href="" is the page itself, as a breadcrumb\'s last item', '<nav><a href="/">Home</a> / <a href="">About</a></nav><h1><a href="">About</a></h1>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('non-crawlable-link', site(body))).toEqual([]);
  });

  it.each([
    ['<a> without href that script makes a link', '<a onclick="go()">Go</a>', ['index.html:1:67 non-crawlable-link `<a>` has no `href`, so crawlers cannot follow it; expected `href` with the target URL, or a `<button>` for an action']],
    [
      'javascript: href, any case',
      '<a href="javascript:void(0)">Go</a><a href="JavaScript:open(\'/about/\')">About</a>',
      [
        'index.html:1:67 non-crawlable-link `javascript:` href is not a URL a crawler can follow; expected the target URL in `href` (script can still handle the click), or a `<button>` for an action',
        'index.html:1:102 non-crawlable-link `javascript:` href is not a URL a crawler can follow; expected the target URL in `href` (script can still handle the click), or a `<button>` for an action',
      ],
    ],
    ['an invalid URL', '<a href="http://[nope">Nope</a>', ['index.html:1:67 non-crawlable-link `href` `http://[nope` is not a valid URL, so crawlers cannot follow it; expected a URL']],
    ['area with javascript:', '<map name="m"><area href="javascript:go()" alt="Go"></map>', ['index.html:1:81 non-crawlable-link `javascript:` href is not a URL a crawler can follow; expected the target URL in `href` (script can still handle the click), or a `<button>` for an action']],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('non-crawlable-link', site(body))).toEqual(expected);
  });
});
