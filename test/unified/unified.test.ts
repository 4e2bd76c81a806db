import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRaw from 'rehype-raw';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeLinkgraph, { createCollector as createRehypeCollector } from '../../src/rehype/index.js';
import remarkLinkgraph from '../../src/remark/index.js';
import { entryOf } from '../../src/unified/site-run.js';
import { resolveUnifiedOptions } from '../../src/unified/options.js';
import { HOMEPAGE, ruleDocsUrl } from '../../src/version.js';
import { checkMarkdown, messageLines, run, writeRemarkrc } from '../helpers/markdown-site.js';
import { tempSite } from '../helpers/temp-site.js';

/** Lines of `rule` only. */
const only = (lines: readonly string[], ...rules: string[]): string[] => lines.filter((line) => rules.some((rule) => line.includes(` ${rule} `)));

/** A folder of Markdown: a home page, a page whose line 5 is the link under test, a README folder, an index folder, other files. */
const folder = (link: string): Record<string, string> => ({
  'README.md': '# Home\n\n[Docs](docs/page.md) [Guide](guide/) [Manual](manual/) [Other](docs/other.md)\n',
  'docs/page.md': `# Page\n\n## Setup steps\n\n${link}\n`,
  'docs/other.md': '# Other\n\n## Install it\n\n[Home](../README.md)\n',
  'guide/README.md': '# Guide\n\n## Intro\n',
  'manual/index.md': '# Manual\n',
  'files/report.pdf': 'pdf',
  'assets/logo.png': 'png',
});
const MARKDOWN = ['README.md', 'docs/page.md', 'docs/other.md', 'guide/README.md', 'manual/index.md'];

describe('linkgraph/remark: links between Markdown files, as remark-validate-links resolves them', () => {
  it.each([
    ['a Markdown file', '[x](other.md)'],
    ['a heading of another file, by its GitHub slug', '[x](./other.md#install-it)'],
    ['a heading of the same file', '[x](#setup-steps)'],
    ['a folder, to its README.md', '[x](../guide/)'],
    ['a heading of a folder README', '[x](../guide/#intro)'],
    ['a folder without the slash', '[x](../guide)'],
    ['a folder, to its index.md', '[x](../manual/)'],
    ['a path from the root', '[x](/docs/other.md)'],
    ['a README by name from the root, with a heading', '[x](/guide/README.md#intro)'],
    ['a file that is not Markdown', '[x](../files/report.pdf)'],
    ['a folder without a README', '[x](../assets/)'],
    ['an image', '![x](../assets/logo.png)'],
    ['a query', '[x](other.md?plain=1)'],
    ['the page other.md becomes, as a pipeline that rewrites .md writes it', '[x](other.html#install-it)'],
    ['the same, extensionless', '[x](other#install-it)'],
    ['a fragment on a file that is not a page', '[x](../assets/#top-of-list)'],
  ])('finds %s', async (_name, link) => {
    const root = await tempSite(folder(link));
    expect(only((await checkMarkdown(root, MARKDOWN)).lines, 'broken-internal-link', 'broken-fragment')).toEqual([]);
  });

  it.each([
    ['a missing Markdown file', '[x](missing.md)', 'broken-internal-link Link to `/docs/missing.md` has no page in the output'],
    ['a missing heading in another file', '[x](other.md#nope)', 'broken-fragment Fragment `#nope` has no matching `id` on `/docs/other`'],
    ['a missing heading in the same file', '[x](#nope)', 'broken-fragment Fragment `#nope` has no matching `id` on this page'],
    ['a missing heading in a folder README', '[x](../guide/#nope)', 'broken-fragment Fragment `#nope` has no matching `id` on `/guide/README`'],
    ['a file name in the wrong case', '[x](Other.md)', 'broken-internal-link Link to `/docs/Other.md` has no page in the output; did you mean `/docs/other`?'],
    ['a missing image', '![x](../assets/nope.png)', 'broken-internal-link Link to `/assets/nope.png` has no file in the output'],
    ['a missing folder', '[x](../nowhere/)', 'broken-internal-link Link to `/nowhere/` has no page in the output'],
    ['a missing file from the root', '[x](/docs/missing.md)', 'broken-internal-link Link to `/docs/missing.md` has no page in the output'],
    ['a raw HTML link', '<a href="missing.md">raw</a>', 'broken-internal-link Link to `/docs/missing.md` has no page in the output'],
  ])('reports %s', async (_name, link, message) => {
    const root = await tempSite(folder(link));
    expect(only((await checkMarkdown(root, MARKDOWN)).lines, 'broken-internal-link', 'broken-fragment')).toEqual([`docs/page.md:5:1 error ${message}`]);
  });

  it('keeps pipelines that rewrite `.md` links to `.html` working, on the whole folder and on one file', async () => {
    const root = await tempSite(folder('[x](other.md#install-it) [y](missing.md)'));
    // What such a pipeline does after remark-rehype.
    const rewrite = () => (tree: Root) => {
      visit(tree, 'element', (node: Element) => {
        if (typeof node.properties['href'] === 'string') node.properties['href'] = node.properties['href'].replace(/\.md(?=#|$)/, '.html');
      });
    };
    for (const processed of [MARKDOWN, ['docs/page.md']]) {
      const collector = createRehypeCollector({ root });
      const processor = unified().use(remarkParse).use(remarkRehype).use(rewrite).use(rehypeLinkgraph, { collector });
      const files = [];
      for (const name of processed) {
        const file = new VFile({ cwd: root, path: name, value: await readFile(path.join(root, name), 'utf8') });
        await processor.run(processor.parse(file), file);
        files.push(file);
      }
      await collector.finish();
      expect(only(messageLines(files), 'broken-internal-link', 'broken-fragment')).toEqual(['docs/page.md:5:26 error broken-internal-link Link to `/docs/missing.html` has no page in the output']);
    }
  });
});

describe('headings have the ids GitHub gives them', () => {
  const headings = '# Home\n\n## Install `npm` & Go!\n\n## Setup\n\n## Setup\n\n## Café Ünïcode\n\n<a name="legacy"></a>\n\n<span id="kept">kept</span>\n\n';

  /** Findings of broken-fragment for `links` on a one-page site made of `headings`, through `pipeline`. */
  const brokenFragments = async (links: string, pipeline: 'remark' | 'remark-rehype' | 'remark-rehype-raw' | 'remark-rehype-safe', plugins: PluggableList = []): Promise<string[]> => {
    const root = await tempSite({ 'README.md': `${headings}${links}\n` });
    const collector = createRehypeCollector({ root });
    if (pipeline === 'remark') return only((await checkMarkdown(root, ['README.md'], {}, plugins)).lines, 'broken-fragment').map((line) => line.replace(/^\S+ error broken-fragment /, ''));
    const processor = unified()
      .use(remarkParse)
      .use(plugins)
      .use(remarkRehype, { allowDangerousHtml: pipeline !== 'remark-rehype-safe' })
      .use(pipeline === 'remark-rehype-raw' ? [rehypeRaw] : [])
      .use(rehypeLinkgraph, { collector });
    const file = new VFile({ cwd: root, path: 'README.md', value: await readFile(path.join(root, 'README.md'), 'utf8') });
    await processor.run(processor.parse(file), file);
    await collector.finish();
    return only(messageLines([file]), 'broken-fragment').map((line) => line.replace(/^\S+ error broken-fragment /, ''));
  };

  it.each(['remark', 'remark-rehype', 'remark-rehype-raw'] as const)('gives slugs as github-slugger does, and counts `id`s and `<a name>`s of raw HTML (%s)', async (pipeline) => {
    const links = '[a](#install-npm--go) [b](#setup) [c](#setup-1) [d](#café-ünïcode) [e](#legacy) [f](#kept) [g](#setup-2) [h](#Setup)';
    expect(await brokenFragments(links, pipeline)).toEqual([
      'Fragment `#setup-2` has no matching `id` on this page; did you mean `#setup-1`?',
      'Fragment `#Setup` has no matching `id` on this page; did you mean `#setup`?',
    ]);
  });

  it('sees no raw HTML when remark-rehype drops it (no `allowDangerousHtml`): the tree shows no anchor', async () => {
    expect(await brokenFragments('[e](#legacy) [f](#kept) [b](#setup)', 'remark-rehype-safe')).toEqual([
      'Fragment `#legacy` has no matching `id` on this page',
      'Fragment `#kept` has no matching `id` on this page',
    ]);
  });

  it('keeps the id a plugin of the user set, and gives that heading no slug', async () => {
    // As remark-heading-id and similar plugins do.
    const customIds = () => (tree: import('mdast').Root) => {
      visit(tree, 'heading', (node) => {
        if (node.depth === 2 && node.children[0]?.type === 'text' && node.children[0].value.startsWith('Café')) node.data = { hProperties: { id: 'custom' } };
      });
    };
    for (const pipeline of ['remark', 'remark-rehype'] as const) {
      expect(await brokenFragments('[a](#custom) [b](#café-ünïcode)', pipeline, [customIds])).toEqual(['Fragment `#café-ünïcode` has no matching `id` on this page']);
    }
  });

  it('gives no ids to the headings of HTML pages: their ids are what the HTML says', async () => {
    const root = await tempSite({ 'index.html': '<h2>Install</h2><a href="#install">x</a>' });
    const collector = createRehypeCollector({ root });
    const processor = unified().use(rehypeParse).use(rehypeLinkgraph, { collector });
    const file = new VFile({ cwd: root, path: 'index.html', value: await readFile(path.join(root, 'index.html'), 'utf8') });
    processor.runSync(processor.parse(file), file);
    await collector.finish();
    expect(only(messageLines([file]), 'broken-fragment')).toEqual(['index.html:1:17 error broken-fragment Fragment `#install` has no matching `id` on this page']);
  });
});

describe('files beside the pages', () => {
  it.each<[string, false | string[] | undefined, string[]]>([
    ['looks them up on disk by default', undefined, ['README.md:3:19 error broken-internal-link Link to `/missing.png` has no file in the output']],
    ['takes the list in `files` instead', ['missing.png'], ['README.md:3:1 error broken-internal-link Link to `/logo.png` has no file in the output']],
    ['reports none with `files: false`', false, []],
  ])('%s', async (_name, files, expected) => {
    const root = await tempSite({ 'README.md': '# Home\n\n![logo](logo.png) ![gone](missing.png)\n', 'logo.png': 'png' });
    const { lines } = await checkMarkdown(root, ['README.md'], files === undefined ? {} : { files });
    expect(only(lines, 'broken-internal-link')).toEqual(expected);
  });

  it('never looks outside `root`', async () => {
    const root = await tempSite({ 'site/README.md': '# Home\n\n[up](../outside.md) [up](/../outside.md)\n', 'outside.md': '# Outside\n' });
    const { lines } = await checkMarkdown(path.join(root, 'site'), ['README.md']);
    expect(only(lines, 'broken-internal-link')).toEqual([
      'README.md:3:1 error broken-internal-link Link to `/outside.md` has no page in the output',
      'README.md:3:21 error broken-internal-link Link to `/outside.md` has no page in the output',
    ]);
  });
});

describe('one file at a time', () => {
  const site = {
    'README.md': '# Home\n\n[Page](docs/page.md)\n',
    'docs/page.md': '# Page\n\n[a](other.md) [b](other.md#not-checked) [c](missing.md) ![d](../logo.png) [e](../guide/)\n',
    'docs/other.md': '# Other\n\n[Home](../README.md)\n',
    'guide/README.md': '# Guide\n',
    'logo.png': 'png',
  };
  const NOTE = 'docs/page.md note - Rules that need the whole site did not run (`orphan-page`, `unreachable-page`, `click-depth`, `overused-anchor`, `sitemap-mismatch`): ';

  it('checks links to files outside the run against the disk, and says the site rules did not run', async () => {
    const root = await tempSite(site);
    const { lines, result } = await checkMarkdown(root, ['docs/page.md']);
    expect(lines).toEqual([
      'docs/page.md:3:41 error broken-internal-link Link to `/docs/missing.md` has no page in the output',
      `${NOTE}\`docs/other.md\` is not in this run; run on the whole site, or set \`partial: false\``,
    ]);
    expect(result.warnings).toHaveLength(1);
  });

  it('finds a page of the site left out of a run of the rest, when nothing links to it', async () => {
    const root = await tempSite({ ...site, 'docs/drafts.md': '# Drafts\n' });
    const { lines } = await checkMarkdown(root, ['README.md', 'docs/page.md', 'docs/other.md', 'guide/README.md']);
    expect(lines.filter((line) => line.includes(' note '))).toEqual([
      'README.md note - Rules that need the whole site did not run (`orphan-page`, `unreachable-page`, `click-depth`, `overused-anchor`, `sitemap-mismatch`): `docs/drafts.md` is not in this run; run on the whole site, or set `partial: false`',
    ]);
  });

  it.each<[string, boolean, string[]]>([
    ['runs the site rules with `partial: false`', false, ['docs/page.md error orphan-page No other page links to `/docs/page`']],
    ['skips them with `partial: true`', true, []],
  ])('%s', async (_name, partial, orphans) => {
    const root = await tempSite(site);
    const processed = partial ? ['README.md', 'docs/page.md', 'docs/other.md', 'guide/README.md'] : ['docs/page.md'];
    const { lines } = await checkMarkdown(root, processed, { partial });
    expect(only(lines, 'orphan-page')).toEqual(orphans);
    expect(lines.some((line) => line.includes(' note '))).toBe(partial);
  });

  it('runs them on the whole site', async () => {
    const root = await tempSite({ ...site, 'docs/drafts.md': '# Drafts\n' });
    const { lines } = await checkMarkdown(root, ['README.md', 'docs/page.md', 'docs/other.md', 'docs/drafts.md', 'guide/README.md']);
    expect(only(lines, 'orphan-page')).toEqual(['docs/drafts.md error orphan-page No other page links to `/docs/drafts`']);
    expect(lines.some((line) => line.includes(' note '))).toBe(false);
  });

  it('works as `remark docs/page.md` (remark-cli, one file): reports the file\'s own defects only, prints a clean file', async () => {
    const root = await tempSite(site);
    await writeRemarkrc(root);
    const one = await run(root, ['docs/page.md']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('3:41-3:56 error Link to `/docs/missing.md` has no page in the output');
    expect(one.stderr).toContain('info  Rules that need the whole site did not run');
    expect(one.stderr).not.toContain('No other page links');
    const clean = await run(root, ['docs/other.md', '--frail']);
    expect(clean).toMatchObject({ code: 0, stdout: site['docs/other.md'] });
  });
});

describe('failOn', () => {
  const site = { 'README.md': '# Home\n\n[gone](missing.md) [x](#nope) [click here](other.md)\n', 'other.md': '# Other\n\n[Home](README.md)\n' };
  const rules = { 'broken-internal-link': 'error', 'broken-fragment': 'warn', 'generic-anchor': 'info' } as const;

  it.each<['error' | 'warn' | 'info' | 'never', string[], boolean]>([
    ['error', ['error broken-internal-link', 'warning broken-fragment', 'note generic-anchor'], true],
    ['warn', ['error broken-internal-link', 'error broken-fragment', 'note generic-anchor'], true],
    ['info', ['error broken-internal-link', 'error broken-fragment', 'error generic-anchor'], true],
    ['never', ['warning broken-internal-link', 'warning broken-fragment', 'note generic-anchor'], false],
  ])('makes a message fatal only at or above `failOn: %s`', async (failOn, levels, failed) => {
    const root = await tempSite(site);
    const { lines, result } = await checkMarkdown(root, ['README.md', 'other.md'], { failOn, rules });
    expect(lines.map((line) => line.split(' ').slice(1, 3).join(' '))).toEqual(levels);
    expect(result.failed).toBe(failed);
  });

  it.each<[object, string[], number]>([
    [{ rules }, [], 1],
    [{ rules, failOn: 'never' }, [], 0],
    [{ rules, failOn: 'never' }, ['--frail'], 1],
    [{ rules: { ...rules, 'broken-internal-link': 'off' } }, [], 0],
    [{ rules: { ...rules, 'broken-internal-link': 'off' }, failOn: 'warn' }, [], 1],
  ])('sets remark-cli\'s exit code: %j %j', async (options, flags, code) => {
    const root = await tempSite(site);
    await writeRemarkrc(root, options);
    expect((await run(root, ['.', ...flags])).code).toBe(code);
  });
});

describe('suppression comments in Markdown', () => {
  it.each<[string, string, boolean]>([
    ['`linkgraph-disable` naming the rule', '<!-- linkgraph-disable broken-internal-link -->\n\n[x](missing.md)', true],
    ['`linkgraph-disable` naming no rule', '<!-- linkgraph-disable -->\n\n[x](missing.md)', true],
    ['`linkgraph-disable` naming another rule', '<!-- linkgraph-disable broken-fragment -->\n\n[x](missing.md)', false],
    ['`linkgraph-enable` after it', '<!-- linkgraph-disable -->\n\n<!-- linkgraph-enable -->\n\n[x](missing.md)', false],
    ['`linkgraph-enable` of the one rule', '<!-- linkgraph-disable -->\n\n<!--linkgraph-enable broken-fragment, broken-internal-link-->\n\n[x](missing.md)', false],
    ['`linkgraph-disable` after the link', '[x](missing.md)\n\n<!-- linkgraph-disable -->', false],
    ['`linkgraph-ignore-next` before the paragraph', '<!-- linkgraph-ignore-next -->\n[x](missing.md)', true],
    ['`linkgraph-ignore-next` before another paragraph', '<!-- linkgraph-ignore-next -->\n[x](README.md)\n\n[y](missing.md)', false],
    ['`linkgraph-ignore-next` inside the paragraph', 'See <!-- linkgraph-ignore-next broken-internal-link --> [x](missing.md).', true],
    ['remark-message-control\'s `linkgraph ignore`', '<!--linkgraph ignore broken-internal-link-->\n\n[x](missing.md)', true],
    ['remark-message-control\'s `linkgraph disable`', '<!--linkgraph disable-->\n\n[x](missing.md)', true],
    ['a directive shown in a code block', '```html\n<!-- linkgraph-disable -->\n```\n\n[x](missing.md)', false],
  ])('%s', async (_name, markdown, suppressed) => {
    const root = await tempSite({ 'README.md': `# Home\n\n${markdown}\n` });
    const { lines, result } = await checkMarkdown(root, ['README.md']);
    expect(only(lines, 'broken-internal-link')).toHaveLength(suppressed ? 0 : 1);
    expect(result.summary.suppressed).toBe(suppressed ? 1 : 0);
  });

  it('silences a page-level finding with a `linkgraph-disable` the file never ends', async () => {
    const root = await tempSite({ 'README.md': '# Home\n', 'drafts.md': '# Drafts\n\n<!-- linkgraph-disable orphan-page -->\n', 'archive.md': '# Archive\n' });
    const { lines } = await checkMarkdown(root, ['README.md', 'drafts.md', 'archive.md']);
    expect(only(lines, 'orphan-page')).toEqual(['archive.md error orphan-page No other page links to `/archive`']);
  });

  it('reports a comment that names no rule', async () => {
    const root = await tempSite({ 'README.md': '# Home\n\n<!-- linkgraph-disable broken-internal-lnk -->\n\n[x](missing.md)\n' });
    const { lines } = await checkMarkdown(root, ['README.md']);
    expect(lines).toEqual([
      'README.md:3:1 warning invalid-suppression `linkgraph-disable` names `broken-internal-lnk`, which is no rule, so it suppresses nothing; did you mean `broken-internal-link`?',
      'README.md:5:1 error broken-internal-link Link to `/missing.md` has no page in the output',
    ]);
  });

  it('works through remark-rehype with `allowDangerousHtml`, which keeps comments', async () => {
    const root = await tempSite({ 'README.md': '# Home\n\n<!-- linkgraph-ignore-next -->\n[x](missing.md)\n\n[y](missing.md)\n' });
    const collector = createRehypeCollector({ root });
    const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeLinkgraph, { collector });
    const file = new VFile({ cwd: root, path: 'README.md', value: await readFile(path.join(root, 'README.md'), 'utf8') });
    await processor.run(processor.parse(file), file);
    await collector.finish();
    expect(messageLines([file])).toEqual(['README.md:6:1 error broken-internal-link Link to `/missing.md` has no page in the output']);
  });
});

describe('front matter', () => {
  const source = '---\ntitle: Getting started\ntags: [setup]\n---\n\n# Guide\n\nBody text.\n';
  const settings = resolveUnifiedOptions({}, 'test');

  it.each<[string, PluggableList]>([
    ['recognised by remark-frontmatter', [remarkFrontmatter]],
    ['not recognised by any plugin', []],
  ])('stays out of the page when %s', async (_name, plugins) => {
    const processor = unified().use(remarkParse).use(plugins).use(remarkRehype);
    const file = new VFile({ path: 'guide.md', value: source });
    const tree = (await processor.run(processor.parse(file), file)) as Root;
    const entry = entryOf(tree, file, settings);
    expect('page' in entry && { text: entry.page.text, headings: entry.page.headings, ids: entry.page.ids }).toEqual({ text: 'Guide\nBody text.', headings: ['Guide'], ids: ['guide'] });
  });
});

describe('rule docs links', () => {
  it('point every message at the rule\'s page in the repository', async () => {
    const root = await tempSite({ 'README.md': '# Home\n\n[x](missing.md) [y](#nope)\n', 'orphan.md': '# Orphan\n' });
    const { files } = await checkMarkdown(root, ['README.md', 'orphan.md']);
    const messages = files.flatMap((file) => file.messages);
    expect(new Set(messages.map((message) => message.ruleId))).toEqual(new Set(['broken-internal-link', 'broken-fragment', 'orphan-page']));
    for (const message of messages) {
      expect(message.url).toBe(ruleDocsUrl(message.ruleId!));
      expect(message.url).toBe(`${HOMEPAGE}/blob/main/docs/rules/${message.ruleId}.md`);
      expect(existsSync(new URL(`../../docs/rules/${message.ruleId}.md`, import.meta.url))).toBe(true);
    }
  });
});

describe('options', () => {
  it.each<[string, object, string]>([
    ['`files` of another type', { files: 'dist' }, 'linkgraph/remark options: `files` expected a list or `false`, received `dist`'],
    ['`partial` of another type', { partial: 'yes' }, 'linkgraph/remark options: `partial` expected a boolean, received `yes`'],
    ['an engine option', { failOn: 'sometimes' }, 'linkgraph/remark options: `failOn` expected one of `error`, `warn`, `info` or `never`, received `sometimes`'],
  ])('reject %s, naming it', (_name, options, message) => {
    expect(() => unified().use(remarkParse).use(remarkLinkgraph, options as never, { use() {}, valueOf: () => [] } as never).freeze()).toThrow(message);
  });
});

describe('the README example: examples/unified', () => {
  const example = path.resolve(import.meta.dirname, '../../examples/unified');
  const expected = [
    'drafts.md',
    '            error No other page links to `/drafts`                                                              orphan-page          linkgraph',
    '',
    'faq.md',
    '5:8-5:41    error Link to `/upgrading.md` has no page in the output                                             broken-internal-link linkgraph',
    '',
    'guide.md',
    '14:34-14:57 error Fragment `#options` has no matching `id` on this page                                         broken-fragment      linkgraph',
    '17:67-17:97 error Fragment `#how-do-i-upgrade` has no matching `id` on `/faq`; did you mean `#how-do-i-update`? broken-fragment      linkgraph',
    '23:1-23:41  error Link to `/img/settings.png` has no file in the output                                         broken-internal-link linkgraph',
    '',
    '✖ 5 errors',
  ];

  it('is checked by the documented command, `npx remark . --quiet --frail`, with one finding per marked defect', async () => {
    const result = await run(example, ['remark', '.', '--quiet', '--frail'], ['npx']);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual(expected);
    const marked = (await Promise.all(['README.md', 'guide.md', 'faq.md', 'drafts.md', 'reference/README.md'].map((name) => readFile(path.join(example, name), 'utf8')))).join('').match(/<!-- defect:/g);
    expect(marked).toHaveLength(5);
  });

  it('gives the same findings through the API (examples/unified/check.mjs)', async () => {
    const result = await run(example, ['check.mjs'], [process.execPath]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual(expected);
  });
});
