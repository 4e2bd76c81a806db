import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CollectOptions } from '../collect/collect-page.js';
import type { PageRecord, Point } from '../types.js';
import { readPage } from './read-site.js';

/** One page to read: its output file and public URL. */
export interface PageEntry {
  file: string;
  url: string;
}

/** Options of {@link collectPages}. */
export interface CollectPagesOptions {
  /** Collection options shared by every page. */
  collect: Omit<CollectOptions, 'file' | 'url'>;
  /**
   * Worker threads that read, parse and collect pages. Default: the
   * `LINKGRAPH_THREADS` environment variable, else one per core (at most 8)
   * from 200 pages up unless the load average already reaches the number of
   * cores; with one, the calling thread does the work.
   */
  threads?: number | undefined;
}

/** Below this many pages, starting workers costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 200;
/** Pages per message to a worker: large enough to amortise messaging, small enough to balance. */
const CHUNK = 32;
/** How many pages the calling thread reads at once (I/O overlaps parsing). */
const CONCURRENCY = 16;

/** What a worker sends back for one chunk, as JSON (page records are plain data). */
export interface ChunkResult {
  pages: PageRecord[];
  warnings: string[];
}

/**
 * Read, parse and collect every page: in worker threads when the site is
 * large enough and more than one core is there, else in this thread. The
 * records are the same either way (each comes from `readPage`); their order
 * is not (the engine sorts them).
 *
 * @param root absolute path of the site directory.
 * @param entries the pages to read.
 * @param warnings receives one message per page that cannot be read.
 */
export async function collectPages(root: string, entries: readonly PageEntry[], options: CollectPagesOptions, warnings: string[]): Promise<PageRecord[]> {
  const threads = Math.min(threadCount(options.threads, entries.length), Math.ceil(entries.length / CHUNK));
  // Workers run the compiled module next to this one; from TypeScript sources (tests) there is none.
  const workerUrl = new URL('./collect-worker.js', import.meta.url);
  const pages =
    threads <= 1 || !import.meta.url.endsWith('.js')
      ? await collectHere(root, entries, options.collect, warnings)
      : await collectInWorkers(workerUrl, threads, root, entries, options.collect, warnings);
  const compact = compactor();
  for (const page of pages) compact(page);
  return pages;
}

/**
 * Make page records small for a site-wide run: every string is copied out
 * of the page's source text (a substring can keep the whole file alive) and
 * shared between pages (navigation hrefs and anchor texts repeat on every
 * page), empty `rel` lists share one array, and so do equal line:column
 * points (a template link sits at the same place on every page). Records
 * stay equal; nothing in a run mutates them.
 */
export function compactor(): (page: PageRecord) => void {
  const strings = new Map<string, string>();
  const intern = (value: string): string => {
    let shared = strings.get(value);
    if (shared === undefined) {
      // A fresh copy, so that the map holds no substring of a page's source.
      shared = value.length < 13 ? value : ` ${value}`.slice(1);
      strings.set(shared, shared);
    }
    return shared;
  };
  const copy = (value: string): string => (value.length < 13 ? value : ` ${value}`.slice(1));
  const internAll = (list: readonly string[]): readonly string[] => (list.length === 0 ? EMPTY : list.map(intern));
  const points = new Map<number, Point>();
  const internPoint = (point: Point): Point => {
    // Lines and columns are small integers: one number keys both exactly.
    if (point.column >= 2 ** 26) return point;
    const key = point.line * 2 ** 26 + point.column;
    let shared = points.get(key);
    if (shared === undefined) {
      shared = { line: point.line, column: point.column };
      points.set(key, shared);
    }
    return shared;
  };
  return (page) => {
    const record = page as { -readonly [K in keyof PageRecord]: PageRecord[K] };
    record.ids = internAll(page.ids);
    record.headings = internAll(page.headings);
    if (page.title !== undefined) record.title = intern(page.title);
    if (page.text !== undefined) record.text = ` ${page.text}`.slice(1);
    for (const link of page.links) {
      const mutable = link as { -readonly [K in keyof typeof link]: (typeof link)[K] };
      // Template links repeat on every page: share their strings; content links' strings are mostly unique.
      mutable.href = link.region === 'template' ? intern(link.href) : copy(link.href);
      mutable.text = link.region === 'template' ? intern(link.text) : copy(link.text);
      mutable.rel = internAll(link.rel);
      const position = link.position;
      if (position.known) {
        position.start = internPoint(position.start);
        if (position.end) position.end = internPoint(position.end);
      }
    }
  };
}

const EMPTY: readonly string[] = Object.freeze([]);

function threadCount(configured: number | undefined, pages: number): number {
  if (configured !== undefined) return Math.max(1, Math.floor(configured));
  const fromEnv = Number.parseInt(process.env['LINKGRAPH_THREADS'] ?? '', 10);
  if (Number.isFinite(fromEnv) && fromEnv >= 1) return fromEnv;
  if (pages < MIN_PAGES_FOR_WORKERS) return 1;
  // On a saturated machine a second worker only adds overhead (measured on 2 cores: at a load
  // average of 3-5, 2 threads took 16 s where 1 took 15; at 1.5-2, 7.7 s where 1 took 9.9).
  const cores = os.availableParallelism();
  return os.loadavg()[0]! >= cores ? 1 : Math.min(cores, 8);
}

/** Read a chunk of pages in the calling thread, {@link CONCURRENCY} at a time. */
export async function collectHere(root: string, entries: readonly PageEntry[], collect: CollectPagesOptions['collect'], warnings: string[]): Promise<PageRecord[]> {
  const pages: PageRecord[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const { file, url } = entries[next++]!;
      try {
        const page = await readPage(root, file, url, collect, warnings);
        if (page) pages.push(page);
      } catch (error) {
        warnings.push(`Cannot check \`${file}\`: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
  return pages;
}

/**
 * Hand out chunks of pages to `threads` workers as each finishes the last.
 * A worker that fails leaves its chunk to this thread, so no page is lost.
 */
async function collectInWorkers(
  url: URL,
  threads: number,
  root: string,
  entries: readonly PageEntry[],
  collect: CollectPagesOptions['collect'],
  warnings: string[],
): Promise<PageRecord[]> {
  const pages: PageRecord[] = [];
  const leftOver: PageEntry[] = [];
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(url, { workerData: { root, collect } });
      let current: PageEntry[] = [];
      const send = (): void => {
        current = entries.slice(next, next + CHUNK);
        next += current.length;
        if (current.length === 0) {
          void worker.terminate();
          return;
        }
        worker.postMessage(current);
      };
      worker.on('message', (message: string) => {
        const result = JSON.parse(message) as ChunkResult;
        for (const page of result.pages) pages.push(page);
        for (const warning of result.warnings) warnings.push(warning);
        send();
      });
      worker.on('error', (error) => {
        warnings.push(`A page-reading worker failed (${error.message}); its pages were read in the main thread`);
      });
      worker.on('exit', () => {
        leftOver.push(...current);
        current = [];
        resolve();
      });
      send();
    });
  await Promise.all(Array.from({ length: threads }, run));
  // Chunks nobody took because every worker failed, and chunks of failed workers.
  leftOver.push(...entries.slice(next));
  if (leftOver.length > 0) pages.push(...(await collectHere(root, leftOver, collect, warnings)));
  return pages;
}
