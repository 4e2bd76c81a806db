import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const site = (body: string) => ({
  'index.html': page(`<h1 id="intro">Intro</h1><a name="legacy"></a>${body}`),
  'about/index.html': page('<h2 id="team">Team</h2><h2 id="caf\u00e9">Café</h2>'),
  'contact.html': page('<p id="form">form</p>'),
});

describe('broken-fragment', () => {
  it.each([
    ['same page id', '<a href="#intro">i</a>'],
    ['same page a[name]', '<a href="#legacy">l</a>'],
    ['# and #top', '<a href="#">t</a><a href="#top">t</a><a href="#TOP">t</a>'],
    ['cross page, with and without trailing slash', '<a href="/about/#team">t</a><a href="/about#team">t</a><a href="about/index.html#team">t</a>'],
    ['file-shaped page', '<a href="/contact#form">f</a>'],
    ['percent-encoded fragment', '<a href="/about/#caf%C3%A9">c</a>'],
    ['fragments on missing pages (broken-internal-link reports those)', '<a href="/nope/#x">n</a>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('broken-fragment', site(body))).toEqual([]);
  });

  it.each([
    ['same page', '<a href="#intr">i</a>', ['index.html:1:113 broken-fragment Fragment `#intr` has no matching `id` on this page; did you mean `#intro`?']],
    ['cross page with slash', '<a href="/about/#teams">t</a>', ['index.html:1:113 broken-fragment Fragment `#teams` has no matching `id` on `/about/`; did you mean `#team`?']],
    ['cross page without slash', '<a href="/about#nothing-like-it">t</a>', ['index.html:1:113 broken-fragment Fragment `#nothing-like-it` has no matching `id` on `/about/`']],
    ['case differs', '<a href="/contact#FORM">f</a>', ['index.html:1:113 broken-fragment Fragment `#FORM` has no matching `id` on `/contact`; did you mean `#form`?']],
  ])('invalid: %s', async (_, body, expected) => {
    expect(await ruleLines('broken-fragment', site(body))).toEqual(expected);
  });
});
