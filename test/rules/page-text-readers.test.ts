import { describe, expect, it } from 'vitest';
import { checkDirectory } from '../../src/node/check-directory.js';
import { resolveOptions, type Options } from '../../src/options.js';
import { readsPageText } from '../../src/rules/util/page-rules.js';
import { tempSite } from '../helpers/temp-site.js';

const html = (title: string, body: string): string => `<!doctype html><html lang="en"><head><title>${title}</title></head><body>${body}</body></html>`;

describe('readsPageText', () => {
  it('is true while orphan-page or content-orphan suggests linkers', () => {
    const reads = (rules: Options['rules']): boolean => readsPageText(resolveOptions({ rules }).rules);
    expect(reads({})).toBe(true);
    // content-orphan is off by default.
    expect(reads({ 'orphan-page': 'off' })).toBe(false);
    expect(reads({ 'orphan-page': 'off', 'content-orphan': 'warn' })).toBe(true);
    expect(reads({ 'content-orphan': 'off' })).toBe(true);
    expect(reads({ 'orphan-page': ['info', { suggestions: 1 }], 'content-orphan': 'off' })).toBe(true);
    expect(reads({ 'orphan-page': 'off', 'content-orphan': 'off' })).toBe(false);
    expect(reads({ 'orphan-page': ['warn', { suggestions: 0 }], 'content-orphan': 'off' })).toBe(false);
    expect(reads({ 'orphan-page': ['warn', { suggestions: 0 }], 'content-orphan': ['error', { suggestions: 0 }] })).toBe(false);
  });

  it('keeps page texts for a site check whose orphan rule quotes a mention, and the check goes on without them', async () => {
    const dir = await tempSite({
      'index.html': html('Home', '<main><a href="/guide/">Guide</a></main>'),
      'guide/index.html': html('Guide', '<main><p>The Old topic page explains it.</p><a href="/">Home</a></main>'),
      'guide/old-topic/index.html': html('Old topic', '<main><p>Old.</p><a href="/missing/">gone</a></main>'),
    });
    const messages = async (options: Options): Promise<string[]> => (await checkDirectory(dir, options)).findings.map((finding) => `${finding.ruleId}: ${finding.message}`).sort();
    // The mention is found in the text of `/guide/`: texts were kept.
    expect(await messages({ rules: { 'content-orphan': 'off' } })).toEqual([
      'broken-internal-link: Link to `/missing/` has no page in the output',
      'orphan-page: No other page links to `/guide/old-topic/`; `/guide/` mentions “Old topic” without a link',
    ]);
    // Without suggestions no text is read: the other findings are the same.
    expect(await messages({ rules: { 'orphan-page': ['warn', { suggestions: 0 }], 'content-orphan': 'off' } })).toEqual([
      'broken-internal-link: Link to `/missing/` has no page in the output',
      'orphan-page: No other page links to `/guide/old-topic/`',
    ]);
  });
});
