/**
 * Loop of a `collectPages` worker (loaded by `worker.ts`): receives chunks of pages, reads, parses
 * and collects each, and sends back the page records, packed, the warnings and the pages it could not read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ChunkResult, CollectPagesOptions, PageEntry } from './collect-pages.js';
import { collectHere } from './collect-pages.js';
import { packPages } from './page-codec.js';

const { root, collect } = workerData as { root: string; collect: CollectPagesOptions['collect'] };

parentPort?.on('message', (entries: PageEntry[]) => {
  const problems: Omit<ChunkResult, 'pages'> = { warnings: [], unreadable: [] };
  const pages = packPages(collectHere(root, entries, collect, problems));
  const result: ChunkResult = { pages, ...problems };
  // The numbers move without a copy; the strings are cloned once, far cheaper than JSON of the records.
  parentPort?.postMessage(result, [pages.codes.buffer]);
});
