import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite } from '../bench/generate-site.js';
import type * as CollectPagesModule from '../src/node/collect-pages.js';
import type * as ReadSiteModule from '../src/node/read-site.js';
import type * as SiteModelModule from '../src/site/site-model.js';
import type { PageRecord } from '../src/types.js';

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

/** Pages with every field a record can have, a windows-1252 page, and odd names. */
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
  await writeFile(path.join(dir, 'odd', 'empty.html'), '');
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
      const { listSite } = await dist<typeof ReadSiteModule>('node/read-site.js');
      const { isPageFile, urlOfFile } = await dist<typeof SiteModelModule>('site/site-model.js');
      const listing = await listSite(site);
      const entries = listing.files.filter(isPageFile).map((file) => ({ file, url: urlOfFile(file, '/', 'ignore') }));
      // A page listed but gone by the time it is read.
      entries.splice(7, 0, { file: 'gone/index.html', url: '/gone/' });
      expect(entries.length).toBeGreaterThan(300);
      for (const collect of [{}, { contentSelector: 'main' }]) {
        const run = async (options: Partial<CollectPagesModule.CollectPagesOptions>) => {
          const warnings: string[] = [];
          const pages = byFile(await collectPages(listing.root, entries, { collect, ...options }, warnings));
          return { pages, warnings: warnings.sort() };
        };
        const here = await run({ threads: 1 });
        expect(here.pages.length).toBe(entries.length - 1);
        // Compacting changes nothing but sharing: the records equal pages read one by one, and the
        // header's links are a handful of objects however many pages there are.
        const { collectHere } = await dist<typeof CollectPagesModule>('node/collect-pages.js');
        expect(here.pages).toStrictEqual(byFile(collectHere(listing.root, entries, collect, [])));
        const template = here.pages.flatMap((page) => page.links.filter((link) => link.region === 'template'));
        expect(new Set(template).size).toBeLessThan(template.length / 10);
        expect(here.warnings).toEqual([expect.stringMatching(/^Cannot read `gone\/index.html`: ENOENT/), '`odd/latin1.html` is not valid UTF-8; read it as windows-1252']);
        expect(here.pages.find((page) => page.file === 'odd/index.html')?.links.some((link) => link.ignore === true && link.origin === undefined)).toBe(true);
        const workers = await run({ threads: 2 });
        expect(workers).toStrictEqual(here);
        // Both workers (3 threads: 2 workers and this one) die with two chunks each in flight: every page is still read, once.
        const dying = await run({ threads: 3, workerUrl: new URL('./helpers/dying-collect-worker.mjs', import.meta.url) });
        expect(dying.pages).toStrictEqual(here.pages);
        const stopped = 'A page-reading worker stopped (exit code 3); its pages were read in the main thread';
        expect(dying.warnings).toEqual([stopped, stopped, ...here.warnings].sort());
      }
    } finally {
      await rm(site, { recursive: true, force: true });
    }
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
