import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

/** A site in English (the root) and French (`/fr/`): `guide` exists in both, `only-en` in English only. */
const site = (frBody: string, enBody = ''): Record<string, string> => ({
  'index.html': page(`<a href="/guide/">Guide</a>${enBody}`),
  'guide/index.html': page('guide'),
  'only-en/index.html': page('only in English'),
  'fr/index.html': page('<a href="/fr/guide/">Guide</a>', '', 'fr'),
  'fr/guide/index.html': page(frBody, '', 'fr'),
});

describe('inconsistent-locale', () => {
  it.each([
    ['a link within the locale', '<a href="/fr/">Accueil</a>'],
    ['a link to a page with no French copy', '<a href="/only-en/">Only in English</a>'],
    ['a language switcher (hreflang)', '<a href="/guide/" hreflang="en">English</a>'],
    ['a link to a locale\'s home page', '<a href="/">English</a>'],
  ])('valid: %s', async (_, body) => {
    expect(await ruleLines('inconsistent-locale', site(body))).toEqual([]);
  });

  it.each([
    ['a French page linking the English guide', site('<p><a href="/guide/#step">Étape</a></p>'), ['fr/guide/index.html:1:70 inconsistent-locale Link to `/guide/` leaves `/fr/` for a page that exists in it too; did you mean `/fr/guide/#step`?']],
    ['an English page linking the French guide', site('', '<a href="/fr/guide/">Guide</a>'), ['index.html:1:94 inconsistent-locale Link to `/fr/guide/` leaves the default locale for a page that exists in it too; did you mean `/guide/`?']],
  ])('invalid: %s', async (_, files, expected) => {
    expect(await ruleLines('inconsistent-locale', files)).toEqual(expected);
  });

  it('is off by default', async () => {
    const { runSite } = await import('../helpers/run-site.js');
    const result = await runSite(site('<a href="/guide/">Guide</a>'));
    expect(result.findings.filter((finding) => finding.ruleId === 'inconsistent-locale')).toEqual([]);
  });
});
