import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../../bench/generate-site.js';
import type * as CollectPagesModule from '../../src/node/collect-pages.js';
import type * as ListSiteModule from '../../src/node/list-site.js';
import type * as SiteModelModule from '../../src/site/site-model.js';
import type * as WorkersModule from '../../src/node/workers.js';
import type { PageRecord } from '../../src/types.js';

const run = promisify(execFile);
const bin = path.resolve('dist/cli/bin.js');

/** The built CLI on a site, with a number of page-reading threads. */
async function check(dir: string, threads: number): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, 'check', dir, '--format', 'json', '--fail-on', 'never'], {
    env: { ...process.env, LINKGRAPH_THREADS: String(threads) },
    maxBuffer: 256 * 2 ** 20,
  });
  return stdout;
}

// Workers run compiled modules only: these tests use the build, as the CLI does.
const dist = async <T>(file: string): Promise<T> => (await import(path.resolve('dist', file))) as T;

/** Pages with every field a record can have, pages in other encodings, and odd names. */
async function addOddPages(dir: string): Promise<void> {
  const odd = [
    '<!doctype html><html lang="de"><head><title>Ödd</title><base href="/"><link rel="canonical" href="/odd/">',
    '<meta name="robots" content="noindex"><meta name="linkgraph-ignore" content="orphan-page"><meta http-equiv="refresh" content="5; url=/x/"></head>',
    '<body><nav><a href="/" aria-current="page">Home</a><a href="/docs/" hreflang="en" target="_blank">Docs</a></nav>',
    '<main><h1 id="top">Zoë 😀</h1><h2></h2><a href="/p/" data-linkgraph-src="src/pages/ö.md:3:1">next</a><a name="n">no href</a>',
    '<div data-linkgraph-ignore="broken-fragment"><a href="#nope">x</a></div><div data-linkgraph-ignore><a href="">empty</a></div>',
    '<img src="/i.png" srcset="/i-2.png 2x" alt=""><a href="/ü/"></a></main></body></html>',
  ].join('\n');
  await mkdir(path.join(dir, 'odd', 'ü'), { recursive: true });
  await writeFile(path.join(dir, 'odd', 'index.html'), odd);
  await writeFile(path.join(dir, 'odd', 'ü', 'ä b.html'), '<p>no head at all <a href=x>x</a>');
  await writeFile(path.join(dir, 'odd', 'latin1.html'), Buffer.from('<title>caf\xe9</title><a href="/caf\xe9/">caf\xe9</a>', 'latin1'));
  await writeFile(path.join(dir, 'odd', 'declared.html'), Buffer.from('<meta charset="windows-1252"><title>caf\xe9</title><a href="/caf\xe9/">caf\xe9</a>', 'latin1'));
  await writeFile(path.join(dir, 'odd', 'utf16.html'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<title>UTF-16</title><a href="/ü/">ü</a>', 'utf16le')]));
  // Decomposed (NFD), as macOS writes names: listed in NFC, opened by this name.
  await writeFile(path.join(dir, 'odd', 'cafe\u0301.html'), '<title>NFD</title><a href="/">home</a>');
  await writeFile(path.join(dir, 'odd', 'empty.html'), '');
  // A byte order mark, which is not part of the text, and a real U+FFFD, which is valid UTF-8.
  await writeFile(path.join(dir, 'odd', 'bom.html'), '\uFEFF<title>With BOM</title><a href="/">home</a>');
  await writeFile(path.join(dir, 'odd', 'replacement.html'), '<title>A \uFFFD sign</title><a href="/">home</a>');
}

const byFile = (pages: PageRecord[]) => pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

describe('collectPages', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same records and warnings from worker threads as in this thread, and from a dying worker', async () => {
    const site = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-records-'));
    try {
      await generateSite(site, 300, 5);
      await addOddPages(site);
      const { collectPages } = await dist<typeof CollectPagesModule>('node/collect-pages.js');
      const { listSite } = await dist<typeof ListSiteModule>('node/list-site.js');
      const { isPageFile, urlOfFile } = await dist<typeof SiteModelModule>('site/site-model.js');
      const listing = await listSite(site);
      const entries: CollectPagesModule.PageEntry[] = listing.files.filter(isPageFile).map((file) => {
        const onDisk = listing.names.get(file);
        return { file, url: urlOfFile(file, '/', 'ignore'), ...(onDisk === undefined ? {} : { onDisk }) };
      });
      // A page listed but gone by the time it is read.
      entries.splice(7, 0, { file: 'gone/index.html', url: '/gone/' });
      expect(entries.length).toBeGreaterThan(300);
      for (const collect of [{}, { contentSelector: 'main' }]) {
        const run = async (options: Partial<CollectPagesModule.CollectPagesOptions>) => {
          const problems: CollectPagesModule.ReadProblems = { warnings: [], unreadable: [] };
          const pages = byFile(await collectPages(listing.root, entries, { collect, ...options }, problems));
          return { pages, warnings: problems.warnings.sort(), unreadable: problems.unreadable };
        };
        const here = await run({ threads: 1 });
        expect(here.pages.length).toBe(entries.length - 1);
        // Compacting changes nothing but sharing: the records equal pages read one by one, and the
        // header's links are a handful of objects however many pages there are.
        const { collectHere } = await dist<typeof CollectPagesModule>('node/collect-pages.js');
        expect(here.pages).toStrictEqual(byFile(collectHere(listing.root, entries, collect, { warnings: [], unreadable: [] })));
        const template = here.pages.flatMap((page) => page.links.filter((link) => link.region === 'template'));
        expect(new Set(template).size).toBeLessThan(template.length / 10);
        expect(here.warnings).toEqual(['`odd/latin1.html` is not valid UTF-8; bytes that are not were read as U+FFFD']);
        // The page that is gone is not a warning but a page not checked, named by its file in the site.
        expect(here.unreadable).toEqual([{ file: 'gone/index.html', url: '/gone/', reason: "cannot be read: ENOENT: no such file or directory, open 'gone/index.html'" }]);
        expect(here.pages.find((page) => page.file === 'odd/index.html')?.links.some((link) => link.ignore === true && link.origin === undefined)).toBe(true);
        const titleOf = (file: string) => here.pages.find((page) => page.file === file)?.title;
        expect(['bom', 'replacement', 'latin1', 'declared', 'utf16', 'caf\u00e9'].map((name) => titleOf(`odd/${name}.html`))).toEqual(['With BOM', 'A \uFFFD sign', 'caf\uFFFD', 'café', 'UTF-16', 'NFD']);
        // The mark is no column: the link after the 23-character title starts at column 24.
        expect(here.pages.find((page) => page.file === 'odd/bom.html')?.links[0]?.position).toMatchObject({ known: true, start: { line: 1, column: 24 } });
        const workers = await run({ threads: 2 });
        expect(workers).toStrictEqual(here);
        // Both workers (3 threads: 2 workers and this one) die with two chunks each in flight: every page is still read, once.
        const dying = await run({ threads: 3, workerUrl: new URL('../helpers/dying-collect-worker.mjs', import.meta.url) });
        expect(dying.pages).toStrictEqual(here.pages);
        expect(dying.unreadable).toStrictEqual(here.unreadable);
        const stopped = 'A page-reading worker stopped (exit code 3); its pages were read in the main thread';
        expect(dying.warnings).toEqual([stopped, stopped, ...here.warnings].sort());
      }
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it('uses workers started during the listing, ends those not needed, and loses no page to one that dies early', async () => {
    const site = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-early-'));
    const threads = process.env['LINKGRAPH_THREADS'];
    try {
      await generateSite(site, 120, 2);
      const { collectPages, earlyPageWorkers } = await dist<typeof CollectPagesModule>('node/collect-pages.js');
      const { listSite } = await dist<typeof ListSiteModule>('node/list-site.js');
      const { isPageFile, urlOfFile } = await dist<typeof SiteModelModule>('site/site-model.js');
      const collect = {};
      // The listing tells once, with the site's real path, when it has found the pages asked for.
      const reached: string[] = [];
      const watch = (count: number) => ({ count, matches: isPageFile, reached: (root: string) => void reached.push(root) });
      const listing = await listSite(site, watch(100));
      expect(reached).toEqual([listing.root]);
      expect((await listSite(site, watch(121))).files).toEqual(listing.files);
      expect(reached).toHaveLength(1);
      // A watcher that throws changes nothing.
      const thrown = await listSite(site, {
        count: 1,
        matches: isPageFile,
        reached: () => {
          throw new Error('no');
        },
      });
      expect(thrown).toEqual(listing);
      const entries = listing.files.filter(isPageFile).map((file) => ({ file, url: urlOfFile(file, '/', 'ignore') }));
      const read = async (options: Partial<CollectPagesModule.CollectPagesOptions>) => {
        const problems: CollectPagesModule.ReadProblems = { warnings: [], unreadable: [] };
        const pages = byFile(await collectPages(listing.root, entries, { collect, ...options }, problems));
        return { pages, warnings: problems.warnings.sort() };
      };
      const here = await read({ threads: 1 });
      // Two threads, whatever the machine's cores and load: one early worker each time.
      process.env['LINKGRAPH_THREADS'] = '2';
      const early = earlyPageWorkers(collect);
      early.start(listing.root);
      expect(early.workers.length).toBe(1);
      // Three threads with one worker started early: it is used and a second one is started.
      expect(await read({ threads: 3, started: early.workers })).toStrictEqual(here);
      // One thread: the early workers end unused.
      const unused = earlyPageWorkers(collect);
      unused.start(listing.root);
      expect(await read({ threads: 1, started: unused.workers })).toStrictEqual(here);
      await Promise.all(unused.workers.map(({ exited }) => exited));
      // A worker started early that dies before it is given pages leaves them to the others.
      const dying = earlyPageWorkers(collect, new URL('../helpers/exit-at-start-worker.mjs', import.meta.url));
      dying.start(listing.root);
      await Promise.all(dying.workers.map(({ exited }) => exited));
      const afterDeath = await read({ threads: dying.workers.length + 1, started: dying.workers });
      expect(afterDeath.pages).toStrictEqual(here.pages);
      expect(afterDeath.warnings).toEqual(dying.workers.map(() => 'A page-reading worker stopped (exit code 4); its pages were read in the main thread'));
    } finally {
      if (threads === undefined) delete process.env['LINKGRAPH_THREADS'];
      else process.env['LINKGRAPH_THREADS'] = threads;
      await rm(site, { recursive: true, force: true });
    }
  });

  it('starts workers with 16 MiB semi-spaces', async () => {
    const { startWorker, WORKER_ENTRY } = await dist<typeof WorkersModule>('node/workers.js');
    const worker = startWorker(WORKER_ENTRY!, new URL('../helpers/young-generation-worker.mjs', import.meta.url).href, {});
    const size = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    // Both semi-spaces; V8's default grows to 128 MiB on this machine.
    expect(size).toBeLessThanOrEqual(32);
    expect(size).toBeGreaterThan(2);
  });

  it('gives the same report with worker threads as in one thread', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'linkgraph-threads-'));
    const truth = await generateSite(dir, 400, 3);
    const [one, two] = [await check(dir, 1), await check(dir, 2)];
    expect(two).toBe(one);
    const report = JSON.parse(one) as { summary: { pages: number }; findings: { ruleId: string }[] };
    expect(report.summary.pages).toBe(400);
    // Every seeded link defect is found, once.
    const links = report.findings.filter((finding) => finding.ruleId === 'broken-internal-link' || finding.ruleId === 'broken-fragment');
    expect(links.length).toBe(truth.defects.filter((defect) => defect.line !== undefined).length);
  });
});
