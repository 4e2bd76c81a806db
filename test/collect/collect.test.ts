import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { collectPage } from '../../src/collect/collect-page.js';

const collect = (html: string, contentSelector?: string) =>
  collectPage(fromHtml(html), contentSelector === undefined ? { file: 'index.html', url: '/' } : { file: 'index.html', url: '/', contentSelector });

/** Links as `source href text region line:col`. */
const links = (html: string, contentSelector?: string) =>
  collect(html, contentSelector).links.map((link) => {
    const at = link.position.known ? `${link.position.start.line}:${link.position.start.column}` : '-';
    return `${link.source} ${link.href} "${link.text}" ${link.region} ${at}`;
  });

describe('collectPage', () => {
  it('reads every link-bearing attribute with its position', () => {
    const html = [
      '<a href="/a/">A</a><area href="/b/" alt="B">',
      '<link rel="stylesheet" href="/s.css"><img src="/i.png" alt="I">',
      '<picture><source srcset="/p1.webp 1x, /p2.webp 2x"></picture>',
      '<script src="/app.js"></script><iframe src="/frame/"></iframe>',
      '<video src="/v.mp4" poster="/poster.jpg"><track src="/t.vtt"></video><audio src="/a.mp3"></audio>',
      '<object data="/o.pdf"></object><embed src="/e.swf">',
    ].join('\n');
    expect(links(html)).toEqual([
      'a[href] /a/ "A" content 1:1',
      'area[href] /b/ "B" content 1:20',
      'link[href] /s.css "" content 2:1',
      'img[src] /i.png "" content 2:38',
      'source[srcset] /p1.webp "" content 3:10',
      'source[srcset] /p2.webp "" content 3:10',
      'script[src] /app.js "" content 4:1',
      'iframe[src] /frame/ "" content 4:32',
      'video[src] /v.mp4 "" content 5:1',
      'video[poster] /poster.jpg "" content 5:1',
      'track[src] /t.vtt "" content 5:42',
      'audio[src] /a.mp3 "" content 5:70',
      'object[data] /o.pdf "" content 6:1',
      'embed[src] /e.swf "" content 6:32',
    ]);
  });

  it('splits srcset with width and density descriptors, and commas inside URLs', () => {
    const html = '<img src="/a.png" srcset="/a-480.png 480w, /a-800.png 800w, /b,c.png 2x">';
    expect(links(html).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'img[src] /a.png',
      'img[srcset] /a-480.png',
      'img[srcset] /a-800.png',
      'img[srcset] /b,c.png',
    ]);
  });

  it('decodes entities, reads uppercase tags and unquoted attributes', () => {
    expect(links('<A HREF=/x/?a=1&amp;b=2>X &amp; Y</A><IMG SRC=/i.png ALT=pic>')).toEqual([
      'a[href] /x/?a=1&b=2 "X & Y" content 1:1',
      'img[src] /i.png "" content 1:38',
    ]);
  });

  it('gives anchor text from text, else img alt, else aria-label, else title', () => {
    const html = '<a href="/1">  one\n two </a><a href="/2"><img src="/i.png" alt="two"></a><a href="/3" aria-label="three"></a><a href="/4" title="four"></a><a href="/5"></a>';
    expect(collect(html).links.filter((link) => link.source === 'a[href]').map((link) => link.text)).toEqual(['one two', 'two', 'three', 'four', '']);
  });

  it('marks nav, header, footer, aside and landmark roles as template, nested regions included', () => {
    const html = `<header><a href="/h">h</a></header>
<nav><ul><li><a href="/n">n</a></li></ul></nav>
<main><article><header><a href="/ah">article header</a></header><p><a href="/c">c</a></p>
<aside><a href="/as">aside in article</a></aside><footer><a href="/af">article footer</a></footer></article></main>
<div role="navigation"><a href="/r">r</a></div>
<footer><div><a href="/f">f</a></div></footer>`;
    expect(collect(html).links.map((link) => `${link.href} ${link.region}`)).toEqual([
      '/h template',
      '/n template',
      '/ah content',
      '/c content',
      '/as template',
      '/af content',
      '/r template',
      '/f template',
    ]);
  });

  it('lets a content selector decide regions', () => {
    const html = '<nav><a href="/n">n</a></nav><div class="prose"><a href="/c">c</a></div><a href="/o">o</a>';
    expect(collect(html, '.prose').links.map((link) => `${link.href} ${link.region}`)).toEqual(['/n template', '/c content', '/o template']);
  });

  it('collects page facts: title, lang, canonical, noindex, refresh, base, ids, headings', () => {
    const page = collect(`<html lang="de"><head><title> Über  uns </title><base href="/docs/">
<link rel="canonical" href="https://example.com/ueber/"><meta name="robots" content="noindex, follow">
<meta http-equiv="refresh" content="0; url='/neu/'"></head>
<body><h1 id="top-heading">Über</h1><a name="legacy"></a><h2>Team</h2><p id="p">text</p></body></html>`);
    expect(page).toMatchObject({
      title: 'Über uns',
      lang: 'de',
      canonical: 'https://example.com/ueber/',
      noindex: true,
      refresh: '/neu/',
      baseHref: '/docs/',
      ids: ['top-heading', 'legacy', 'p'],
      headings: ['Über', 'Team'],
    });
    expect(page.links.map((link) => `${link.source} ${link.href}`)).toEqual(['link[href] https://example.com/ueber/', 'meta[refresh] /neu/']);
  });

  it('reads data-linkgraph-ignore on links, ancestors and the page', () => {
    const page = collect(`<html data-linkgraph-ignore="orphan-page"><body><div data-linkgraph-ignore><a href="/a">a</a></div>
<a href="/b" data-linkgraph-ignore="broken-fragment, broken-internal-link">b</a><a href="/c">c</a></body></html>`);
    expect(page.optOut).toEqual(['orphan-page']);
        // The page-level list also covers every link inside the page.
    expect(page.links.map((link) => link.ignore)).toEqual([true, ['broken-fragment', 'broken-internal-link'], ['orphan-page']]);
    expect(collect('<meta name="linkgraph-ignore" content="">').optOut).toEqual(['all']);
  });

  it('records an <a> without href so that non-crawlable links can be found', () => {
    expect(collect('<a onclick="go()">go</a><a>').links.map((link) => [link.href, link.attributes?.['missingHref']])).toEqual([['', 'true']]);
  });

  it('keeps content text for suggestions, without scripts and template regions', () => {
    const page = collect('<nav>Menu</nav><main><p>Hello <b>world</b>.</p><script>var x</script><p>Bye</p></main>');
    expect(page.text).toBe('Hello world.\nBye');
  });

  it('keeps the document title out of the page text (it is the title), and puts each block on a line of its own', () => {
    const page = collect('<html><head><title>Compost guide | Site</title></head><body><main>Intro<p>First</p>Between<div>Second<ul><li>Item<ul><li>Sub</li></ul></li></ul></div></main></body></html>');
    expect(page.title).toBe('Compost guide | Site');
    expect(page.text).toBe('Intro\nFirst\nBetween\nSecond\nItem\nSub');
  });

  it('keeps its own copy of the positions of a tree, which a later step of a pipeline may change', () => {
    const tree = fromHtml('<p><img src="/a.png" srcset="/a.png 1x, /b.png 2x"></p>');
    const page = collectPage(tree, { file: 'index.html', url: '/' });
    const body = (tree.children[0] as Element).children[1] as Element;
    const img = (body.children[0] as Element).children[0] as Element;
    (img.position!.start as { line: number }).line = 99;
    expect(page.links.map((link) => (link.position.known ? link.position.start.line : 0))).toEqual([1, 1, 1]);
  });

  it('reads a tree built by a pipeline: no positions, properties already typed, adjacent text, comments and raw nodes', () => {
    const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children });
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'doctype' },
        element('html', { lang: 'de' }, [
          element('body', {}, [
            element('h2', { id: 'x' }, [{ type: 'text', value: 'Part ' }, { type: 'text', value: 'one' }]),
            element('a', { href: '/a', rel: ['NoFollow'], download: true, ariaLabelledBy: ['l1', 'l2'], tabIndex: 0 }, [{ type: 'text', value: 'A' }]),
            element('a', {}, [{ type: 'comment', value: 'placeholder' }]),
            element('a', { name: 'empty' }, []),
            element('a', { href: '/svg' }, [element('svg', {}, [element('title', {}, [{ type: 'text', value: ' Icon  name ' }])]), element('img', { alt: 'Img' })]),
            element('p', {}, [{ type: 'text', value: 'x'.repeat(5) }, { type: 'text', value: 'y'.repeat(5) }]),
          ]),
        ]),
      ],
    };
    const page = collectPage(tree, { file: 'index.html', url: '/' });
    expect(page.lang).toBe('de');
    expect(page.headings).toEqual(['Part one']);
    expect(page.ids).toEqual(['x', 'empty']);
    expect(page.links).toEqual([
      { source: 'a[href]', href: '/a', text: 'A', rel: ['nofollow'], region: 'content', position: { known: false }, attributes: { download: 'true', ariaLabelledBy: 'l1 l2' } },
      { source: 'a[href]', href: '', text: '', rel: [], region: 'content', position: { known: false }, attributes: { missingHref: 'true' } },
      { source: 'a[href]', href: '/svg', text: 'Icon name Img', rel: [], region: 'content', position: { known: false } },
    ]);
    expect(page.text).toBe('Part one\nA\nxxxxxyyyyy');
  });
});
