import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
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
            expect(graph.links.resolved(graph.links.at(pageId, index)), `${page.url} ${JSON.stringify(href)}`).toEqual({ target, lookup });
          });
        });
      });
    }
  }
});
