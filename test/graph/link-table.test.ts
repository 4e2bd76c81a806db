import { describe, expect, it } from 'vitest';
import { buildGraph, type Graph } from '../../src/graph/build-graph.js';
import { createSiteModel } from '../../src/site/site-model.js';
import type { LinkRecord, PageRecord } from '../../src/types.js';
import { UNKNOWN_POSITION } from '../../src/types.js';

function record(href: string, extra: Partial<LinkRecord> = {}): LinkRecord {
  return { source: 'a[href]', href, text: href, rel: [], region: 'content', position: UNKNOWN_POSITION, ...extra };
}

function page(url: string, links: LinkRecord[]): PageRecord {
  const file = url === '/' ? 'index.html' : `${url.slice(1)}index.html`;
  return { file, url, noindex: false, ids: [], headings: [], links };
}

/** A home page with one link of each trait, two plain pages, and the files they name. */
function site(): { pages: PageRecord[]; graph: Graph } {
  const pages = [
    page('/', [
      record('/a/'),
      record('/a/#x', { region: 'template' }),
      record('/img.png', { source: 'img[src]' }),
      record('/missing/', { rel: ['nofollow'] }),
      record('', { rel: ['noopener'] }),
      record('javascript:void(0)'),
      record('https://example.com/'),
      record('/r/', { attributes: { role: 'button' } }),
      record('#'),
      record('/a/', { ignore: ['overused-anchor'] }),
      record('/a/', { text: '', attributes: { missingHref: '' } }),
      record('/r/', { ignore: true }),
    ]),
    page('/a/', [record('/')]),
    page('/r/', []),
  ];
  const model = createSiteModel({ files: [...pages.map((entry) => entry.file), 'img.png'], pageFiles: pages.map((entry) => entry.file), base: '/' });
  return { pages, graph: buildGraph(pages, model) };
}

describe('LinkTable', () => {
  it('numbers links page by page, and maps ids to pages and indexes both ways', () => {
    const { pages, graph } = site();
    const { links } = graph;
    expect(links.size).toBe(13);
    expect(pages.map((_, pageId) => [links.start(pageId), links.end(pageId)])).toEqual([
      [0, 12],
      [12, 13],
      [13, 13],
    ]);
    pages.forEach((entry, pageId) => {
      entry.links.forEach((link, index) => {
        const id = links.at(pageId, index);
        expect(links.page(id)).toBe(pageId);
        expect(links.index(id)).toBe(index);
        expect(links.record(id)).toBe(link);
      });
    });
  });

  it('answers for each link what its record and resolution say', () => {
    const { graph } = site();
    const { links } = graph;
    for (let link = 0; link < links.size; link++) {
      const record = links.record(link);
      const { target, lookup } = links.resolved(link);
      const label = `${links.page(link)} ${JSON.stringify(record.href)}`;
      expect(links.kind(link), label).toBe(target.kind);
      expect(links.found(link), label).toBe(lookup.found);
      expect(links.targetPage(link), label).toBe(lookup.found === 'page' ? lookup.pageId : -1);
      expect(links.text(link), label).toBe(record.text);
      expect(links.isNavigation(link), label).toBe(record.source === 'a[href]' || record.source === 'area[href]');
      expect(links.isOutsideLandmarks(link), label).toBe(record.region === 'content');
      expect(links.isFollowed(link), label).toBe(!record.rel.includes('nofollow'));
      expect(links.hasRel(link), label).toBe(record.rel.length > 0);
      expect(links.hasAttributes(link), label).toBe(record.attributes !== undefined);
      expect(links.hasFragment(link), label).toBe(target.kind === 'internal' && target.fragment !== undefined);
      expect(links.hasEmptyHref(link), label).toBe(record.href === '');
    }
  });

  it('spells out kinds, lookups and traits of known links', () => {
    const { links } = site().graph;
    expect([0, 2, 3, 5, 6].map((link) => [links.kind(link), links.found(link)])).toEqual([
      ['internal', 'page'],
      ['internal', 'asset'],
      ['internal', 'none'],
      ['javascript', 'none'],
      ['external', 'none'],
    ]);
    expect(links.targetPage(0)).toBe(1);
    expect(links.targetPage(12)).toBe(0);
    expect(links.targetPage(3)).toBe(-1);
    expect(links.isFollowed(3)).toBe(false);
    expect(links.isFollowed(4)).toBe(true);
    // A bare `#` names no fragment: its target is the page itself.
    expect([links.hasFragment(1), links.hasFragment(8), links.hasFragment(0)]).toEqual([true, false, false]);
    expect(links.isOutsideLandmarks(1)).toBe(false);
    expect(links.hasEmptyHref(4)).toBe(true);
    expect(links.isNavigation(2)).toBe(false);
  });

  it('tells an <a href> from an <a> without href, which is kept as one with `missingHref`', () => {
    const { links } = site().graph;
    expect(links.isNavigation(10)).toBe(true);
    expect(links.isAnchor(10)).toBe(false);
    expect(links.isAnchor(7)).toBe(true);
    expect(links.isAnchor(0)).toBe(true);
    expect(links.isAnchor(2)).toBe(false);
  });

  it('says which rules `data-linkgraph-ignore` names on a link', () => {
    const { links } = site().graph;
    expect(links.ignores(9, 'overused-anchor')).toBe(true);
    expect(links.ignores(9, 'anchor-collision')).toBe(false);
    expect(links.ignores(11, 'anchor-collision')).toBe(true);
    expect(links.ignores(0, 'overused-anchor')).toBe(false);
  });

  it('gives links with one anchor text one text id', () => {
    const { links } = site().graph;
    expect(links.textId(0)).toBe(links.textId(9));
    expect(links.textId(0)).not.toBe(links.textId(1));
    expect(links.texts[links.textId(6)]).toBe('https://example.com/');
    expect(links.text(10)).toBe('');
  });

  it('places a link repeated on most pages in the template, and its landmark region otherwise', () => {
    // Six pages, each with the same content link home and a link of its own.
    const urls = ['/', '/a/', '/b/', '/c/', '/d/', '/e/'];
    const pages = urls.map((url, at) => page(url, [record('/', { text: 'Home' }), record(urls[(at + 1) % urls.length]!, { text: `next ${at}` }), record('/a/', { region: 'template' })]));
    const model = createSiteModel({ files: pages.map((entry) => entry.file), pageFiles: pages.map((entry) => entry.file), base: '/' });
    const { links } = buildGraph(pages, model);
    expect([links.region(links.at(1, 0)), links.region(links.at(1, 1)), links.region(links.at(1, 2))]).toEqual(['template', 'content', 'template']);
  });

  it('visits the wanted links page by page, in document order, with their page and index', () => {
    const { links } = site().graph;
    const wanted: number[] = [];
    const visited: [number, number, number][] = [];
    links.each(
      (link, pageId) => {
        expect(links.page(link)).toBe(pageId);
        wanted.push(link);
        return links.targetPage(link) !== -1;
      },
      (link, pageId, index) => visited.push([link, pageId, index]),
    );
    expect(wanted).toEqual(Array.from({ length: 13 }, (_, link) => link));
    expect(visited).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [4, 0, 4],
      [7, 0, 7],
      [8, 0, 8],
      [9, 0, 9],
      [10, 0, 10],
      [11, 0, 11],
      [12, 1, 0],
    ]);
  });
});
