import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDirectory } from '../../src/node/check-directory.js';
import { prescanEncoding, prescanUtf8Text, sniffEncoding } from '../../src/node/sniff-encoding.js';
import { line, page } from '../helpers/run-site.js';
import { tempSite } from '../helpers/temp-site.js';

/** Bytes from parts: strings as UTF-8 (ASCII, in the legacy pages), arrays as they are. */
const bytes = (...parts: (string | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part)] : part)));
/** UTF-16 of `text`, after its byte order mark. */
const utf16 = (text: string, order: 'le' | 'be'): Uint8Array => {
  const le = Buffer.from(text, 'utf16le');
  return Uint8Array.from(order === 'le' ? [0xff, 0xfe, ...le] : [0xfe, 0xff, ...le.swap16()]);
};
/** 日 and 本 in Shift_JIS. */
const NICHI = [0x93, 0xfa];
const HON = [0x96, 0x7b];
/** Lower-case Cyrillic in windows-1251 (а-я are 0xE0-0xFF). */
const cp1251 = (text: string): number[] => [...text].map((char) => char.codePointAt(0)! - 0x430 + 0xe0);
const NFD = 'cafe\u0301';
const NFC = 'caf\u00e9';

describe('prescanEncoding', () => {
  it.each([
    ['<meta charset="shift_jis">', 'shift_jis'],
    ['<META CHARSET=SJIS>', 'shift_jis'],
    ['<meta charset = " x-sjis " >', 'shift_jis'],
    ['<meta/charset=euc-jp>', 'euc-jp'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', 'windows-1251'],
    ['<meta content="text/html;charset=\'koi8-r\'" http-equiv=content-type>', 'koi8-r'],
    ['<meta charset=utf-16le>', 'utf-8'],
    ['<meta charset=x-user-defined>', 'windows-1252'],
    ['<meta charset=latin1>', 'windows-1252'],
    ['<!-- <meta charset=shift_jis> --><meta charset=gbk>', 'gbk'],
    ['<!--><meta charset=gbk>', 'gbk'],
    ['<a title="<meta charset=shift_jis>"><meta charset=big5>', 'big5'],
    ['</p data-x="<meta charset=shift_jis>"><meta charset=big5>', 'big5'],
    ['<meta charset=bogus content="charset=koi8-r" http-equiv=content-type><meta charset=gbk>', 'gbk'],
    ['<meta charset="iso-2022-kr"><meta charset=gbk>', 'gbk'],
    ['<?xml version="1.0" encoding="Shift_JIS"?><html>', 'shift_jis'],
    ['<\0?\0x\0m\0l\0', 'utf-16le'],
  ])('%j declares %s', (head, encoding) => {
    expect(prescanEncoding(Buffer.from(head, 'latin1'))).toBe(encoding);
  });

  it.each([
    ['<p>no declaration'],
    ['<meta content="text/html; charset=windows-1251">'],
    ['<meta name="x" content="charset=koi8-r">'],
    ['<meta charset=shift_jis'],
    ['<meta charset=sjis/>'],
    ['<!-- <meta charset=shift_jis>'],
    ['<p title="<meta charset=shift_jis>'],
    ['<html><?xml version="1.0" encoding="Shift_JIS"?>'],
  ])('%j declares nothing', (head) => {
    expect(prescanEncoding(Buffer.from(head, 'latin1'))).toBeUndefined();
  });

  it.each([
    ['é'.repeat(503) + '<meta charset=gbk>', 'gbk'],
    ['é'.repeat(504) + '<meta charset=gbk>', undefined],
    ['日'.repeat(335) + '<meta charset=gbk>', 'gbk'],
    ['日'.repeat(336) + '<meta charset=gbk>', undefined],
    ['😀'.repeat(251) + '<meta charset=gbk>', 'gbk'],
    ['😀'.repeat(252) + '<meta charset=gbk>', undefined],
    ['<p title="' + 'é'.repeat(600) + '"><meta charset=gbk>', undefined],
    ['<meta content="é; charset=gbk" http-equiv=content-type>', 'gbk'],
    ['<meta charset="\u212Aoi8-r"><meta charset=big5>', 'big5'],
    ['<meta name="é" charset=gbk>', 'gbk'],
    ['<?xml version="1.0" encoding="euc-jp"?>', 'euc-jp'],
    ['<p>日本 with no declaration', undefined],
  ])('finds in a UTF-8 text what it finds in its first 1024 bytes (%#)', (text, encoding) => {
    expect(prescanEncoding(Buffer.from(text).subarray(0, 1024))).toBe(encoding);
    expect(prescanUtf8Text(text)).toBe(encoding);
  });

  it('reads only what it is given, and a byte order mark comes before any declaration', () => {
    const late = Buffer.from(`${' '.repeat(1020)}<meta charset=gbk>`);
    expect(sniffEncoding(late)).toEqual({ encoding: 'utf-8', source: 'default' });
    expect(prescanEncoding(late)).toBe('gbk');
    expect(sniffEncoding(bytes([0xef, 0xbb, 0xbf], '<meta charset=gbk>'))).toEqual({ encoding: 'utf-8', source: 'bom' });
    expect(sniffEncoding(utf16('<meta charset=gbk>', 'be'))).toEqual({ encoding: 'utf-16be', source: 'bom' });
    expect(sniffEncoding(bytes('<meta charset=gbk>'))).toEqual({ encoding: 'gbk', source: 'declared' });
  });
});

describe('checkDirectory on pages in other encodings and file names in other Unicode forms', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('decodes each page as a browser would and opens each file by its name on disk', async () => {
    // Cheap checks that the fixtures hold what they should.
    expect(new TextDecoder('shift_jis').decode(Uint8Array.from([...NICHI, ...HON]))).toBe('日本');
    expect(new TextDecoder('windows-1251').decode(Uint8Array.from(cp1251('страница')))).toBe('страница');
    expect(NFD.normalize('NFC')).toBe(NFC);
    const home = [
      '/le.html', '/be.html', '/sjis/', '/cyr.html', '/stray.html', '/über/', '/страница/',
      `/${NFC}.html`, `/${NFD}.html`, `/${encodeURIComponent(NFC)}.html#top`, `/${encodeURIComponent(NFD)}.html`,
    ].map((href) => `<a href="${href}">x</a>`);
    const dir = await tempSite({
      'index.html': page(home.join('')),
      // UTF-16 with a byte order mark: each has a broken link to find.
      'le.html': utf16('<title>LE</title><a href="/">home</a><a href="/missing-le/">x</a>', 'le'),
      'be.html': utf16('<title>BE</title><a href="/">home</a><a href="/missing-be/">x</a>', 'be'),
      // Shift_JIS by its <meta>, linking a page named in Japanese (a UTF-8 name on disk): no broken link, no orphan.
      'sjis/index.html': bytes('<meta charset="shift_jis"><title>', NICHI, '</title><a href="', NICHI, HON, '.html">', NICHI, HON, '</a><a href="/">home</a>'),
      'sjis/日本.html': page('<a href="/sjis/">back</a>'),
      // windows-1251 by a <meta http-equiv>: one link found, one broken, each read as Cyrillic.
      'cyr.html': bytes(
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>',
        cp1251('страница'),
        '</title><a href="/',
        cp1251('страница'),
        '/">x</a><a href="/',
        cp1251('нет'),
        '/">x</a>',
      ),
      'страница/index.html': page('<a href="/">home</a>'),
      // UTF-8 with one stray byte: the rest is still UTF-8.
      'stray.html': bytes('<title>Stray ', [0xff], '</title><a href="/über/">über</a><a href="/страница/">c</a><a href="/nö/">x</a>'),
      'über/index.html': page('<a href="/">home</a>'),
      // A name stored decomposed, as macOS writes it: read, and linked in both forms.
      [`${NFD}.html`]: page('<h1 id="top">Café</h1><a href="/">home</a><a href="/missing-nfd/">x</a>'),
    });
    dirs.push(dir);
    const result = await checkDirectory(dir, { rules: { 'single-inlink': 'off', 'dead-end-page': 'off' } });
    expect(result.warnings).toEqual(['`stray.html` is not valid UTF-8; bytes that are not were read as U+FFFD']);
    expect(result.summary.pages).toBe(10);
    expect(result.findings.filter((finding) => finding.severity !== 'info').map(line)).toEqual([
      'be.html:1:38 broken-internal-link Link to `/missing-be/` has no page in the output',
      `${NFC}.html:1:109 broken-internal-link Link to \`/missing-nfd/\` has no page in the output`,
      'cyr.html:1:124 broken-internal-link Link to `/нет/` has no page in the output',
      'le.html:1:38 broken-internal-link Link to `/missing-le/` has no page in the output',
      'stray.html:1:74 broken-internal-link Link to `/nö/` has no page in the output',
    ]);
    const title = (file: string): string | undefined => result.pages.find((metrics) => metrics.file === file)?.title;
    expect(['le.html', 'be.html', 'sjis/index.html', 'cyr.html', 'stray.html'].map(title)).toEqual(['LE', 'BE', '日', 'страница', 'Stray \uFFFD']);
    // Every page has its inlinks: the Japanese and the decomposed names were matched.
    expect(result.pages.filter((metrics) => metrics.url !== '/' && metrics.inlinks === 0).map((metrics) => metrics.url)).toEqual([]);
  });

  it('reads one of two files whose names differ only in their Unicode form', async () => {
    const dir = await tempSite({ 'index.html': page(`<a href="/${NFC}.html">x</a>`), [`${NFD}.html`]: page('<a href="/nfd/">x</a>'), [`${NFC}.html`]: page('<a href="/">x</a>') });
    dirs.push(dir);
    const result = await checkDirectory(dir);
    expect(result.warnings).toEqual([`Skipped \`${NFD}.html\` (NFD): its name differs from \`${NFC}.html\` (NFC) only in Unicode form, which links do not tell apart`]);
    expect(result.summary.pages).toBe(2);
    expect(result.findings.filter((finding) => finding.ruleId === 'broken-internal-link')).toEqual([]);
  });
});
