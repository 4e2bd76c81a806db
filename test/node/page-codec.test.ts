import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { collectHtml } from '../../src/collect/collect-html.js';
import { collectPage } from '../../src/collect/collect-page.js';
import { compactor } from '../../src/node/collect-pages.js';
import { createInterner } from '../../src/node/interner.js';
import { PACKED_FIELDS, packPages, unpackPages } from '../../src/node/page-codec.js';
import { readPage } from '../../src/node/read-site.js';
import { UNKNOWN_POSITION, type LinkRecord, type PageRecord } from '../../src/types.js';

/** Pack, send through a structured clone as a worker's message would, and unpack. */
function roundTrip(pages: PageRecord[], interner = createInterner()): PageRecord[] {
  const packed = structuredClone(packPages(pages));
  return unpackPages(packed, interner);
}

const link = (fields: Partial<LinkRecord>): LinkRecord => ({ source: 'a[href]', href: '/', text: '', rel: [], region: 'content', position: UNKNOWN_POSITION, ...fields });

/** Records with every optional field present and absent, and odd values. */
const odd: PageRecord[] = [
  {
    file: 'café/ü 😀.html',
    url: '/café/ü%20😀',
    noindex: true,
    ids: ['', 'a b', 'ünï', '😀'],
    headings: [''],
    links: [
      link({}),
      link({ source: 'meta[refresh]', href: '', text: '', region: 'template' }),
      link({ source: 'img[srcset]', href: 'x.png', text: 'Zoë "quoted" \\ \n\t\u0000', rel: ['nofollow', 'ugc'], position: { known: true, start: { line: 1, column: 1 } } }),
      link({ source: 'object[data]', href: '/o', position: { known: true, start: { line: 2 ** 40, column: 2 ** 31 + 5 }, end: { line: 3, column: 0 } }, ignore: true }),
      link({ source: 'area[href]', region: 'template', ignore: ['orphan-page', ''], origin: { file: 'src/pages/a:b.md', line: 12, column: 5 } }),
      link({ origin: { file: '', line: 0, column: 1e21, endLine: 4, endColumn: 9 }, attributes: { hrefLang: 'de', target: '', missingHref: 'true', id: 'ü' } }),
      link({ origin: { file: 'x.mdx', line: 1, column: 2, endColumn: 3 }, attributes: {} }),
    ],
    text: '',
    title: '',
    lang: 'zh-Hant',
    canonical: 'https://example.com/ü',
    refresh: '0; url=/x/',
    baseHref: '/docs/',
    optOut: [],
  },
  { file: 'a.html', url: '/a', noindex: false, ids: [], headings: [], links: [], optOut: ['all'] },
  { file: 'b.html', url: '/b', noindex: false, ids: ['x', 'x'], headings: [], links: [link({ position: { known: true, start: { line: 5, column: 7 }, end: { line: 5, column: 7 } } })], text: 'ünïcödé text' },
];

describe('page codec', () => {
  it('names every field of the records it carries', () => {
    // The satisfies clause keeps these complete at compile time; here, the records used below use no other field.
    for (const page of odd) {
      for (const key of Object.keys(page)) expect(PACKED_FIELDS.page).toHaveProperty([key]);
      for (const one of page.links) {
        for (const key of Object.keys(one)) expect(PACKED_FIELDS.link).toHaveProperty([key]);
        for (const key of Object.keys(one.origin ?? {})) expect(PACKED_FIELDS.origin).toHaveProperty([key]);
      }
    }
  });

  it('gives back equal records, optional fields absent rather than undefined', () => {
    const back = roundTrip(odd);
    expect(back).toStrictEqual(odd);
    expect(Object.keys(back[1]!)).toEqual(['file', 'url', 'noindex', 'ids', 'headings', 'links', 'optOut']);
    expect(Object.keys(back[0]!.links[0]!)).toEqual(['source', 'href', 'text', 'rel', 'region', 'position']);
    expect(back[0]!.links[0]!.position).toBe(UNKNOWN_POSITION);
  });

  it('gives back what collectPage gives on real pages, sharing strings and points across chunks', () => {
    const html = (n: number) =>
      [
        `<!doctype html><html lang="en"><head><title>Page ${n}</title><link rel="canonical" href="/p${n}/"><base href="/">`,
        '<meta name="robots" content="noindex"><meta name="linkgraph-ignore" content="orphan-page"></head><body>',
        '<nav><a href="/" aria-current="page">Home</a> <a href="/docs/" hreflang="en" target="_blank">Docs</a></nav>',
        `<main><h1 id="top">Title ${n}</h1><a href="/p${n + 1}/" data-linkgraph-src="src/p.md:3:1">next</a>`,
        '<div data-linkgraph-ignore="broken-fragment"><a href="#nope">x</a></div><div data-linkgraph-ignore><a href="/y">y</a></div>',
        '<a name="anchor">no href</a><img src="/i.png" srcset="/i-2.png 2x" alt="Ï"><p>Text ü</p></main></body></html>',
      ].join('\n');
    const pages = [1, 2, 3].map((n) => collectHtml(html(n), { file: `p${n}/index.html`, url: `/p${n}/` }));
    pages.push(collectPage(fromHtml(html(4)), { file: 'p4/index.html', url: '/p4/', contentSelector: 'main' }));
    const interner = createInterner();
    const first = roundTrip(pages.slice(0, 2), interner);
    const second = roundTrip(pages.slice(2), interner);
    expect([...first, ...second]).toStrictEqual(pages);
    // A template link's href and a point at the same place are one value across chunks.
    const home = (page: PageRecord) => page.links.find((one) => one.text === 'Home')!;
    expect(home(second[0]!).position.known && home(first[0]!).position.known).toBe(true);
    const [a, b] = [home(first[0]!).position, home(second[0]!).position];
    if (a.known && b.known) expect(a.start).toBe(b.start);
    // And so is the whole position: one object for every link at the same place.
    expect(a).toBe(b);
    // And the whole template link, attributes included (aria-current, hreflang, target).
    expect(home(second[0]!)).toBe(home(first[0]!));
    const docs = (page: PageRecord) => page.links.find((one) => one.text === 'Docs')!;
    expect(docs(second[0]!).attributes).toStrictEqual({ hrefLang: 'en', target: '_blank' });
    expect(docs(second[0]!)).toBe(docs(first[0]!));
    expect(first[0]!.links.some((one) => one.ignore === true)).toBe(true);
    expect(first[0]!.links.some((one) => one.origin?.file === 'src/p.md')).toBe(true);
  });

  it('shares equal template links only: same place, href, text, rel and source', () => {
    const at = (line: number, column: number) => ({ known: true as const, start: { line, column }, end: { line, column: column + 9 } });
    // Page n: a header link, a breadcrumb at the same place with its own href, a content link equal to page 0's.
    const pages: PageRecord[] = Array.from({ length: 20 }, (_, n) => ({
      file: `p${n}.html`,
      url: `/p${n}`,
      noindex: false,
      ids: [],
      headings: [],
      links: [
        link({ href: '/', text: 'Home', region: 'template', position: at(1, 1) }),
        link({ href: `/section-${n}/`, text: 'Section', region: 'template', position: at(2, 1) }),
        link({ href: '/same/', text: 'Same', region: 'content', position: at(3, 1) }),
        link({ href: '/', text: 'Home', region: 'template', position: at(1, 1), rel: n % 2 === 0 ? [] : ['nofollow'] }),
        // Attributes that differ, or an ignore list: not shared.
        link({ href: '/x/', text: 'X', region: 'template', position: at(4, 1), attributes: n % 2 === 0 ? { target: '_blank' } : { target: '_self' } }),
        link({ href: '/y/', text: 'Y', region: 'template', position: at(5, 1), ignore: ['orphan-page'] }),
        // Same start, but with and without an end, or with different ends: two shared links each.
        link({ href: '/e/', text: 'E', region: 'template', position: n % 2 === 0 ? at(6, 1) : { known: true, start: { line: 6, column: 1 } } }),
        link({ href: '/f/', text: 'F', region: 'template', position: { known: true, start: { line: 7, column: 1 }, end: { line: n % 2 === 0 ? 7 : 8, column: 4 } } }),
      ],
    }));
    const interner = createInterner();
    const back = [...roundTrip(pages.slice(0, 10), interner), ...roundTrip(pages.slice(10), interner)];
    expect(back).toStrictEqual(pages);
    expect(new Set(back.map((page) => page.links[0])).size).toBe(1);
    expect(new Set(back.map((page) => page.links[1])).size).toBe(20);
    expect(new Set(back.map((page) => page.links[2])).size).toBe(20);
    // Same place and text, different rel: two shared links, by rel.
    expect(new Set(back.map((page) => page.links[3])).size).toBe(2);
    expect(new Set(back.map((page) => page.links[4])).size).toBe(2);
    expect(new Set(back.map((page) => page.links[5])).size).toBe(20);
    expect(new Set(back.map((page) => page.links[6])).size).toBe(2);
    expect(new Set(back.map((page) => page.links[7])).size).toBe(2);
    // The same sharing for records made in this thread (compactor) as for unpacked ones.
    const compact = compactor();
    const here = structuredClone(pages);
    here.forEach(compact);
    expect(here).toStrictEqual(pages);
    expect(new Set(here.map((page) => page.links[0])).size).toBe(1);
    expect(new Set(here.map((page) => page.links[3])).size).toBe(2);
    expect(new Set(here.map((page) => page.links[6])).size).toBe(2);
    expect(new Set(here.map((page) => page.links[7])).size).toBe(2);
  });

  it('gives back each string as it was, however many strings the table holds', () => {
    const interner = createInterner();
    const words = Array.from({ length: 20_000 }, (_, index) => `/page-${index}/ ü ${'x'.repeat(index % 40)}`);
    const first = words.map((word) => interner.string(word));
    expect(first).toEqual(words);
    // Equal strings made anew (as a message delivers them) find their entries after the table grew.
    const again = words.map((word) => interner.string(` ${word}`.slice(1), true));
    expect(again).toEqual(words);
    expect(new Set(again).size).toBe(words.length);
    expect(interner.string('')).toBe('');
  });

  it('refuses a link source it does not know, rather than lose it', () => {
    const bad = [{ ...odd[1]!, links: [link({ source: 'form[action]' as LinkRecord['source'] })] }];
    expect(() => packPages(bad)).toThrow('unknown link source `form[action]`');
  });
});

describe('strings of a page with a character beyond Latin-1', () => {
  // V8 keeps such a page as a two-byte string, and every long substring of it too. The serialised
  // size tells the forms apart: one byte per character, or two.
  const oneByte = (value: string): boolean => v8.serialize(value).length < value.length * 1.5;
  const html = '<!doctype html><html lang="en"><head><title>A title long enough to be a slice</title></head><body><main><p>Text of the page, long enough.</p><a href="/a-long-enough-href/">A long enough anchor text</a></main><footer>It’s ours.</footer></body></html>';

  it('are shared, and kept as text, in one-byte form when they fit Latin-1', () => {
    expect(oneByte(html.slice(20, 60))).toBe(false);
    const here = collectHtml(html, { file: 'index.html', url: '/' });
    compactor(createInterner())(here);
    const [fromWorker] = roundTrip([collectHtml(html, { file: 'index.html', url: '/' })]);
    for (const page of [here, fromWorker!]) {
      expect(page.title).toBe('A title long enough to be a slice');
      expect(oneByte(page.title!)).toBe(true);
      expect(oneByte(page.links[0]!.href)).toBe(true);
      expect(oneByte(page.links[0]!.text)).toBe(true);
    }
  });

  /** The record of a page file holding `markup`, as the CLI reads it from disk. */
  const readFromDisk = (markup: string): PageRecord | undefined => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'linkgraph-narrow-'));
    try {
      writeFileSync(path.join(root, 'index.html'), markup);
      return readPage(root, 'index.html', '/', {}, []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };

  it.each([
    ['narrows the page text of such a page as it is read', html, 'Text of the page, long enough.\nA long enough anchor text'],
    [
      'keeps the page text of a page whose content holds typographic punctuation in one-byte form',
      html.replace('Text of the page', 'It’s the “text” — of the page'),
      'It\'s the "text" - of the page, long enough.\nA long enough anchor text',
    ],
  ])('%s', (_name, markup, text) => {
    const page = readFromDisk(markup);
    expect(page?.text).toBe(text);
    expect(oneByte(page!.text!)).toBe(true);
  });

  it('narrows every Latin-1 character exactly, C1 controls included, in strings short and long', () => {
    const latin1 = Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)).join('');
    for (const value of [latin1.slice(0x7e, 0x7e + 20), latin1, latin1.repeat(20)]) {
      const wide = `\u2019${value}`.slice(1);
      expect(oneByte(wide)).toBe(false);
      const shared = createInterner().string(wide);
      expect(shared).toBe(value);
      expect(oneByte(shared)).toBe(true);
    }
  });

  it('keeps a string with a character beyond Latin-1 as it is', () => {
    const page = collectHtml(html.replace('A long enough anchor text', 'A long enough anchor — text'), { file: 'index.html', url: '/' });
    compactor(createInterner())(page);
    expect(page.links[0]!.text).toBe('A long enough anchor — text');
  });
});
