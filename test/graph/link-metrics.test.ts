import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { isOrphan, linkMetrics } from '../../src/graph/link-metrics.js';
import { suggestLinkers } from '../../src/suggest/link-suggestions.js';
import { createSiteModel } from '../../src/site/site-model.js';
import type { LinkRecord, PageRecord, Region } from '../../src/types.js';
import { UNKNOWN_POSITION } from '../../src/types.js';

const link = (href: string, region: Region = 'content'): LinkRecord => ({ source: 'a[href]', href, text: href, rel: [], region, position: UNKNOWN_POSITION });
const page = (file: string, url: string, links: LinkRecord[], refresh?: string): PageRecord => ({ file, url, noindex: false, ids: [], headings: [], links, ...(refresh === undefined ? {} : { refresh }) });

describe('link metrics: linkers', () => {
  it('counts the pages that link to a page up to a cap, content links alone when asked, never a redirect stub', () => {
    const pages = [
      page('a/index.html', '/a/', [link('/b/'), link('/', 'template')]),
      page('b/index.html', '/b/', [link('/a/', 'template')]),
      page('c/index.html', '/c/', []),
      page('index.html', '/', [link('/a/', 'template'), link('/b/'), link('/b/')]),
      page('old/index.html', '/old/', [link('/c/')], '0; url=/c/'),
    ];
    const site = createSiteModel({ files: pages.map((item) => item.file), pageFiles: pages.map((item) => item.file) });
    const graph = buildGraph(pages, site);
    const metrics = linkMetrics(graph);
    const id = (url: string): number => graph.pageId(url)!;
    // `/b/` has two linkers (`/a/` and `/`, which links it twice), both from content.
    expect(metrics.linkers(id('/b/'))).toEqual([id('/a/'), id('/')]);
    expect([1, 2, 3].map((cap) => metrics.countLinkers(id('/b/'), cap))).toEqual([1, 2, 2]);
    expect(metrics.countLinkers(id('/b/'), 5, true)).toBe(2);
    // `/a/` is linked only from template regions.
    expect(metrics.countLinkers(id('/a/'), 5)).toBe(2);
    expect(metrics.countLinkers(id('/a/'), 5, true)).toBe(0);
    expect(metrics.contentLinkers(id('/a/'))).toEqual([]);
    // `/c/` is linked only from a redirect stub: no linker, an orphan.
    expect(metrics.countLinkers(id('/c/'), 5)).toBe(0);
    expect(metrics.linkers(id('/c/'))).toEqual([]);
    expect(isOrphan(graph, id('/c/'))).toBe(true);
    expect(isOrphan(graph, id('/a/'))).toBe(false);
  });
});

describe('link suggestions on one graph', () => {
  it('gives each target the same suggestions whatever was asked before', () => {
    const text = (words: string) => `${words}. More about ${words} here.`;
    const pages: PageRecord[] = [
      { ...page('index.html', '/', [link('/soil/'), link('/water/'), link('/beds/')]), text: 'Home of the garden.' },
      { ...page('soil/index.html', '/soil/', []), title: 'Soil', text: text('healthy soil and compost heaps') },
      { ...page('water/index.html', '/water/', []), title: 'Water', text: text('watering schedules and rain barrels') },
      { ...page('beds/index.html', '/beds/', []), title: 'Beds', text: text('raised beds with compost and rain barrels') },
      { ...page('compost/index.html', '/compost/', []), title: 'Compost heaps', text: text('compost heaps') },
      { ...page('rain/index.html', '/rain/', []), title: 'Rain barrels', text: text('rain barrels') },
    ];
    const site = createSiteModel({ files: pages.map((item) => item.file), pageFiles: pages.map((item) => item.file) });
    const graph = buildGraph(pages, site);
    const compost = graph.pageId('/compost/')!;
    const rain = graph.pageId('/rain/')!;
    const first = suggestLinkers(graph, compost);
    expect(first.map((item) => item.url)).toContain('/soil/');
    expect(suggestLinkers(graph, rain).map((item) => item.url)).toContain('/water/');
    expect(suggestLinkers(graph, compost)).toEqual(first);
  });
});
