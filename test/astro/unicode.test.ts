import { readFileSync } from 'node:fs';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { buildFixture, findingLine } from './build-fixture.js';

// Each link follows text beyond ASCII on its line (’, «», Cyrillic, CJK, Greek, an emoji): a UTF-8
// byte offset taken for a character offset would move it right, or onto a later line. Columns count
// UTF-16 units, as unist positions do (🌲 is two).
// Findings come in page order: /jsx/, /notes/russian/, /quotes/. Shared with test:astro-compat.
const EXPECTED = JSON.parse(readFileSync(new URL('../fixtures/astro/unicode/expected.json', import.meta.url), 'utf8')) as string[];

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
