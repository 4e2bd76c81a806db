import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { collectPage } from '../../src/collect/collect-page.js';

const links = (body: string) => collectPage(fromHtml(`<!doctype html><html><body>${body}</body></html>`), { file: 'index.html', url: '/' }).links;

describe('collect: what the anchor rules read', () => {
  it('names an <area> by its alt, after aria-label', () => {
    expect(links('<map><area href="/a/" alt="Area A"><area href="/b/" alt="B" aria-label="Label B"><area href="/c/" title="C"></map>').map((link) => link.text)).toEqual([
      'Area A',
      'Label B',
      'C',
    ]);
  });

  it('names an <svg> by aria-label, else its <title>', () => {
    expect(links('<a href="/a/"><svg aria-label="A"><title>ignored</title></svg></a><a href="/b/"><svg><title>B icon</title></svg></a>').map((link) => link.text)).toEqual(['A', 'B icon']);
  });

  it('breaks words at a <br> or a block inside the anchor, not between inline elements', () => {
    expect(links('<a href="/a/">Previous<br>page</a><a href="/b/"><div>Next</div><div>chapter</div></a><a href="/c/"><b>Read</b>me</a>').map((link) => link.text)).toEqual([
      'Previous page',
      'Next chapter',
      'Readme',
    ]);
  });

  it('keeps no <link> without rel: no browser or crawler fetches it', () => {
    const head = '<link rev="made" href="doc@example.org"><link rel="stylesheet" href="/s.css">';
    expect(collectPage(fromHtml(`<!doctype html><html><head>${head}</head><body></body></html>`), { file: 'index.html', url: '/' }).links.map((link) => link.href)).toEqual(['/s.css']);
  });

  it('falls back to title when aria-label is empty', () => {
    expect(links('<a href="/a/" aria-label="" title="T"></a>').map((link) => link.text)).toEqual(['T']);
  });

  it('records role and aria-current, and id/name on <a> without href', () => {
    const [button, current, target] = links('<a role="button">B</a><a aria-current="page">Here</a><a id="x" name="y">X</a>');
    expect(button?.attributes).toEqual({ missingHref: 'true', role: 'button' });
    expect(current?.attributes).toEqual({ missingHref: 'true', ariaCurrent: 'page' });
    expect(target?.attributes).toEqual({ missingHref: 'true', id: 'x', name: 'y' });
  });
});
