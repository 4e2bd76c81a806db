import { describe, expect, it } from 'vitest';
import { formats, type FormatName } from '../../src/report/formats.js';
import { CLIENT_SCRIPT, D3_FORCE_SCRIPT, STYLE } from '../../src/report/html/assets.generated.js';
import { reportResult } from '../helpers/report-fixture.js';

/**
 * Every format against its golden file in test/fixtures/golden. After an
 * intended change, rewrite them with `npx vitest run test/report -u` and
 * review the diff.
 */
const GOLDEN: Record<Exclude<FormatName, 'html'>, string> = {
  text: 'report.txt',
  json: 'report.json',
  sarif: 'report.sarif',
  github: 'github-annotations.txt',
  markdown: 'report.md',
  junit: 'junit.xml',
};

describe('report formats against golden files', () => {
  it.each(Object.keys(GOLDEN) as (keyof typeof GOLDEN)[])('%s', async (name) => {
    const result = await reportResult();
    const output = formats[name](result, { siteDir: 'dist' });
    await expect(output).toMatchFileSnapshot(`../fixtures/golden/${GOLDEN[name]}`);
  });

  it('html (embedded script, style and library elided)', async () => {
    const output = formats.html(await reportResult(), { siteDir: 'dist' });
    for (const asset of [D3_FORCE_SCRIPT, CLIENT_SCRIPT, STYLE]) expect(output).toContain(asset);
    const page = output.replace(D3_FORCE_SCRIPT, '/* d3-force */').replace(CLIENT_SCRIPT, '/* client.js */\n').replace(STYLE, '/* style.css */\n');
    await expect(page).toMatchFileSnapshot('../fixtures/golden/report.html');
  });

  it('covers every registered format', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual(Object.keys(formats).filter((name) => name !== 'html').sort());
  });
});
