import { describe, expect, it } from 'vitest';
import type { AstroInlineConfig } from 'astro';
import type { AstroOptions } from '../../src/astro/index.js';
import { buildFixture, findingLine, outputFiles } from './build-fixture.js';

describe('astro: base', () => {
  it('resolves links under the base path and reports the ones outside it', async () => {
    const built = await buildFixture('base', {}, { base: '/docs' });
    try {
      expect(built.report.findings.map(findingLine)).toEqual([
        'src/pages/guide.md:6:45 broken-internal-link Link to `/other/` has no page in the output',
        'dist/index.html:1:121 broken-internal-link Link to `/guide/` has no page in the output; did you mean `/docs/guide/`?',
      ]);
    } finally {
      await built.cleanup();
    }
  });
});

describe('astro: i18n with a fallback', () => {
  it('counts the fallback page as a page and reports the missing one', async () => {
    const built = await buildFixture('i18n', {}, { i18n: { defaultLocale: 'en', locales: ['en', 'fr'], fallback: { fr: 'en' } } });
    try {
      expect(await outputFiles(built.outDir)).toEqual(['about/index.html', 'fr/about/index.html', 'fr/index.html', 'index.html']);
      expect(built.report.findings.map(findingLine)).toEqual([
        'dist/fr/index.html:1:246 broken-internal-link Link to `/fr/contact/` has no page in the output',
      ]);
    } finally {
      await built.cleanup();
    }
  });
});

describe('astro: Starlight present', () => {
  // Starlight writes its locales into Astro's i18n config; a stand-in with its name is enough here.
  const starlight = { name: '@astrojs/starlight', hooks: {} };
  const i18n = { defaultLocale: 'en', locales: ['en', 'fr'] };

  it('turns inconsistent-locale on: a link that leaves the locale where the page exists in it', async () => {
    const built = await buildFixture('locales', {}, { i18n, integrations: [starlight] });
    try {
      expect(built.report.findings.map(findingLine)).toEqual([
        'dist/index.html:1:133 inconsistent-locale Link to `/fr/guide/` leaves the default locale for a page that exists in it too; did you mean `/guide/`?',
      ]);
    } finally {
      await built.cleanup();
    }
  });

  it('leaves it off without Starlight, and as the user sets it with Starlight', async () => {
    const cases: [AstroOptions, AstroInlineConfig][] = [
      [{}, { i18n }],
      [{ rules: { 'inconsistent-locale': 'off' } }, { i18n, integrations: [starlight] }],
    ];
    for (const [options, config] of cases) {
      const built = await buildFixture('locales', options, config);
      try {
        expect(built.report.findings.map(findingLine)).toEqual([]);
      } finally {
        await built.cleanup();
      }
    }
  });
});

describe('astro: redirects', () => {
  it('makes redirect sources valid targets and checks where they lead', async () => {
    const built = await buildFixture('redirects', {}, { redirects: { '/old': '/new', '/gone': '/nowhere' } });
    try {
      expect(built.report.findings.map(findingLine)).toEqual([
        'dist/gone/index.html:1:55 broken-internal-link Link to `/nowhere` has no page in the output',
        'dist/gone/index.html:1:190 broken-internal-link Link to `/nowhere` has no page in the output',
        'dist/index.html:1:112 link-to-redirect Link to `/old/` goes through a redirect page to `/new`; link to `/new` instead',
        'dist/index.html:1:154 link-to-redirect Link to `/gone/` goes through a redirect page to `/nowhere`; link to `/nowhere` instead',
      ]);
      expect(built.error).toBeDefined();
    } finally {
      await built.cleanup();
    }
  });

  it('builds without error when every link resolves', async () => {
    const built = await buildFixture('redirects', {}, { redirects: { '/old': '/new', '/gone': { status: 302, destination: '/new' } } });
    try {
      expect(built.error).toBeUndefined();
      // Links through a redirect are warnings (the fix is the target), so the build passes.
      expect(built.report.findings.map(findingLine)).toEqual([
        'dist/index.html:1:112 link-to-redirect Link to `/old/` goes through a redirect page to `/new`; link to `/new` instead',
        'dist/index.html:1:154 link-to-redirect Link to `/gone/` goes through a redirect page to `/new`; link to `/new` instead',
      ]);
      expect(built.report.summary).toMatchObject({ failed: false, errors: 0, pages: 4 });
    } finally {
      await built.cleanup();
    }
  });
});
