import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CollectOptions } from '../collect/page-collector.js';
import type { LinkRecord, PageRecord, UnreadablePage } from '../types.js';
import { createInterner, type Interner } from './interner.js';
import { unpackPages, type PackedPages } from './page-codec.js';
import { readPage, UnreadablePageError } from './read-site.js';
import { startWorker, WORKER_ENTRY } from './workers.js';

/** One page to read: its output file and public URL. */
export interface PageEntry {
  /** Relative to the site's root, in NFC, as the site model names it. */
  file: string;
  url: string;
  /** The file's name on disk where it is not `file` (see `SiteListing.names`). Default `file`. */
  onDisk?: string;
}

/** Options of {@link collectPages}. */
export interface CollectPagesOptions {
  /** Collection options shared by every page. */
  collect: Omit<CollectOptions, 'file' | 'url'>;
  /**
   * Threads that read, parse and collect pages, the calling one included
   * (it works beside `threads - 1` workers). Default: the
   * `LINKGRAPH_THREADS` environment variable, else one per core (at most 8)
   * from 1,500 pages up unless the load average already reaches twice the
   * number of cores; with one, the calling thread does all the work.
   */
  threads?: number | undefined;
  /**
   * The worker module. Default: the compiled worker entry, which loads
   * `collect-worker-loop.js`. Tests point it at a worker that fails.
   */
  workerUrl?: URL | undefined;
  /**
   * Workers already started for these pages ({@link earlyPageWorkers}), with
   * the same root and `collect` options: used before any other is started,
   * and ended when fewer are needed.
   */
  started?: readonly PageWorker[] | undefined;
}

/** A page-reading worker, and how it ended: known even when it ended before anyone listened. */
export interface PageWorker {
  readonly worker: Worker;
  /** Resolves with the exit code when the thread has stopped. */
  readonly exited: Promise<number>;
  /** The error the thread failed with, if it did. */
  readonly failure: () => Error | undefined;
}

/** Start a page-reading worker for pages under `root`. */
function startPageWorker(url: URL, root: string, collect: CollectPagesOptions['collect']): PageWorker {
  const worker = startWorker(url, './collect-worker-loop.js', { root, collect });
  let failure: Error | undefined;
  worker.on('error', (error) => (failure = error));
  return { worker, exited: new Promise((resolve) => worker.once('exit', resolve)), failure: () => failure };
}

/**
 * Page-reading workers to start while the site is still being listed, as
 * soon as it has enough pages to use them: a worker takes a while to start
 * (mostly loading its modules), which the rest of the listing then hides.
 * Nothing starts for a smaller site.
 *
 * @returns `count`, the number of pages from which to start them; `start`,
 *   called once when the listing reaches it; and `workers`, those started.
 */
export function earlyPageWorkers(collect: CollectPagesOptions['collect'], url: URL | undefined = WORKER_ENTRY): { count: number; start: (root: string) => void; workers: PageWorker[] } {
  const workers: PageWorker[] = [];
  return {
    count: MIN_PAGES_FOR_WORKERS,
    start: (root) => {
      if (url === undefined) return;
      for (let i = 1; i < pageThreads(MIN_PAGES_FOR_WORKERS); i++) workers.push(startPageWorker(url, root, collect));
    },
    workers,
  };
}

/** Below this many pages, starting workers costs more than it saves (measured on 2 cores; see the commit history). */
const MIN_PAGES_FOR_WORKERS = 1500;
/** Pages per message to a worker: large enough to amortise messaging, small enough to balance. */
const CHUNK = 32;

/**
 * Chunks sent to a worker ahead of its answers, so that it never waits for
 * this thread while this thread reads a chunk of its own.
 */
const IN_FLIGHT = 4;

/** The smallest chunk: near the end chunks shrink, so that no thread is left waiting for a long last one. */
const MIN_CHUNK = 4;

/** What reading pages met besides their records. */
export interface ReadProblems {
  /** Problems of the run that cost no page (a page read as windows-1252, a worker that stopped). */
  warnings: string[];
  /** Pages that could not be read or parsed: each becomes an `unreadable-page` finding. */
  unreadable: UnreadablePage[];
}

/** What a worker sends back for one chunk. */
export interface ChunkResult extends ReadProblems {
  pages: PackedPages;
}

/**
 * Read, parse and collect every page: in worker threads and this one when
 * the site is large enough and more than one core is there, else in this
 * thread alone. The
 * records are the same either way (each comes from `readPage`); their order
 * is not (the engine sorts them).
 *
 * @param root absolute path of the site directory.
 * @param entries the pages to read.
 * @param problems receives the run's warnings and each page that cannot be read or parsed.
 */
export async function collectPages(root: string, entries: readonly PageEntry[], options: CollectPagesOptions, problems: ReadProblems): Promise<PageRecord[]> {
  const threads = Math.min(pageThreads(entries.length, options.threads), Math.ceil(entries.length / CHUNK));
  const workerUrl = options.workerUrl ?? WORKER_ENTRY;
  const interner = createInterner();
  const started = options.started ?? [];
  const needed = threads <= 1 || workerUrl === undefined ? 0 : threads - 1;
  // Workers started early but not needed (fewer pages, or threads set lower) end now.
  for (const { worker } of started.slice(needed)) void worker.terminate();
  const workers = started.slice(0, needed);
  while (workerUrl !== undefined && workers.length < needed) workers.push(startPageWorker(workerUrl, root, options.collect));
  if (workers.length === 0) return collectAlone(root, entries, options.collect, problems, compactor(interner));
  return collectInWorkers(workers, root, entries, options.collect, interner, problems);
}

/**
 * Make page records small for a site-wide run: every string is copied out
 * of the page's source text (a substring can keep the whole file alive;
 * the page text is made afresh, never a substring) and shared between
 * pages (navigation hrefs and anchor texts repeat on every page, content
 * links to one page on many), empty `rel` lists share one array, and so do
 * equal positions (a template link sits at the same place on every page)
 * and equal template links. Records
 * stay equal; nothing in a run mutates them. Records that come from workers
 * are made small as they are unpacked instead.
 */
export function compactor(interner: Interner = createInterner()): (page: PageRecord) => void {
  const intern = interner.string;
  const internAll = interner.list;
  return (page) => {
    const record = page as { -readonly [K in keyof PageRecord]: PageRecord[K] };
    record.ids = internAll(page.ids);
    record.headings = internAll(page.headings);
    if (page.title !== undefined) record.title = intern(page.title);
    const links = page.links as LinkRecord[];
    for (let index = 0; index < links.length; index++) {
      const link = links[index]!;
      // A template link equal to one already seen at its place is that one: its strings and position
      // need no lookup (the comparison is by value).
      const shared = interner.link(link);
      links[index] = shared;
      if (shared !== link) continue;
      const mutable = link as { -readonly [K in keyof typeof link]: (typeof link)[K] };
      const position = link.position;
      if (position.known) {
        const start = interner.point(position.start.line, position.start.column);
        mutable.position = interner.position(start, position.end && interner.point(position.end.line, position.end.column));
      }
      // Template links repeat on every page, and content links to one page mostly share href and
      // text: at 10,000 pages 295,000 content links have 44,000 distinct hrefs and 10,000 texts.
      mutable.href = intern(link.href);
      mutable.text = intern(link.text);
      mutable.rel = internAll(link.rel);
    }
  };
}

/** Threads to read `pages` pages with (see {@link CollectPagesOptions.threads}). */
function pageThreads(pages: number, configured?: number | undefined): number {
  if (configured !== undefined) return Math.max(1, Math.floor(configured));
  const fromEnv = Number.parseInt(process.env['LINKGRAPH_THREADS'] ?? '', 10);
  if (Number.isFinite(fromEnv) && fromEnv >= 1) return fromEnv;
  if (pages < MIN_PAGES_FOR_WORKERS) return 1;
  // Only on a machine loaded well beyond its cores does a worker stop paying. The load average lags
  // by a minute: right after a build (or a previous run) it reaches the core count on an idle
  // machine, where a worker still pays. So one thread only from twice the cores.
  const cores = os.availableParallelism();
  return os.loadavg()[0]! >= 2 * cores ? 1 : Math.min(cores, 8);
}

/**
 * Read pages one after the other in the calling thread, as a worker does
 * with its chunks. A page that cannot be read or parsed goes to
 * `problems.unreadable`, and the next is read.
 *
 * @param compact applied to each record as soon as it is made, so that the
 *   page's source can be freed before the next is read (see {@link compactor}).
 */
export function collectHere(root: string, entries: readonly PageEntry[], collect: CollectPagesOptions['collect'], problems: ReadProblems, compact?: (page: PageRecord) => void): PageRecord[] {
  const pages: PageRecord[] = [];
  for (const { file, url, onDisk } of entries) {
    try {
      const page = readPage(root, file, url, collect, problems.warnings, onDisk);
      compact?.(page);
      pages.push(page);
    } catch (error) {
      const reason = error instanceof UnreadablePageError ? error.message : `cannot be checked: ${(error as Error).message}`;
      problems.unreadable.push({ file, url, reason });
    }
  }
  return pages;
}

/**
 * Read every page in this thread, {@link CHUNK} pages at a time with a turn
 * of the event loop between chunks, as when workers read beside it: what
 * waits for the thread to be free is not held up until the last page (the
 * CLI's `gc` observer, which keeps the young generation small, see
 * `young-generation.ts`: otherwise the young generation grew to its largest
 * while pages were read).
 */
async function collectAlone(root: string, entries: readonly PageEntry[], collect: CollectPagesOptions['collect'], problems: ReadProblems, compact: (page: PageRecord) => void): Promise<PageRecord[]> {
  const pages: PageRecord[] = [];
  for (let at = 0; at < entries.length; at += CHUNK) {
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const page of collectHere(root, entries.slice(at, at + CHUNK), collect, problems, compact)) pages.push(page);
  }
  return pages;
}

/**
 * Read pages in the given workers and this thread: {@link IN_FLIGHT}
 * chunks at a time for each worker, and this thread, which reads chunks of
 * its own between unpacking the workers' records as they come (it would
 * otherwise wait, and its pages need neither a worker's start-up nor
 * packing). A worker that fails leaves every chunk it had to this thread,
 * so no page is lost.
 */
async function collectInWorkers(
  workers: readonly PageWorker[],
  root: string,
  entries: readonly PageEntry[],
  collect: CollectPagesOptions['collect'],
  interner: Interner,
  problems: ReadProblems,
): Promise<PageRecord[]> {
  const { warnings } = problems;
  const pages: PageRecord[] = [];
  const leftOver: PageEntry[] = [];
  const threads = workers.length + 1;
  let next = 0;
  // Full chunks while there is plenty left, then smaller ones: what remains split over every chunk in flight.
  const take = (): readonly PageEntry[] => {
    const size = Math.max(MIN_CHUNK, Math.min(CHUNK, Math.ceil((entries.length - next) / (threads * IN_FLIGHT))));
    const chunk = entries.slice(next, next + size);
    next += chunk.length;
    return chunk;
  };
  const run = async ({ worker, exited, failure }: PageWorker): Promise<void> => {
    // A worker answers its chunks in the order it got them.
    const inFlight: (readonly PageEntry[])[] = [];
    const send = (): void => {
      const chunk = take();
      if (chunk.length === 0) return;
      inFlight.push(chunk);
      worker.postMessage(chunk);
    };
    worker.on('message', (result: ChunkResult) => {
      inFlight.shift();
      send();
      for (const page of unpackPages(result.pages, interner)) pages.push(page);
      for (const warning of result.warnings) warnings.push(warning);
      for (const page of result.unreadable) problems.unreadable.push(page);
      if (inFlight.length === 0) void worker.terminate();
    });
    for (let i = 0; i < IN_FLIGHT; i++) send();
    if (inFlight.length === 0) void worker.terminate();
    const code = await exited;
    const error = failure();
    if (error !== undefined) warnings.push(`A page-reading worker failed (${error.message}); its pages were read in the main thread`);
    else if (inFlight.length > 0) warnings.push(`A page-reading worker stopped (exit code ${code}); its pages were read in the main thread`);
    for (const chunk of inFlight.splice(0)) leftOver.push(...chunk);
  };
  const running = workers.map(run);
  const compact = compactor(interner);
  while (next < entries.length) {
    for (const page of collectHere(root, take(), collect, problems, compact)) pages.push(page);
    // Let the workers' answers in, so that each gets its next chunk before it runs dry.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(running);
  // Chunks of failed workers.
  for (const page of collectHere(root, leftOver, collect, problems, compact)) pages.push(page);
  return pages;
}
