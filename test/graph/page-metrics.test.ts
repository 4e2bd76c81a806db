import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { doc, islandSite, multilingualSite, navigationHeavySite } from '../fixtures/graph-sites.js';
import { runSite } from '../helpers/run-site.js';

describe('per-page graph metrics', () => {
  it('gives depth, score, indexable and exclusion of every page, in the JSON report too', async () => {
    const result = await runSite(navigationHeavySite());
    const pages = JSON.parse(formatJson(result)).pages as { url: string; depth: number | null; score: number | null; indexable: boolean; exclusion?: string }[];
    const byUrl = Object.fromEntries(pages.map((page) => [page.url, page]));
    expect(byUrl['/']).toMatchObject({ depth: 0, indexable: true });
    expect(byUrl['/blog/launch/']).toMatchObject({ depth: 2, indexable: true });
    expect(byUrl['/thanks/']).toMatchObject({ depth: null, score: 0, indexable: true });
    expect(byUrl['/404']).toEqual(expect.objectContaining({ depth: null, score: null, indexable: false, exclusion: 'error-page' }));
    // Pages in every header score highest; the orphan lowest.
    const scores = pages.filter((page) => page.score !== null).map((page) => page.score!);
    expect(Math.max(...scores)).toBe(100);
    expect(byUrl['/docs/']!.score).toBeGreaterThan(byUrl['/blog/launch/']!.score!);
  });

  it('marks noindex, redirect and canonicalised pages', async () => {
    const result = await runSite({
      'index.html': doc('Home', '<a href="/n/">n</a><a href="/c/">c</a>'),
      'n/index.html': doc('N', '', '<meta name="robots" content="noindex">'),
      'r/index.html': doc('R', '', '<meta http-equiv="refresh" content="0;url=/">'),
      'c/index.html': doc('C', '', '<link rel="canonical" href="/">'),
    });
    expect(result.pages.map((page) => [page.url, page.indexable, page.exclusion ?? null])).toEqual([
      ['/c/', false, 'canonicalised'],
      ['/', true, null],
      ['/n/', false, 'noindex'],
      ['/r/', false, 'redirect'],
    ]);
  });

  it('puts hreflang alternates at the depth of the page that names them', async () => {
    const result = await runSite(multilingualSite());
    const depth = Object.fromEntries(result.pages.map((page) => [page.url, page.depth]));
    expect(depth).toEqual({ '/': 0, '/about/': 1, '/de/': 0, '/de/produkte/': 1, '/de/ueber-uns/': 1, '/en/old/': null, '/de/alt/': null });
  });

  it('leaves island pages without depth', async () => {
    const result = await runSite(islandSite());
    expect(result.pages.filter((page) => page.depth === null).map((page) => page.url)).toEqual(['/island/one/', '/island/two/']);
  });
});
