import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.js';
import { collectHtml } from '../../src/collect/collect-html.js';
import { collectFast } from '../../src/collect/token-driver.js';
import type { Element, ElementContent, Root } from 'hast';
import { collectPage } from '../../src/collect/collect-page.js';
import { MAX_TREE_DEPTH, parseTree } from '../../src/collect/parse-tree.js';
import type { PageRecord } from '../../src/types.js';
import { seededRandom } from '../helpers/seeded-random.js';
import { listSites, unpack } from '../../corpus/lib.js';

const options = (maxText?: number) => ({ file: 'a/b.html', url: '/a/b', ...(maxText === undefined ? {} : { maxText }) });

/** The reference: hast-util-from-html (parse5) and the hast driver of the collector. */
function reference(html: string, maxText?: number): PageRecord {
  return collectPage(fromHtml(html), options(maxText));
}

/** htmlparser2's events when the page allows, else the reference. */
function fast(html: string, maxText?: number): PageRecord {
  return collectHtml(html, options(maxText));
}

const fastOnly = (html: string): PageRecord | undefined => collectFast(html, options());

const shell = (body: string, head = ''): string => `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>T &amp; t</title>${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

/** Pages the fast path must take, each testing something the collector reads. */
const wellFormed: Record<string, string> = {
  landmarks: shell('<header><nav><a href="/">Home</a></nav></header>\n<main><article><h1 id="top">T</h1><p>See <a href="../x/#y">the <b>x</b> page</a>.</p></article><aside><a href="/side">s</a></aside></main>\n<footer><a href="/legal">Legal</a></footer>'),
  roles: shell('<div role="navigation"><a href="/n">n</a></div><section><header><a href="/h">in section</a></header><footer><a href="/f">f</a></footer></section><div role="Banner"><a href="/b">b</a></div>'),
  ignore: shell('<div data-linkgraph-ignore="broken-fragment orphan-page"><a href="/x#nope">x</a><div data-linkgraph-ignore><a href="/y">y</a></div></div>'),
  entities: shell('<a href="/q?a=1&amp;b=2&notit;c&copy=3" title="&#x80;&#0;">&copy 2026 &notin; &#128512; &lt;tag&gt;</a><p>caf&eacute; &AMP; &nbsp;x</p>'),
  srcset: shell('<picture><source srcset="/a.webp 1x, /a@2x.webp 2x" type="image/webp"><img src="/a.png" srcset="/a.png 480w,\n /a-big.png 960w" alt="A"></picture><img srcset="data:image/png;base64,AAA 1x, /z.png 2x">'),
  head: shell('<p>x</p>', '\n<base href="/docs/">\n<link rel="canonical" href="https://example.com/a/b">\n<meta http-equiv="refresh" content="0; url=\'/next/\'">\n<meta name="robots" content="noindex, follow">\n<meta name="linkgraph-ignore" content="orphan-page">\n<link rel="preconnect" href="https://cdn.example.com">\n<script src="/app.js"></script>\n<style>a > b { color: red }</style>'),
  anchorText: shell('<a href="/1"><img src="/i.png" alt="Logo"></a><a href="/2" aria-label="Close"></a><a href="/3" title="Tip"> </a><a href="/4"><svg aria-label="Icon" viewBox="0 0 1 1"><path d="M0 0"/><g><circle r="1"/></g></svg></a><a name="anchor">named</a><a>no href</a>'),
  attributes: shell('<a href="/f.pdf" download target="_blank" hreflang="de" rel="nofollow UGC" aria-hidden="true" aria-labelledby="l">f</a><A HREF=/upper CLASS=x>Upper</A><a href=/unquoted/ >u</a><a href="/dup" href="/second">dup</a>'),
  positions: shell('<p>😀 emoji then <a href="/e">link</a>\t<a href="/t">tab</a></p>\n<p>\n    <a\n      href="/multi"\n    >multi-line</a></p><img src="/v.png" alt="v"/>'),
  text: shell('<h2>One <code>two</code></h2><p>a<!-- c -->b</p><pre>\nkeep <a href="/p">pre</a>\n</pre><ul><li>one</li><li>two</li></ul><table><tbody><tr><td><a href="/cell">cell</a></td></tr></tbody></table><script>if (a < b) document.write("</div>")</script><p>end</p>'),
  preNewline: shell('<b>glued</b><pre>\nto the pre</pre>'),
  noscript: shell('<noscript><img src="/pixel.gif" alt="p"><a href="/ns">no</a></noscript><p>after</p><a href="/alt"><noscript><img src="/n.png" alt="alt in noscript"></noscript></a>', '\n<noscript><link rel="stylesheet" href="/ns.css"><meta name="x" content="y"><style>b{}</style></noscript>'),
  template: shell('<template id="tpl"><a href="/in-template">t</a><p>t</p></template><iframe src="/frame.html"></iframe><video src="/v.mp4" poster="/v.jpg"><track src="/t.vtt"></video><audio src="/a.mp3"></audio><embed src="/e.swf"><area href="/area" alt="area">'),
  noHeadTags: '<title>Bare</title>\n<p id="p">Bare <a href="/bare">page</a></p>\n',
  blockText: shell('<main>Intro<p>First</p>Between<div>Second<ul><li>Item<ul><li>Sub</li></ul></li></ul></div></main>'),
  fragment: '<a href="#x">x</a> <span id="x">here</span>',
  whitespace: '\n\n  <!doctype html>\n  <html>\n  <head>\n  <title> Spaced </title>\n  </head>\n  <body>\n  <p>a</p>\n  </body>\n  </html>\n\n',
  unclosedAtEnd: '<!doctype html><html><head><title>t</title></head><body><p>open body and html</p>',
  // What only the events path had to learn: a comment is content, names are not selectors.
  commentInAnchor: shell('<a><!-- c --></a><a id="k"> </a><a name="n"></a><a href="/e"></a><a href="/c"><!-- only --></a>'),
  attributeNames: shell(
    '<a href="/n" rel=" Nofollow\tnoopener  " aria-labelledby=" l1   l2 " download="Download" hreflang="de" arialabel="A" aria-label="B" data-linkgraph-src="src/a.md:3:1" data-linkgraph-ignore="  ">n</a>' +
      '<a href="/m" download="file.pdf" aria-hidden="" aria-current="PAGE" role="Link" target="">m</a><img src="/i.png" srcset="">',
    '\n<meta httpequiv="refresh" content="5;URL=\'/r/\'">\n<meta http-equiv=" Refresh " content="0; url=/second/">\n<link rel="CANONICAL alternate" href=" /c/ ">\n<base href=" /b/ ">',
  ),
  nestedCaptures: shell('<h2><a href="/in-heading">In <em>heading</em></a> after</h2><a href="/card"><h3>Card <img src="/x.png" alt="X"></h3><p>body</p></a><a href="/alts"><img alt="one"><span><img alt=""><img alt="two"></span></a>'),
  anchorAroundSkipped: shell('<a href="/script"><script>var x = 1;</script></a><a href="/style"><style>b{}</style>styled</a><a href="/tpl"><template><img alt="hidden"></template></a><a href="/ns"><noscript><img alt="ns"></noscript></a><a href="/svg"><svg aria-label="Icon"><path d="M0"/></svg> </a><a href="/svg2"><svg viewBox="0 0 1 1"><g><path/></g></svg></a>'),
  pageFacts: shell('<title>Second title</title><h1 id="a" name="x">One</h1><a name="" id="">empty</a><div data-linkgraph-ignore="orphan-page, all"><a href="/all">all</a></div>', '\n<meta name="ROBOTS" content="nofollow,NONE">\n<meta name="linkgraph-ignore" content=" , ">').replace('<html lang="en">', '<html lang="en" data-linkgraph-ignore="broken-link">'),
  sectioning: shell('<article><header><a href="/ah">ah</a></header><div role="contentinfo"><a href="/ci">ci</a></div></article><header><section><footer><a href="/hsf">hsf</a></footer></section></header><main><nav><footer><a href="/nf">nf</a></footer></nav></main><footer><a href="/f">f</a></footer>'),
  bogusComment: shell('<p>a<!x>b <a href="/b"><!y></a></p>'),
  // Character references: decoded in text, `title` and attribute values (attribute rules for legacy
  // names without `;`), kept as written in raw text.
  references: shell(
    '<p>&amp;amp; &#x1F600; &#128512 &unknown; & alone &#; &lt;&gt &notin &AElig</p><pre>&#10;after a newline reference</pre>' +
      '<a href=/q?a=1&amp;b=2&lt=3 title="&quot;q&quot;">unquoted &amp; more</a><a href="/x?&copy;&copy=1&copyx">&copy;&copy=1&copyx</a>' +
      '<iframe src="/f.html">raw &amp; kept</iframe><script>var s = "&amp;";</script>',
    '\n<title>A &amp;amp; B &#38; C</title><style>a::after { content: "&amp;" }</style>',
  ),
  blocks: shell('<div>a</div><div>b<br>c</div><nav><p>x</p><div>y</div></nav><span>d</span><figure><figcaption>e</figcaption></figure><dl><dt>f</dt><dd>g</dd></dl>'),
};

/**
 * Pages the tree builder repairs in ways the fast path mirrors, as built
 * pages need (each seen on a site of the real-site corpus): it must take them,
 * and give the reference record.
 */
const mirrored: Record<string, string> = {
  // Sphinx, DocBook: end tags left out; what closes them ends there, positions and all.
  unclosedItems: shell('<ul><li>one <a href="/1">1</a><li><p>two<li><div>three</div><a href="/3">3</a></ul><dl><dt>t<dd>d <a href="/d">d</a><dt>u</dl><ol><li>a<ul><li>nested</ul><li>b</ol>'),
  unclosedParagraphs: shell('<p>one <a href="/p">p</a><p>two<div>block</div><p>three<ul><li>x</li></ul><p><span>in span<h2>heading</h2><p>last'),
  endTagsClosingItems: shell('<div><ul><li><p>a <a href="/a">a</a></ul></div><div><p>x<span>y</div><section><p>s</section><h2>two <span>x</h3><h1><h2>nested</h2></h1>'),
  strayParagraphEnd: shell('<div>before</p><a href="/after">after</a></div><dd>in dd</p></dd>'),
  // RDoc: no `</head>`; redirect stubs: no `<body>`, `</html>` in the head.
  headLeftOpen: '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="UTF-8">\n<title>t</title>\n<link href="./a.css" rel="stylesheet">\n\n<body id="top">\n<a href="/x">x</a>\n</body>\n</html>\n',
  redirectStub: '<!doctype html><title>Redirecting</title><meta http-equiv="refresh" content="0; URL=/to/"><link rel="canonical" href="/to/"></html>',
  headEndedByContent: '<!doctype html><html><head><title>t</title><div id="d"><a href="/h">h</a></div></html>',
  // Astro: head content after `</head>`, which the tree builder moves back into it.
  headContentAfterHead: '<!doctype html><html><head><meta charset="utf-8"></head><title>Late title</title><meta name="robots" content="noindex"><body><a href="/b">b</a></body></html>',
  // Tables without `tbody`, `</td>`, `</tr>`.
  tables: shell('<table><tr><td><a href="/c1">c1</a><td>c2<tr><th>h<td><p>p <a href="/c3">c3</a></table><table><thead><tr><td>x</thead><tbody><tr><td><b>bold <a href="/c4">c4</a></tbody></table><p>after'),
  nestedTables: shell('<table><tr><td><table><tr><td><a href="/inner">inner</a></table><a href="/outer">outer</a></td></tr></table>'),
  // Starlight, Docusaurus, MkDocs: search forms, buttons, selects, dialogs, icons in templates.
  forms: shell('<p>text <form action="/s"><input name="q" id="q"><button type="submit">Go <a href="/b">b</a></button></form><label>Theme <select id="t"><option value="a">A<option value="b" selected>B<optgroup label="g"><option>c</optgroup></select></label><dialog id="d"><a href="/dlg">dlg</a></dialog>'),
  templateIcons: shell('<template id="icons"><svg aria-hidden="true" viewBox="0 0 24 24"><path d="M5 12a1 1 0 0 0 1 1"/></svg><a href="/t">t</a></template><a href="/after">after</a>'),
  // DocBook XHTML: an XML declaration before the doctype.
  xmlDeclaration: '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>FAQ</title><meta name="generator" content="DocBook XSL" /></head><body><p><a href="ch1.html">One</a></p></body></html>',
  // Pages that end with elements open, none of which makes a link.
  leftOpen: shell('<div><ul><li><a href="/x">x</a> text').replace(/\n<\/body>\n<\/html>\n$/, ''),
};

/** Pages the tree builder repairs: any path must still give the reference record. */
const repaired: Record<string, string> = {
  // Closed by another element's tag, a link element ends where its last child ends in the reference tree.
  linkClosedByOtherTag: shell('<div><video src="/v.mp4">fallback </span></div><table><tr><td><a href="/cell">cell</x-y><td>next</table>'),
  unclosedP: shell('<p>one<p>two <a href="/a">a</a><div>block</div>'),
  blockInP: shell('<p>text <div><a href="/d">d</a></div> tail</p>'),
  nestedA: shell('<a href="/outer">outer <a href="/inner">inner</a> tail</a>'),
  misnested: shell('<p><b>bold <i>both</b> italic</i> <a href="/m">m</a></p>'),
  implicitTbody: shell('<table><tr><td><a href="/t">t</a></td></tr></table>'),
  cellInTable: shell('<table><td><a href="/c">c</a></td></table>'),
  fosterParented: shell('<table><a href="/foster">foster</a><tr><td>x</td></tr></table>'),
  li: shell('<ul><li>one<li>two <a href="/li">li</a></ul>'),
  headings: shell('<h2>Two <h3>Three</h3></h2><a href="/h">h</a>'),
  strayEnds: shell('</p><a href="/s">s</a></br></span>'),
  image: shell('<image src="/img.png" alt="i"><a href="/after-image">x</a>'),
  iframeText: shell('<iframe src="/f.html">fallback <a href="/nope">text</a></iframe>'),
  crlf: shell('<p>\r\n<a href="/crlf">crlf</a>\r\n</p>').replaceAll('\n', '\r\n'),
  svgTitle: shell('<a href="/svg"><svg><title>Svg title</title><image href="/x.png"/></svg></a>'),
  svgBreakout: shell('<svg><p><a href="/out">out</a></p></svg>'),
  math: shell('<math><mi>x</mi></math><a href="/m">m</a>'),
  select: shell('<select><option>a<option>b</select><a href="/s">s</a>'),
  form: shell('<form><form><a href="/f">f</a></form></form><button><button>b</button></button>'),
  bodyAfterContent: '<!doctype html><html><head><title>t</title></head><p>early</p><body data-linkgraph-ignore><a href="/late">late</a></body></html>',
  contentInHead: '<!doctype html><html><head><title>t</title><a href="/h">in head</a></head><body><p>x</p></body></html>',
  afterBody: shell('<p>x</p>').replace('</html>', '</html><a href="/after">after</a>'),
  headContentAfterHead: '<!doctype html><html><head><title>t</title></head>\n<link rel="stylesheet" href="/late.css">\n<body><p>x</p></body></html>',
  textarea: shell('<textarea>\n<a href="/ta">not a link</a></textarea>'),
  cdata: shell('<p><![CDATA[ <a href="/cd">x</a> ]]></p>'),
  comments: shell('<!--><a href="/c1">c1</a><!---><a href="/c2">c2</a><!-- a --!><a href="/c3">c3</a>'),
  processing: shell('<?xml version="1.0"?><a href="/pi">pi</a>'),
  scriptComment: shell('<script><!--<script></script><a href="/hidden">h</a>--></script><a href="/visible">v</a>'),
  noscriptComment: shell('<noscript><!-- </noscript> --><a href="/n">n</a></noscript>'),
  nestedTemplate: shell('<template><template><a href="/t">t</a></template></template><a href="/x">x</a>'),
  nul: shell('<p>a\u0000b <a href="/nul">n</a></p>'),
  proto: shell('<a href="/p" constructor="x" __proto__="y">p</a>'),
  textBeforeHtml: 'text first<!doctype html><html><body><a href="/t">t</a></body></html>',
  selectorLikeNames: shell('<a#top href="/hash">h</a></a#top><a.b href="/dot">d</a.b><p.x id="px">p</p>'),
  headNoscriptImage: shell('<p>x</p>', '\n<noscript><img src="/pixel.gif" alt="p"></noscript>'),
  headNoscriptText: shell('<p>x</p>', '\n<noscript>text <a href="/n">n</a></noscript>'),
  impliedHeadNoscript: '<title>t</title><noscript><img src="/px.gif"></noscript><p>x</p>',
  noscriptInParagraph: shell('<p>a<noscript><div><a href="/d">d</a></div></noscript>b</p>'),
  doctypeInBody: shell('<p>a<!doctype html>b <a href="/d">d</a></p>'),
};

/** Tags and text inserted into pages by the mutation test: what the tree builder repairs, and what it moves. */
const MUTATIONS = [
  '<p>', '</p>', '<li>', '</li>', '<ul>', '</ul>', '<td>', '</td>', '<tr>', '</tr>', '<table>', '</table>', '<tbody>', '<select>', '</select>',
  '<option>', '<div>', '</div>', '<form>', '</form>', '<button>', '</button>', '<h2>', '</h3>', '<head>', '</head>', '<body>', '</body>', '</html>',
  '<a href="/m">', '</a>', '<b>', '</b>', '<dd>', '<dt>', '<svg>', '</svg>', '<template>', '</template>', '<noscript>', '<title>', '<meta name="m">',
  '<input>', 'text', '\n', '<span>', '</span>', '<pre>', '<dialog>', '<x-y>', '</x-y>', '<!-- c -->', '<hr>', '</br>', '<video src="/v.mp4">', '</video>',
];

describe('collectHtml', () => {
  it('takes the fast path on well-formed pages', () => {
    for (const [name, html] of Object.entries(wellFormed)) expect(fastOnly(html), name).toBeDefined();
  });

  it('leaves a content selector to the tree', () => {
    const html = shell('<main><a href="/m">m</a></main><div><a href="/d">d</a></div>');
    expect(collectFast(html, { ...options(), contentSelector: 'main' })).toBeUndefined();
    const record = collectHtml(html, { ...options(), contentSelector: 'main' });
    expect(record).toEqual(collectPage(fromHtml(html), { ...options(), contentSelector: 'main' }));
    expect(record.links.map((link) => `${link.href} ${link.region}`)).toEqual(['/m content', '/d template']);
  });

  it.each(Object.entries({ ...wellFormed, ...mirrored, ...repaired }))('collects the same record as hast-util-from-html: %s', (_, html) => {
    expect(fast(html)).toEqual(reference(html));
  });

  it.each(Object.keys(mirrored))('mirrors the tree builder\'s repairs of %s, on the fast path', (name) => {
    expect(fastOnly(mirrored[name]!)).toEqual(reference(mirrored[name]!));
  });

  it('leaves what it does not mirror to the tree builder: a doctype in the body, markup in a noscript of the head', () => {
    for (const name of ['doctypeInBody', 'headNoscriptImage', 'headNoscriptText', 'impliedHeadNoscript']) expect(fastOnly(repaired[name]!), name).toBeUndefined();
  });

  it('reads attributes as hast does, by their hast names', () => {
    const record = fast(wellFormed['attributeNames']!);
    const links = record.links.filter((link) => link.source === 'a[href]');
    expect(links[0]).toMatchObject({
      href: '/n',
      text: 'n',
      rel: ['nofollow', 'noopener'],
      origin: { file: 'src/a.md', line: 3, column: 1 },
      ignore: true,
      attributes: { ariaLabelledBy: 'l1 l2', download: 'true', hrefLang: 'de' },
    });
    expect(links[1]!.attributes).toEqual({ download: 'file.pdf', ariaHidden: '', ariaCurrent: 'PAGE', role: 'Link', target: '' });
    expect(record.refresh).toBe('/r/');
    expect(record.links.filter((link) => link.source === 'meta[refresh]').map((link) => link.href)).toEqual(['/r/', '/second/']);
    expect(record.canonical).toBe('/c/');
    expect(record.baseHref).toBe('/b/');
  });

  it('gives anchor and heading text as the tree walk does', () => {
    const record = fast(wellFormed['nestedCaptures']!);
    expect(record.headings).toEqual(['In heading after', 'Card']);
    expect(record.links.map((link) => `${link.href} ${link.text}`)).toEqual(['/in-heading In heading', '/card Card body', '/x.png ', '/alts one two']);
    expect(fast(wellFormed['commentInAnchor']!).links.map((link) => `${link.href}|${link.text}|${JSON.stringify(link.attributes)}`)).toEqual([
      '||{"missingHref":"true"}',
      '||{"missingHref":"true","id":"k"}',
      '/e||undefined',
      '/c||undefined',
    ]);
  });

  it('reads names in any case, and pages of thousands of made-up element names, as the reference does', () => {
    const made = Array.from({ length: 3000 }, (_, index) => `<x-el${index} data-n${index}="v"><a href="/m${index}" ID="i${index}">m</a></x-EL${index}>`).join('');
    const html = shell(`${made}<DIV Id="up"><A HREF="/UP" TARGET="_top">Up</A></DIV><x-el7>again</X-El7>`);
    expect(fastOnly(html)).toBeDefined();
    const record = fast(html);
    expect(record).toEqual(reference(html));
    expect(record.ids).toContain('up');
    expect(record.links.at(-1)).toMatchObject({ href: '/UP', attributes: { target: '_top' } });
  });

  it('keeps the same text when the text limit cuts between text nodes', () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}<!-- ${index} --> &amp; more`).join(' ');
    const html = shell(`<p>${words}</p>`);
    expect(fastOnly(html)).toBeDefined();
    for (const maxText of [10, 37, 100, 250]) expect(fast(html, maxText)).toEqual(reference(html, maxText));
  });

  it('gives the reference record on pages with tags left out, added and cut off (seeded mutations)', () => {
    const random = seededRandom(25);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const pages = Object.values({ ...wellFormed, ...mirrored });
    let fastPath = 0;
    const cases = 600;
    for (let run = 0; run < cases; run++) {
      let html = pick(pages);
      for (let change = 1 + Math.floor(random() * 4); change > 0; change--) {
        const tags = [...html.matchAll(/<\/?[a-zA-Z][^>]*>/g)];
        if (tags.length === 0) break;
        const tag = pick(tags);
        const roll = random();
        if (roll < 0.3) html = html.slice(0, tag.index) + html.slice(tag.index + tag[0].length);
        else if (roll < 0.9) {
          const at = random() < 0.5 ? tag.index : tag.index + tag[0].length;
          html = html.slice(0, at) + pick(MUTATIONS) + html.slice(at);
        } else html = html.slice(0, Math.floor(random() * html.length));
      }
      if (fastOnly(html) !== undefined) fastPath++;
      expect(fast(html), html).toEqual(reference(html));
    }
    // Enough of them on the fast path for the comparison to test it.
    expect(fastPath).toBeGreaterThan(cases / 4);
  });

  describe('on a generated site', () => {
    let dir = '';
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('gives every page the reference record, on the fast path', async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-parse-'));
      await generateSite(dir, 150, 7);
      const { readdir } = await import('node:fs/promises');
      const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html'));
      expect(files.length).toBe(150);
      for (const file of files) {
        const html = await readFile(path.join(dir, file), 'utf8');
        expect(fastOnly(html), file).toBeDefined();
        expect(fast(html), file).toEqual(reference(html));
      }
    });
  });
});

describe('on the real-site corpus', () => {
  it('gives every page it takes the reference record, and takes nearly every page', async () => {
    const { readdir } = await import('node:fs/promises');
    let pages = 0;
    let fastPath = 0;
    for (const site of listSites()) {
      const dir = unpack(site);
      const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html'));
      for (const file of files) {
        const html = await readFile(path.join(dir, file), 'utf8');
        const record = collectFast(html, { file, url: `/${file}` });
        pages++;
        if (record === undefined) continue;
        fastPath++;
        expect(record, `${site.id}/${file}`).toEqual(collectPage(fromHtml(html), { file, url: `/${file}` }));
      }
    }
    // DocBook's `<a id="…"/>` (an `a` the tree builder reopens) is what is left to the tree builder.
    expect(fastPath / pages).toBeGreaterThan(0.95);
  }, 120_000);
});

/** Elements on the longest path from the root down, template contents included. */
function treeDepth(tree: Root): number {
  let deepest = 0;
  const pending: [node: Root | Element, depth: number][] = [[tree, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of node.children) if (child.type === 'element') pending.push([child, depth + 1]);
    if (node.type === 'element' && node.tagName === 'template' && 'content' in node) pending.push([node.content as Root, depth]);
  }
  return deepest;
}

describe('deeply nested markup', () => {
  const links = (record: PageRecord): string[] => record.links.map((link) => `${link.href} ${link.text}`);

  it.each<[string, string, string[]]>([
    ['5,000 unclosed <div>s', `${'<div>'.repeat(5000)}<a href="/deep/">deep</a>`, ['/deep/ deep']],
    ['40,000 unclosed <span><b><i>', `${'<span><b><i>'.repeat(40_000)}<a href="/deep/">deep</a>`, ['/deep/ deep']],
    ['5,000 well-formed <div>s', `${'<div>'.repeat(5000)}<a href="/deep/">deep</a>${'</div>'.repeat(5000)}`, ['/deep/ deep']],
    ['5,000 nested <template>s, whose content is never read', `${'<template>'.repeat(5000)}<a href="/inert/">i</a><a href="/after/">a</a>`, []],
    ['a link on each of 3,000 levels', `${'<div><a href="/x/">x</a>'.repeat(3000)}`, Array.from({ length: 3000 }, () => '/x/ x')],
  ])('collects the links inside %s, with the tree capped where a browser caps it', (_name, body, expected) => {
    const html = shell(body);
    // hast-util-from-html runs out of stack on such a tree (from about 2,000 levels), and so would any recursive walk.
    expect(treeDepth(parseTree(html))).toBeLessThanOrEqual(MAX_TREE_DEPTH);
    expect(links(collectHtml(html, options()))).toEqual(expected);
  });

  it('leaves pages deeper than the cap to the reference tree, and shallower ones as they were', () => {
    const nested = (depth: number) => shell(`${'<div>'.repeat(depth)}<a href="/d/">d</a>${'</div>'.repeat(depth)}`);
    expect(fastOnly(nested(MAX_TREE_DEPTH - 10))).toEqual(collectPage(fromHtml(nested(MAX_TREE_DEPTH - 10)), options()));
    expect(fastOnly(nested(MAX_TREE_DEPTH))).toBeUndefined();
    // Below the cap the reference tree is hast-util-from-html's, positions and all.
    for (const html of [nested(MAX_TREE_DEPTH - 10), ...Object.values(repaired)]) expect(parseTree(html)).toEqual(fromHtml(html));
  });

  it('walks a hast tree from elsewhere without recursion', () => {
    // As deep as no call stack reaches: a tree a unified pipeline could hand the rehype plugin.
    const leaf: Element = { type: 'element', tagName: 'a', properties: { href: '/bottom/' }, children: [{ type: 'text', value: 'bottom' }] };
    let node: ElementContent = leaf;
    for (let depth = 0; depth < 100_000; depth++) node = { type: 'element', tagName: 'div', properties: {}, children: [node] };
    expect(links(collectPage({ type: 'root', children: [node] }, options()))).toEqual(['/bottom/ bottom']);
  });
});

