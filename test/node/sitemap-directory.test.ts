import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDirectory } from '../../src/node/check-directory.js';
import { sitemapSite } from '../fixtures/graph-sites.js';

describe('checkDirectory with sitemaps', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'linkgraph-sitemap-'));
    for (const [file, text] of Object.entries(sitemapSite())) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the sitemap files of the output and reports the missing page', async () => {
    const result = await checkDirectory(dir, { site: 'https://example.com' });
    const findings = result.findings.filter((finding) => finding.ruleId === 'sitemap-mismatch' && finding.severity === 'warn');
    expect(findings.map((finding) => finding.page)).toEqual(['/gone/', '/private/', '/old/', '/copy/']);
    expect(findings[0]).toMatchObject({ file: 'sitemap-0.xml', position: { known: true, start: { line: 5, column: 6 } } });
  });
});
