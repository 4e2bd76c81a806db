import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { serialize } from 'node:v8';
import { collectPage } from '../../src/collect/collect-page.js';
import { PageCollector } from '../../src/collect/page-collector.js';
import { plainPunctuation } from '../../src/collect/typography.js';

const collect = (html: string) => collectPage(fromHtml(html), { file: 'index.html', url: '/' });

describe('page text', () => {
  it('keeps typographic quotes, dashes and the ellipsis in the page text in their ASCII forms', () => {
    const page = collect('<main><p>It’s “static” — ‘quoted’ – 5′ 6″ − 1… done</p></main>');
    expect(page.text).toBe('It\'s "static" - \'quoted\' - 5\' 6" - 1... done');
  });

  it('collapses every run of whitespace (tabs, line breaks, no-break and other Unicode spaces) in texts to one space', () => {
    const page = collect('<main><h1>\n  Two\twords\u00a0and  more\n</h1><p>\n    One line,\n    another\u2028and\u3000a  b\r\nc <a href="/x/">\n  link\t text </a> end.\n  </p></main>');
    expect(page.headings).toEqual(['Two words and more']);
    expect(page.text).toBe('Two words and more\nOne line, another and a b c link text end.');
    expect(page.links[0]?.text).toBe('link text');
  });

  it('makes the same page text as collapsing, line-breaking and plain-punctuating the joined text would, cut to maxText', () => {
    // The definition the single pass replaces: regular expressions over the joined text, then the cut.
    const expected = (parts: string[], maxText: number): string => {
      // The collector stops gathering text nodes once it holds maxText characters as written.
      const kept: string[] = [];
      let held = 0;
      for (const part of parts) {
        if (held >= maxText) break;
        kept.push(part);
        held += part.length;
      }
      const spaced = kept.join('').replace(/[^\S\f]{2,}|[^\S\f ]/g, ' ');
      return plainPunctuation(spaced.replace(/ ?\f[ \f]*/g, '\n').trim()).slice(0, maxText).trimEnd();
    };
    const alphabet = ['a', 'b', 'é', 'Ω', '東', ' ', '  ', '\n', '\t', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '’', '“', '—', '…', '-', '.'];
    let seed = 7;
    const random = (below: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % below);
    const collector = (parts: string[], maxText: number): string | undefined => {
      const page = new PageCollector<undefined>({ file: 'index.html', url: '/', maxText }, () => undefined, false);
      // Each part is a text node; a form feed stands for a block's edge, as the collector writes it.
      for (const part of parts) page.text(part);
      return page.finish().text;
    };
    for (let round = 0; round < 2000; round++) {
      const parts = Array.from({ length: 1 + random(5) }, () => Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join(''));
      const maxText = 1 + random(30);
      expect(collector(parts, maxText), JSON.stringify({ parts, maxText })).toBe(expected(parts, maxText));
    }
  });

  it('does not cut an emoji in half at the page text limit', () => {
    const page = collectPage(fromHtml('<main><p>ab 😀 cd</p></main>'), { file: 'index.html', url: '/', maxText: 4 });
    expect(page.text).toBe('ab');
    expect(collectPage(fromHtml('<main><p>ab 😀 cd</p></main>'), { file: 'index.html', url: '/', maxText: 5 }).text).toBe('ab 😀');
  });

  it('makes a page text of Latin-1 characters a one-byte string, even from a page that is not', () => {
    const page = collect('<main><p>Un café — “crème” ’s</p><p>東京</p></main>');
    expect(page.text).toBe('Un café - "crème" \'s\n東京');
    const latin1 = collect('<main><p>Un café — “crème” ’s</p><nav>東京</nav></main>').text!;
    expect(latin1).toBe('Un café - "crème" \'s');
    // V8 serialises a one-byte string with one byte per character.
    expect(serialize(latin1).length).toBeLessThan(latin1.length + 8);
  });
});
