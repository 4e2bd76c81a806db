import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { attributeMatches, pickElement } from '../../src/astro/element-match.js';
import { graphFacts, placeOfPath, summariseBuild, type GraphFacts, type GraphSummary } from '../../src/astro/graph-summary.js';
import { collectPage } from '../../src/collect/collect-page.js';
import { check } from '../../src/engine/check.js';
import { resolveOptions } from '../../src/options.js';
import { urlOfFile } from '../../src/site/site-model.js';
import { page } from '../helpers/run-site.js';

/** Five pages link to `/guide/`, four with the same words; `/old/` has no inlink. */
const SITE: Record<string, string> = {
  'index.html': page('<nav><a href="/">Home</a></nav><main><a href="/guide/">the guide</a> <a href="/a/">A</a> <a href="/b/">B</a> <a href="/c/">C</a> <a href="/d/">D</a></main>'),
  'guide/index.html': page('<main><h1>Installing</h1><p>Hello.</p></main>'),
  'a/index.html': page('<main><a href="/guide/">The  Guide</a></main>'),
  'b/index.html': page('<main><a href="/guide/">the guide</a> <a href="/guide/#install">the guide</a></main>'),
  'c/index.html': page('<main><a href="/guide/">the guide</a></main>'),
  'd/index.html': page('<main><a href="/guide/">how to start</a></main>'),
  'old/index.html': page('<main><a href="/">Home</a></main>'),
  'start/index.html': '<!doctype html><html><head><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/guide/"></head><body><a href="/guide/">Redirecting to /guide/</a></body></html>',
};

async function summary(): Promise<GraphSummary> {
  // Only links on every page are template links here: the site is too small for the default share.
  const options = resolveOptions({ templateThreshold: 1, rules: { 'overused-anchor': ['warn', { minLinks: 3 }] } });
  const pages = Object.entries(SITE).map(([file, html]) => collectPage(fromHtml(html), { file, url: urlOfFile(file, '/', 'ignore') }));
  let facts: GraphFacts | undefined;
  const result = await check({ pages, files: Object.keys(SITE), options, onGraph: (graph) => (facts = graphFacts(graph)) });
  return summariseBuild(result, facts!, new Date('2026-01-02T03:04:05Z'));
}

describe('the build summary for the dev toolbar', () => {
  it('gives each page its inlinks, depth, score and anchor texts, with the overused one marked', async () => {
    const built = await summary();
    expect(built.builtAt).toBe('2026-01-02T03:04:05.000Z');
    const guide = built.pages['/guide/']!;
    expect(guide).toMatchObject({ inlinks: 6, contentInlinks: 6, templateInlinks: 0, depth: 1, entry: false, orphan: false, moreAnchors: 0 });
    // Each page counts once per text; case and spaces do not split a text; the redirect stub does not count.
    expect(guide.anchors).toEqual([{ text: 'the guide', pages: 4, overused: true }, { text: 'how to start', pages: 1 }]);
    expect(guide.findings.map((finding) => finding.ruleId)).toEqual(['overused-anchor']);
  });

  it('says which page is an orphan, and that the home page is an entry point', async () => {
    const built = await summary();
    expect(built.pages['/old/']).toMatchObject({ inlinks: 0, orphan: true, depth: null });
    expect(built.pages['/old/']!.findings.map((finding) => finding.ruleId)).toContain('orphan-page');
    expect(built.pages['/']).toMatchObject({ entry: true, orphan: false, depth: 0 });
    // A redirect page is outside the page set: never an orphan.
    expect(built.pages['/start/']).toMatchObject({ orphan: false, exclusion: 'redirect' });
  });

  it.each([
    ['/guide/', 'built'],
    ['/guide', 'built'],
    ['/guide/index.html', 'built'],
    ['/gu%69de/', 'built'],
    ['/new/', 'not-built'],
  ])('finds the place of %s: %s', async (pathname, state) => {
    const place = placeOfPath(await summary(), pathname);
    expect(place.state).toBe(state);
    if (place.state === 'built') expect(place.place.url).toBe('/guide/');
  });

  it('says there is none without a build', () => {
    expect(placeOfPath(undefined, '/guide/')).toEqual({ state: 'none' });
  });
});

describe('finding a finding\'s element on the page', () => {
  const key = { tag: 'img', attribute: 'srcset', value: '/b.png', occurrence: 1 };
  it.each([
    ['/b.png', { ...key, attribute: 'src' }, true],
    [' /b.png ', { ...key, attribute: 'src' }, true],
    ['/a.png 1x, /b.png 2x', key, true],
    ['/a.png 1x,/b.png 2x', key, true],
    ['/a.png 1x, /bb.png 2x', key, false],
    [null, key, false],
  ])('%j holds %j: %s', (value, wanted, holds) => {
    expect(attributeMatches(value, wanted)).toBe(holds);
  });

  it('picks the occurrence-th match, or the last when the page has fewer', () => {
    expect(pickElement(['/a.png 1x', '/b.png 2x', null, '/b.png'], key)).toBe(3);
    expect(pickElement(['/b.png'], key)).toBe(0);
    expect(pickElement(['/a.png'], key)).toBe(-1);
  });
});
