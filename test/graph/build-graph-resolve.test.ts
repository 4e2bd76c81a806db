import { describe, expect, it } from 'vitest';
import { buildGraph, FOUND, KIND, LINK_ATTRIBUTES, LINK_CONTENT, LINK_EMPTY_HREF, LINK_FOLLOWED, LINK_FRAGMENT, LINK_IGNORE, LINK_NAVIGATION, LINK_REL, isFollowed } from '../../src/graph/build-graph.js';
import { resolveHref } from '../../src/resolve/resolve-href.js';
import { createSiteModel, urlOfFile } from '../../src/site/site-model.js';
import type { LinkRecord, PageRecord } from '../../src/types.js';
import { UNKNOWN_POSITION } from '../../src/types.js';

/** Hrefs that share, or must not share, one resolution across pages. */
const HREFS = [
  '/', '/a/', '/a/b.html', '/a/b.html#x', '/a/b/#x-y_z.1', '/a/b#', '/a/./b/', '/a/../b/', '/a//b/', '/a/b?q=1', '/a/b?q=1#f',
  '/caf%C3%A9/', '/café/', '/a%2Fb/', '/A/B/', '/a/b.', '/.../', '//evil.example/x', '/\\evil.example/', '/\t/evil.example/',
  'b.html', 'b/', './b/', '../b/', '../../b/', '../../../../../b/', '../', '..', '.', 'b.html#frag', '../b/#frag', '..//b',
  'https:b', 'http:/b', 'https://example.com/a/', 'https://www.example.com/a/#f', 'mailto:x@example.com', 'javascript:void(0)',
  '#', '#top', '#x', '#a.b-c_d~e', '#%41', '#é', '#x#y', '#x y', '?q', '', ' b', 'b c/', 'ä/', '%zz/', '/docs', '/docs/', '/docs/a/', 'docs/a/', '../docs/', '/docs/../x/',
  '../a/../b/', '../../a/b.html#x', '../caf%C3%A9/', '../b?q=1', '../../', '../.', '../..', '../b/./c/', '../../docs/a/b.html',
];

const FILES = ['index.html', 'a/index.html', 'a/b.html', 'a/b/index.html', 'b.html', 'docs/index.html', 'docs/a/index.html', 'docs/a/b.html', 'docs/b/c/index.html', 'x/y#z.html', 'q?x/index.html', 'sp ace/index.html', 'caf\u00e9/index.html', 'a/b.png'];

function link(href: string): LinkRecord {
  return { source: 'a[href]', href, text: href, rel: [], region: 'content', position: UNKNOWN_POSITION };
}

describe('buildGraph link resolution', () => {
  for (const base of ['/', '/docs/']) {
    for (const site of [undefined, 'https://example.com']) {
      it(`gives each link what resolveHref and lookup give (base ${base}, site ${site ?? 'none'})`, () => {
        const pageFiles = FILES.filter((file) => file.endsWith('.html')).sort();
        const pages: PageRecord[] = pageFiles.map((file, index) => {
          const page: PageRecord = { file, url: urlOfFile(file, base, 'ignore'), noindex: false, ids: [], headings: [], links: HREFS.map(link) };
          // One page with a `<base href>`, whose links must not share other pages' resolutions.
          if (index === 2) page.baseHref = '/a/b/';
          return page;
        });
        const model = createSiteModel({ files: FILES, pageFiles, base });
        const graph = buildGraph(pages, model, { site });
        pages.forEach((page, pageId) => {
          HREFS.forEach((href, index) => {
            const target = resolveHref(href, { pageUrl: page.url, baseHref: page.baseHref, site, base: model.base });
            const lookup = target.kind === 'internal' ? model.lookup(target.sitePath) : { found: 'none' };
            expect(graph.resolved[pageId]![index], `${page.url} ${JSON.stringify(href)}`).toEqual({ target, lookup });
          });
        });
      });
    }
  }

  it('fills the link table from each link and its resolution', () => {
    const files = ['index.html', 'a/index.html', 'r/index.html', 'img.png'];
    const record = (href: string, extra: Partial<LinkRecord> = {}): LinkRecord => ({ ...link(href), ...extra });
    const pages: PageRecord[] = [
      {
        file: 'index.html',
        url: '/',
        noindex: false,
        ids: [],
        headings: [],
        links: [
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
        ],
      },
      { file: 'a/index.html', url: '/a/', noindex: false, ids: [], headings: [], links: [record('/')] },
      { file: 'r/index.html', url: '/r/', noindex: false, ids: [], headings: [], links: [] },
    ];
    const model = createSiteModel({ files, pageFiles: pages.map((page) => page.file), base: '/' });
    const graph = buildGraph(pages, model);
    const { start, kind, found, page, bits } = graph.links;
    expect([...start]).toEqual([0, 10, 11, 11]);
    pages.forEach((record, pageId) => {
      record.links.forEach((link, index) => {
        const at = start[pageId]! + index;
        const { target, lookup } = graph.resolved[pageId]![index]!;
        expect(kind[at], link.href).toBe(KIND[target.kind]);
        expect(found[at], link.href).toBe(FOUND[lookup.found]);
        expect(page[at], link.href).toBe(lookup.found === 'page' ? lookup.pageId : -1);
        const expected =
          (link.source === 'a[href]' || link.source === 'area[href]' ? LINK_NAVIGATION : 0) |
          (link.region === 'content' ? LINK_CONTENT : 0) |
          (isFollowed(link.rel) ? LINK_FOLLOWED : 0) |
          (link.rel.length > 0 ? LINK_REL : 0) |
          (link.attributes ? LINK_ATTRIBUTES : 0) |
          (target.kind === 'internal' && target.fragment !== undefined ? LINK_FRAGMENT : 0) |
          (link.href === '' ? LINK_EMPTY_HREF : 0) |
          (link.ignore !== undefined ? LINK_IGNORE : 0);
        expect(bits[at], link.href).toBe(expected);
      });
    });
    // Spot checks, so that the expectations above cannot agree with a wrong table by construction.
    expect(kind[5]).toBe(KIND.javascript);
    expect(found[3]).toBe(FOUND.none);
    expect(found[2]).toBe(FOUND.asset);
    expect(page[0]).toBe(1);
    expect(bits[3]! & LINK_FOLLOWED).toBe(0);
    expect(bits[1]! & (LINK_CONTENT | LINK_FRAGMENT)).toBe(LINK_FRAGMENT);
    expect(bits[9]! & LINK_IGNORE).toBe(LINK_IGNORE);
    expect(bits[0]! & LINK_IGNORE).toBe(0);
  });
});
