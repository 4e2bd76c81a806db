import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown, MARKDOWN_MAX_ROWS } from '../../src/report/markdown.js';
import type { Finding, Result } from '../../src/types.js';
import { reportResult } from '../helpers/report-fixture.js';

function findings(count: number, ruleId: string): Finding[] {
  return Array.from({ length: count }, (_, index) => ({ ruleId, severity: 'warn', message: `Finding ${index} of \`${ruleId}\``, page: `/p${index}/`, file: `p${index}/index.html`, position: { known: false } }));
}

describe('markdown report', () => {
  it('folds a rule with more than 10 findings into <details>, and keeps short ones open', async () => {
    const base = await reportResult();
    const result: Result = { ...base, findings: [...findings(11, 'generic-anchor'), ...findings(2, 'empty-anchor')] };
    const output = formatMarkdown(result, {});
    expect(output).toContain('<details>\n<summary><code>generic-anchor</code> (11 warnings)</summary>\n\n| | where | message |');
    expect(output).toContain('### `empty-anchor` (2 warnings)');
  });

  it(`stops after ${MARKDOWN_MAX_ROWS} rows and says how many more there are`, async () => {
    const base = await reportResult();
    const output = formatMarkdown({ ...base, findings: findings(MARKDOWN_MAX_ROWS + 7, 'orphan-page') }, {});
    expect(output.match(/^\| 🟡 /gm)).toHaveLength(MARKDOWN_MAX_ROWS);
    expect(output).toContain('… and 7 more: see the full report');
  });

  it('lists baseline entries that no longer occur (also in JSON)', async () => {
    const base = await reportResult();
    const stale = [{ ruleId: 'broken-internal-link', page: '/', target: '/a|b/', text: '<b>old</b>', count: 2, message: 'm' }];
    const result: Result = { ...base, baseline: { matched: 3, stale } };
    expect(formatMarkdown(result, {})).toContain('<summary>1 baseline entry no longer occurs: run <code>linkgraph baseline</code> to shrink the file</summary>\n\n| rule | page | target | anchor text |\n| --- | --- | --- | --- |\n| `broken-internal-link` | `/` | `/a\\|b/` | &lt;b&gt;old&lt;/b&gt; |');
    expect(JSON.parse(formatJson(result, {}))).toMatchObject({ baseline: { matched: 3, stale } });
    expect(JSON.parse(formatJson(base, {}))).not.toHaveProperty('baseline');
  });
});
