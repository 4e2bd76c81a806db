import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOriginMapper } from '../../src/astro/source-positions.js';
import { collectPage } from '../../src/collect/collect-page.js';

describe('createOriginMapper', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'linkgraph-origin-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** The processor's view of a link: its offset in the text the processor was given. */
  const at = (source: string, needle: string) => ({ start: { line: 0, column: 0, offset: source.indexOf(needle) } });

  it.each([
    ['a page: front matter blanked to spaces, same length', '---\ntitle: A\n---\n\n[x](/x/)\n', (file: string) => file.replace('---\ntitle: A\n---', '   \n        \n   '), 'src/a.md:5:1'],
    ['a collection body: front matter and blank lines trimmed', '---\ntitle: A\n---\n\n\n  See [x](/x/)\n', (file: string) => file.slice(file.indexOf('See')).trim(), 'src/a.md:6:7'],
    ['CRLF line endings', '---\r\ntitle: A\r\n---\r\n\r\nOne\r\nSee [x](/x/)\r\n', (file: string) => file.slice(file.indexOf('One')).trim(), 'src/a.md:6:5'],
    ['astral characters before the link (UTF-16 offsets)', '😀 é [x](/x/)\n', (file: string) => file.trim(), 'src/a.md:1:6'],
  ])('%s', async (_name, text, toSource, expected) => {
    const file = path.join(root, 'src', 'a.md');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const source = toSource(text);
    expect(createOriginMapper(root)(file, source, at(source, '[x]'))).toBe(expected);
  });

  it.each([
    ['Cyrillic and guillemets', 'Это «кафе»: see [x](/x/)\n', 'src/c.md:1:17'],
    ['CJK on a later line', 'Intro\n\n日本語のテキスト [x](/x/)\n', 'src/c.md:3:10'],
    ['an emoji (4 bytes, 2 UTF-16 units)', '🌲 and [x](/x/)\n', 'src/c.md:1:8'],
  ])('takes a UTF-8 byte offset (Satteri 0.3) after %s to its character', async (_name, text, expected) => {
    const file = path.join(root, 'src', 'c.md');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const bytes = Buffer.byteLength(text.slice(0, text.indexOf('[x]')));
    expect(createOriginMapper(root)(file, text, { start: { line: 0, column: 0, offset: bytes } })).toBe(expected);
  });

  it('names a file by its real path relative to a root named through a symlink', async () => {
    const linked = `${root}-link`;
    await symlink(root, linked);
    try {
      const file = path.join(root, 'src', 'e.mdx');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, 'See [x](/x/)\n');
      expect(createOriginMapper(linked)(file, 'See [x](/x/)\n', at('See [x](/x/)\n', '[x]'))).toBe('src/e.mdx:1:5');
    } finally {
      await rm(linked);
    }
  });

  it('gives no position for an offset that lands on no element start either way', async () => {
    const file = path.join(root, 'd.md');
    await writeFile(file, 'Это текст [x](/x/)\n');
    expect(createOriginMapper(root)(file, 'Это текст [x](/x/)\n', { start: { line: 1, column: 3, offset: 3 } })).toBeUndefined();
  });

  it('gives no position when the rendered text is not in the file, or the file is unreadable', async () => {
    const file = path.join(root, 'b.md');
    await writeFile(file, 'Hello [x](/x/)\n');
    const map = createOriginMapper(root);
    expect(map(file, 'Rewritten [x](/x/)', at('Rewritten [x](/x/)', '[x]'))).toBeUndefined();
    expect(map(path.join(root, 'missing.md'), '[x](/x/)', at('[x](/x/)', '[x]'))).toBeUndefined();
    expect(map(file, 'Hello [x](/x/)', undefined)).toBeUndefined();
  });
});

describe('collectPage: data-linkgraph-src', () => {
  it('becomes the origin of every link on the element', () => {
    const page = collectPage(
      fromHtml('<p><a href="/a/" data-linkgraph-src="src/c:d/a.md:12:5">a</a> <img src="/i.png" srcset="/i-2x.png 2x" data-linkgraph-src="src/a.md:3:1" alt=""> <a href="/b/">b</a> <a href="/c/" data-linkgraph-src="nonsense">c</a></p>'),
      { file: 'index.html', url: '/' },
    );
    expect(page.links.map((link) => [link.href, link.origin])).toEqual([
      ['/a/', { file: 'src/c:d/a.md', line: 12, column: 5 }],
      ['/i.png', { file: 'src/a.md', line: 3, column: 1 }],
      ['/i-2x.png', { file: 'src/a.md', line: 3, column: 1 }],
      ['/b/', undefined],
      ['/c/', undefined],
    ]);
  });
});
