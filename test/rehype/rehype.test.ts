import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import rehypeParse from 'rehype-parse';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { engine } from 'unified-engine';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeLinkgraph, { createCollector } from '../../src/rehype/index.js';
import { reply, startServer } from '../helpers/http-server.js';

/** Run rehype over `files` under unified-engine, as rehype-cli does; its report goes to `output`. */
function runEngine(run: { cwd: string; files: string[]; plugins: PluggableList; frail: boolean }, output: string[]): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const streamError = new PassThrough();
    streamError.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    engine(
      {
        processor: unified().use(rehypeParse),
        cwd: run.cwd,
        files: run.files,
        extensions: ['html'],
        plugins: run.plugins,
        out: false,
        output: false,
        frail: run.frail,
        silent: false,
        streamError,
        color: false,
      },
      (error, code) => (error ? reject(error) : resolve(code)),
    );
  });
}

const messages = (file: VFile) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.reason} ${message.ruleId} ${message.source}`);

describe('linkgraph/rehype', () => {
  it('checks a site driven through the API, attaching messages to each vfile', async () => {
    const collector = createCollector();
    const processor = unified().use(rehypeParse).use(rehypeLinkgraph, { collector });
    const home = new VFile({ path: 'index.html', value: '<h1 id="a">Home</h1><a href="/about/#team">team</a>\n<a href="/abuot/">about</a>' });
    const about = new VFile({ path: 'about/index.html', value: '<p id="teem">About</p><a href="/#b">home</a>' });
    for (const file of [home, about]) processor.runSync(processor.parse(file), file);
    const result = await collector.finish();
    expect(result.findings).toHaveLength(3);
    expect(messages(home)).toEqual([
      'index.html:1:21 error Fragment `#team` has no matching `id` on `/about/`; did you mean `#teem`? broken-fragment linkgraph',
      'index.html:2:1 error Link to `/abuot/` has no page in the output; did you mean `/about/`? broken-internal-link linkgraph',
    ]);
    expect(messages(about)).toEqual(['about/index.html:1:23 error Fragment `#b` has no matching `id` on `/` broken-fragment linkgraph']);
    expect(about.messages[0]?.url).toMatch(/\/docs\/rules\/broken-fragment\.md$/);
  });

  it('reports a file whose tree cannot be collected, instead of passing without it', async () => {
    const collector = createCollector();
    const good = new VFile({ path: 'index.html', value: '' });
    const bad = new VFile({ path: 'broken/index.html', value: '' });
    collector.add({ type: 'root', children: [{ type: 'element', tagName: 'a', properties: { href: '/broken/' }, children: [{ type: 'text', value: 'broken' }] }] }, good);
    // A tree broken by an earlier plugin: an element without properties.
    collector.add({ type: 'root', children: [{ type: 'element', tagName: 'a', properties: null as never, children: [] }] }, bad);
    const result = await collector.finish();
    expect(result.failed).toBe(true);
    expect(result.summary.pages).toBe(1);
    expect(messages(bad)).toEqual([expect.stringMatching(/^broken\/index.html:undefined:undefined error `broken\/index.html` cannot be collected: .+; none of its links were checked unreadable-page linkgraph$/)]);
    // The link to it still finds a file there.
    expect(messages(good)).toEqual([]);
  });

  it('reports Markdown lines when the pipeline starts from Markdown', async () => {
    const collector = createCollector();
    const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeLinkgraph, { collector });
    const readme = new VFile({ path: 'docs/readme.md', value: '# Title\n\nSome text.\n\nSee [the guide](/docs/guide#setup).\n' });
    const guide = new VFile({ path: 'docs/guide.md', value: '# Guide\n\n## Install\n' });
    for (const file of [readme, guide]) await processor.run(processor.parse(file), file);
    await collector.finish();
    // Only the fragment matters here: the two-page site is also, rightly, full of orphans.
    readme.messages = readme.messages.filter((message) => message.ruleId === 'broken-fragment');
    expect(messages(readme)).toEqual(['docs/readme.md:5:5 error Fragment `#setup` has no matching `id` on `/docs/guide` broken-fragment linkgraph']);
  });

  it('looks linked files up on disk under `root`, unless `files` lists them or is `false`', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'linkgraph-rehype-assets-'));
    await writeFile(path.join(root, 'logo.png'), 'png');
    const run = async (files?: string[] | false) => {
      const collector = createCollector(files === undefined ? { root } : { root, files });
      const processor = unified().use(rehypeParse).use(rehypeLinkgraph, { collector });
      const file = new VFile({ path: path.join(root, 'index.html'), value: '<img src="/logo.png" alt=""><img src="/missing.png" alt="">' });
      processor.runSync(processor.parse(file), file);
      return (await collector.finish()).findings.map((finding) => finding.target);
    };
    expect(await run()).toEqual(['/missing.png']);
    expect(await run(['logo.png', 'missing.png'])).toEqual([]);
    expect(await run(false)).toEqual([]);
  });

  it('explains what it needs when used alone', () => {
    expect(() => unified().use(rehypeParse).use(rehypeLinkgraph).freeze()).toThrow(/checks a whole site: pass `collector/);
  });

  it('checks the whole file set under unified-engine, so that --frail fails', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'linkgraph-engine-'));
    await mkdir(path.join(cwd, 'site/about'), { recursive: true });
    await writeFile(path.join(cwd, 'site/index.html'), '<a href="/about/">about</a>\n<a href="/about/#x">x</a>');
    await writeFile(path.join(cwd, 'site/about/index.html'), '<a href="/">home</a>');
    const outputs: string[] = [];
    const run = async (frail: boolean, rules: Record<string, string>) => ({
      code: await runEngine({ cwd, files: ['site/**/*.html'], plugins: [[rehypeLinkgraph, { root: 'site', rules }]], frail }, outputs),
    });
    const errors = await run(false, {});
    expect(errors.code).toBe(1);
    expect(outputs.join('')).toContain('2:1-2:26 error');
    expect(outputs.join('')).toMatch(/Fragment `#x` has no matching `id` on `\/about\/`.*broken-fragment/);
    outputs.length = 0;
    expect((await run(false, { 'broken-fragment': 'warn' })).code).toBe(0);
    expect((await run(true, { 'broken-fragment': 'warn' })).code).toBe(1);
  });

  it('checks outbound links when `external` is on, through a collector and under unified-engine', async () => {
    const server = await startServer({ '/ok': reply(200), '/missing': reply(404) });
    const cwd = await mkdtemp(path.join(tmpdir(), 'linkgraph-rehype-external-'));
    try {
      const html = `<a href="${server.origin}/ok">ok</a>\n<a href="${server.origin}/missing">gone</a>`;
      // The local server stands in for other hosts, so its loopback address is not the defect here.
      const options = { external: { enabled: true, cache: false }, rules: { 'localhost-link': 'off' } } as const;
      const broken = `External link to \`${server.origin}/missing\` is broken: not found (404)`;

      const collector = createCollector(options);
      const processor = unified().use(rehypeParse).use(rehypeLinkgraph, { collector });
      const file = new VFile({ path: 'index.html', value: html });
      processor.runSync(processor.parse(file), file);
      const result = await collector.finish();
      expect(result.summary.external).toEqual({ checked: true });
      expect(messages(file)).toContain(`index.html:2:1 error ${broken} broken-external-link linkgraph`);
      expect(server.log).toEqual(expect.arrayContaining(['HEAD /ok', 'HEAD /missing']));

      server.log.length = 0;
      await writeFile(path.join(cwd, 'index.html'), html);
      const output: string[] = [];
      const code = await runEngine({ cwd, files: ['index.html'], plugins: [[rehypeLinkgraph, options]], frail: false }, output);
      expect(code).toBe(1);
      expect(output.join('')).toContain(broken);
      expect(server.log).toEqual(expect.arrayContaining(['HEAD /missing']));
    } finally {
      await server.close();
    }
  });
});
