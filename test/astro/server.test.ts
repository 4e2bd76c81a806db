import node from '@astrojs/node';
import { describe, expect, it } from 'vitest';
import { buildFixture, findingLine, outputFiles } from './build-fixture.js';

describe('astro: server output with prerendered pages', () => {
  it('checks the prerendered pages and leaves links to on-demand routes alone', async () => {
    const built = await buildFixture('server', {}, { output: 'server', adapter: node({ mode: 'standalone' }) });
    try {
      expect((await outputFiles(built.outDir)).filter((file) => file.endsWith('.html'))).toEqual(['client/index.html', 'client/static/index.html']);
      expect(built.report.findings.map(findingLine)).toEqual([
        'dist/client/index.html:1:219 broken-internal-link Link to `/missing/` has no page in the output',
        'dist/client/static/index.html:1:114 broken-internal-link Link to `/static-missing/` has no page in the output',
      ]);
      expect(built.report.summary.pages).toBe(2);
      expect(built.error).toBeDefined();
    } finally {
      await built.cleanup();
    }
  });
});
