import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({
  'index.html': page(body),
  'guide/index.html': page('guide', '<link rel="canonical" href="/guide/">'),
  'guide/print/index.html': page('print', '<link rel="canonical" href="/guide/">'),
  'mirror/index.html': page('mirror', '<link rel="canonical" href="https://other.example.org/original/">'),
  'old/index.html': page('moved', '<meta http-equiv="refresh" content="0; url=/guide/"><link rel="canonical" href="/guide/">'),
});

describe('link-to-non-canonical', () => {
  it.each([
    ['a self-canonical page, any spelling', '<a href="/guide/">g</a><a href="/guide">g</a>'],
    ['a redirect stub (link-to-redirect reports those)', '<a href="/old/">o</a>'],
    ['a resource that is not a link', '<iframe src="/guide/print/"></iframe>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('link-to-non-canonical', site(body), { site: 'https://example.com' })).toEqual([]);
  });

  it.each([
    ['an internal canonical', '<a href="/guide/print/">p</a>', ['index.html:1:67 link-to-non-canonical Link to `/guide/print/` points at a page whose canonical URL is `/guide/`; did you mean `/guide/`?']],
    ['the fragment is kept', '<a href="guide/print/#step-2">p</a>', ['index.html:1:67 link-to-non-canonical Link to `/guide/print/` points at a page whose canonical URL is `/guide/`; did you mean `/guide/#step-2`?']],
    [
      'a canonical on another site',
      '<a href="/mirror/">m</a>',
      ['index.html:1:67 link-to-non-canonical Link to `/mirror/` points at a page whose canonical URL is `https://other.example.org/original/`; did you mean `https://other.example.org/original/`?'],
    ],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('link-to-non-canonical', site(body), { site: 'https://example.com' })).toEqual(expected);
  });

  it('resolves an absolute canonical on the own site to its path', async () => {
    const files = { ...site('<a href="/guide/print/">p</a>'), 'guide/print/index.html': page('print', '<link rel="canonical" href="https://example.com/guide/">') };
    expect(await ruleLines('link-to-non-canonical', files, { site: 'https://example.com' })).toEqual([
      'index.html:1:67 link-to-non-canonical Link to `/guide/print/` points at a page whose canonical URL is `/guide/`; did you mean `/guide/`?',
    ]);
  });

  it('takes a canonical on an unnamed origin that names the page in its file spelling as the page itself', async () => {
    // MkDocs writes `https://www.mkdocs.org/user-guide/cli.html` for the page served at `/user-guide/cli`.
    const files = {
      'index.html': page('home', '<a href="user-guide/cli.html">cli</a><a href="user-guide/old.html">old</a>'),
      'user-guide/cli.html': page('cli', '<link rel="canonical" href="https://docs.example.org/user-guide/cli.html">'),
      'user-guide/old.html': page('old', '<link rel="canonical" href="https://docs.example.org/user-guide/cli.html">'),
    };
    expect(await ruleLines('link-to-non-canonical', files)).toEqual([
      'index.html:1:91 link-to-non-canonical Link to `/user-guide/old.html` points at a page whose canonical URL is `https://docs.example.org/user-guide/cli.html`; did you mean `https://docs.example.org/user-guide/cli.html`?',
    ]);
  });
});
