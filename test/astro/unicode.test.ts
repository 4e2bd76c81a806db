import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { buildFixture, findingLine } from './build-fixture.js';

// Each link follows text beyond ASCII on its line (’, «», Cyrillic, CJK, Greek, an emoji): a UTF-8
// byte offset taken for a character offset would move it right, or onto a later line. Columns count
// UTF-16 units, as unist positions do (🌲 is two).
// Findings come in page order: /jsx/, /notes/russian/, /quotes/.
const EXPECTED = [
  'src/pages/jsx.mdx:5:38 broken-internal-link Link to `/wald/` has no page in the output',
  'src/pages/jsx.mdx:7:10 broken-internal-link Link to `/dasos/` has no page in the output',
  'src/pages/jsx.mdx:7:45 broken-internal-link Link to `/dendro/` has no page in the output',
  'src/content/notes/russian.md:5:32 broken-internal-link Link to `/notes/nowhere/` has no page in the output',
  'src/content/notes/russian.md:7:14 broken-internal-link Link to `/notes/absent/` has no page in the output',
  'src/pages/quotes.md:8:12 broken-internal-link Link to `/menu/` has no page in the output',
  'src/pages/quotes.md:8:37 broken-internal-link Link to `/terrace/` has no page in the output',
];

const options = { failOn: 'never', rules: { 'orphan-page': 'off' } } as const;

describe('astro: Markdown and MDX positions after text beyond ASCII', () => {
  it.each([
    ['Satteri, the default processor', {}],
    ['the unified processor', { markdown: { processor: unified() } }],
  ])('%s', async (_, config) => {
    const built = await buildFixture('unicode', options, { ...config, integrations: [mdx()] });
    try {
      expect(built.report.findings.map(findingLine)).toEqual(EXPECTED);
    } finally {
      await built.cleanup();
    }
  });
});
