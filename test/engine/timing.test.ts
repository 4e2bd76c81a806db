import { describe, expect, it } from 'vitest';
import type { Options } from '../../src/options.js';
import { runSite } from '../helpers/run-site.js';

const page = (title: string, body: string): string => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/menu-only/">Menu only</a></nav><main>${body}</main></body></html>`;

/** Home links two pages in its content; `/menu-only/` is linked from navigation alone; `/lost/` from nowhere. */
const withOrphans: Record<string, string> = {
  'index.html': page('Home', '<p>See <a href="/a/">the garden guide</a>.</p>'),
  'a/index.html': page('Garden guide', '<p>Raised beds and composting. The lost page on compost is not linked.</p>'),
  'menu-only/index.html': page('Menu only', '<p>Compost and beds.</p>'),
  'lost/index.html': page('Lost page on compost', '<p>Compost heaps.</p>'),
};
const withoutOrphans: Record<string, string> = {
  'index.html': page('Home', '<p><a href="/a/">Guide</a> <a href="/menu-only/">Menu</a></p>'),
  'a/index.html': page('Guide', '<p>Text.</p>'),
  'menu-only/index.html': page('Menu only', '<p>Text.</p>'),
};

async function steps(files: Record<string, string>, options: Options): Promise<{ names: string[]; rules: string[] }> {
  const names: string[] = [];
  const result = await runSite(files, options, { timing: (step) => names.push(step) });
  expect(result.warnings).toEqual([]);
  return { names, rules: result.findings.map((finding) => `${finding.ruleId} ${finding.page}`).filter((line) => line.includes('orphan')) };
}

describe('the steps a check times', () => {
  const found = ['orphan-page /lost/', 'content-orphan /menu-only/'];
  it.each<[string, Record<string, string>, Options, string[], number]>([
    ['orphans of both rules share one suggestion index', withOrphans, { rules: { 'content-orphan': 'warn' } }, found, 1],
    ['no page lacks links: no index is built', withoutOrphans, { rules: { 'content-orphan': 'warn' } }, [], 0],
    ['suggestions turned off: no index is built', withOrphans, { rules: { 'content-orphan': ['warn', { suggestions: 0 }], 'orphan-page': ['error', { suggestions: 0 }] } }, found, 0],
  ])('%s', async (_name, files, options, findings, indexes) => {
    const { names, rules } = await steps(files, options);
    expect(rules).toEqual(findings);
    expect(names.filter((name) => name === 'suggestion index')).toHaveLength(indexes);
    // Shared link metrics are a step of their own, before the rules, and every rule that ran is timed once.
    expect(names.filter((name) => name === 'link metrics')).toHaveLength(1);
    expect(names.indexOf('link metrics')).toBeLessThan(names.findIndex((name) => name.startsWith('rule ')));
    for (const rule of ['rule orphan-page', 'rule content-orphan', 'rule broken-internal-link']) expect(names.filter((name) => name === rule), rule).toHaveLength(1);
  });

});
