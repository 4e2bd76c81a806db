import { describe, expect, it } from 'vitest';
import { buildFixture, filesWithOrigins, findingLine, outputFiles } from './build-fixture.js';

/** Findings on the `pages` fixture, whatever the output shape: `[built file, …]` differs, lines do not. */
const expected = (about: string): string[] => [
  `${about}:1:268 broken-internal-link Link to \`/contact/\` has no page in the output`,
  `src/pages/guide.md:10:34 broken-fragment Fragment \`#teams\` has no matching \`id\` on \`${about === 'dist/about.html' ? '/about' : '/about/'}\`; did you mean \`#team\`?`,
  'src/pages/guide.md:12:4 broken-internal-link Link to `/nope/` has no page in the output',
];

describe('astro: build.format', () => {
  it.each([
    ['directory', 'dist/about/index.html', ['404.html', 'about/index.html', 'guide/index.html', 'index.html']],
    ['file', 'dist/about.html', ['404.html', 'about.html', 'guide.html', 'index.html']],
    ['preserve', 'dist/about.html', ['404.html', 'about.html', 'guide.html', 'index.html']],
  ] as const)('%s: pages resolve, and findings point at the built file or the Markdown line', async (format, about, files) => {
    const built = await buildFixture('pages', {}, { build: { format } });
    try {
      expect(await outputFiles(built.outDir)).toEqual(files);
      expect(built.report.findings.map(findingLine)).toEqual(expected(about));
      expect(built.error).toBeDefined();
      expect(await filesWithOrigins(built.outDir)).toEqual([]);
    } finally {
      await built.cleanup();
    }
  });
});

describe('astro: trailingSlash', () => {
  it.each(['ignore', 'always', 'never'] as const)('%s: links with either form reach the page; the broken ones are reported', async (trailingSlash) => {
    const built = await buildFixture('pages', {}, { trailingSlash });
    try {
      const lines = built.report.findings.map(findingLine);
      expect(lines.filter((line) => !line.includes(' trailing-slash '))).toEqual(expected('dist/about/index.html').map((line) => (trailingSlash === 'never' ? line.replace('on `/about/`', 'on `/about`') : line)));
      // The fixture links with a slash: only `never` makes that a trailing-slash finding, at the Markdown line too.
      const slash = lines.filter((line) => line.includes(' trailing-slash '));
      if (trailingSlash === 'never') expect(slash).toContain("src/pages/guide.md:10:5 trailing-slash Link `/about/#team` has a trailing slash, but the site's `trailingSlash` is `never`; did you mean `/about#team`?");
      else expect(slash).toEqual([]);
      expect(built.report.summary.pages).toBe(4);
    } finally {
      await built.cleanup();
    }
  });
});
