import type { Worker } from 'node:worker_threads';
import type { TextIndexer } from '../engine/check.js';
import type { IndexedPage, TextIndex } from '../graph/text-index.js';
import { startWorker, WORKER_ENTRY } from './workers.js';

/**
 * The most characters of page text a worker is sent: 64 Mi, about 25,000
 * pages of the benchmark's sites. Above it the copy costs more memory than
 * the time it saves is worth: at 100,000 pages (264 M characters) it
 * raised the run's peak from 1,702 to 2,203 MiB.
 */
const MAX_SENT_TEXT = 2 ** 26;

/** Whether the text index of `pages` is built in a worker ({@link MAX_SENT_TEXT}). */
export function indexesInWorker(pages: readonly IndexedPage[]): boolean {
  let sent = 0;
  for (const page of pages) {
    sent += page.text?.length ?? 0;
    if (sent > MAX_SENT_TEXT) return false;
  }
  return true;
}

/**
 * A {@link TextIndexer} that builds the index in a worker thread while this
 * thread runs the other rules: at 10,000 pages the index took 0.3 s of a
 * 1.4 s check on one core. The worker starts at once, so that it is ready
 * by the time the graph is built; {@link TextIndexer.close} ends it. Only the
 * fields the index reads are sent (URLs, titles, headings, texts), and its
 * arrays come back without a copy. A build fails if the worker fails or
 * stops before answering.
 *
 * @param entry the worker module. Default: the compiled worker entry, which
 *   loads `text-index-worker-loop.js`. Tests point it at a worker that fails.
 */
export function textIndexInWorker(entry: URL | undefined = WORKER_ENTRY): TextIndexer {
  let worker: Worker | undefined;
  let failure: Error | undefined;
  if (entry === undefined) failure = new Error('there is no compiled worker module to run');
  else {
    try {
      worker = startWorker(entry, './text-index-worker-loop.js', {});
      worker.once('error', (error) => void (failure ??= error));
      worker.once('exit', (code) => void (failure ??= new Error(`the worker stopped (exit code ${code})`)));
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
  }
  return {
    build: (pages, targets) =>
      new Promise<TextIndex>((resolve, reject) => {
        if (failure !== undefined || worker === undefined) throw failure ?? new Error('the worker did not start');
        worker.once('message', resolve);
        worker.once('error', reject);
        // After an answer this changes nothing; before one, the worker stopped without it.
        worker.once('exit', (code) => reject(new Error(`the worker stopped (exit code ${code})`)));
        worker.postMessage({ pages: pages.map(({ url, title, headings, text }) => ({ url, title, headings, text })), targets });
      }),
    close: () => void worker?.terminate(),
  };
}
