import { unified } from '@astrojs/markdown-remark';
import { AstroError } from 'astro/errors';
import { describe, expect, it } from 'vitest';
import { buildFixture, filesWithOrigins, findingLine } from './build-fixture.js';

// first.md has five lines of front matter and two blank lines before its body,
// which Astro trims off before rendering: the lines below are the file's own.
const EXPECTED = [
  'src/content/blog/first.md:11:47 broken-internal-link Link to `/blog/third/` has no page in the output; did you mean `/blog/first/`?',
  'src/content/blog/first.md:13:12 broken-fragment Fragment `#nowhere` has no matching `id` on `/blog/second/`',
  'src/content/blog/second.md:6:57 broken-internal-link Link to `/img/none.png` has no file in the output',
];

describe('astro: a content collection with front matter', () => {
  it('reports Markdown links at their exact source line (Satteri, the default processor) and fails the build', async () => {
    const built = await buildFixture('collection');
    try {
      expect(built.error).toBeInstanceOf(AstroError);
      expect((built.error as AstroError).message).toBe('linkgraph found 3 errors, 0 warnings and 0 info in the built site; findings at `error` or above fail the build.');
      expect((built.error as AstroError).hint).toMatch(/failOn/);
      expect(built.report.findings.map(findingLine)).toEqual(EXPECTED);
      expect(built.report.findings[0]).toMatchObject({ file: expect.stringMatching(/dist\/blog\/first\/index\.html$/), line: expect.any(Number) });
      expect(await filesWithOrigins(built.outDir)).toEqual([]);
    } finally {
      await built.cleanup();
    }
  });

  it('reports the same source lines with the unified processor', async () => {
    const built = await buildFixture('collection', {}, { markdown: { processor: unified() } });
    try {
      expect(built.error).toBeInstanceOf(AstroError);
      expect(built.report.findings.map(findingLine)).toEqual(EXPECTED);
      expect(await filesWithOrigins(built.outDir)).toEqual([]);
    } finally {
      await built.cleanup();
    }
  });

  it('succeeds when the findings stay below failOn, and still writes the report', async () => {
    const built = await buildFixture('collection', { failOn: 'never' });
    try {
      expect(built.error).toBeUndefined();
      expect(built.report.summary.failed).toBe(false);
      expect(built.report.findings.map(findingLine)).toEqual(EXPECTED);
    } finally {
      await built.cleanup();
    }
  });

  it('succeeds with warnings under failOn error, and fails on them under failOn warn', async () => {
    const rules = { 'broken-internal-link': 'warn', 'broken-fragment': 'warn' } as const;
    const lenient = await buildFixture('collection', { rules });
    const strict = await buildFixture('collection', { rules, failOn: 'warn' });
    try {
      expect(lenient.error).toBeUndefined();
      expect(lenient.report.findings.map(findingLine)).toEqual(EXPECTED);
      expect(strict.error).toBeInstanceOf(AstroError);
      expect((strict.error as AstroError).message).toBe('linkgraph found 0 errors, 3 warnings and 0 info in the built site; findings at `warn` or above fail the build.');
    } finally {
      await lenient.cleanup();
      await strict.cleanup();
    }
  });

  it('reports the built page only when sourcePositions is off', async () => {
    const built = await buildFixture('collection', { failOn: 'never', sourcePositions: false });
    try {
      expect(built.report.findings.map((finding) => finding.source)).toEqual([null, null, null]);
      expect(built.report.findings.map(findingLine)[0]).toMatch(/^dist\/blog\/first\/index\.html:\d+:\d+ broken-internal-link/);
    } finally {
      await built.cleanup();
    }
  });
});
