import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { buildFixture, filesWithOrigins, findingLine } from './build-fixture.js';

describe('astro: MDX', () => {
  it.each([
    ['Satteri (default)', {}, 5],
    ['unified', { markdown: { processor: unified() } }, 6],
  ] as const)('%s: Markdown and JSX links at their MDX line, component links at the built page', async (_name, config, cardLine) => {
    const built = await buildFixture('mdx', {}, { ...config, integrations: [mdx()] });
    try {
      expect(built.report.findings.map(findingLine)).toEqual([
        'src/pages/post.mdx:10:20 broken-internal-link Link to `/nowhere/` has no page in the output',
        'src/pages/post.mdx:12:13 broken-internal-link Link to `/jsx-missing/` has no page in the output',
        'src/pages/post.mdx:12:57 broken-fragment Fragment `#detail` has no matching `id` on this page; did you mean `#details`?',
        `dist/post/index.html:${cardLine}:8 broken-internal-link Link to \`/card-missing/\` has no page in the output`,
      ]);
      expect(await filesWithOrigins(built.outDir)).toEqual([]);
    } finally {
      await built.cleanup();
    }
  });
});
