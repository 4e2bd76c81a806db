/**
 * Worker thread of `collectPages`: receives chunks of pages, reads, parses
 * and collects each, and sends back the page records and warnings.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectPagesOptions, ChunkResult, PageEntry } from './collect-pages.js';
import { collectHere } from './collect-pages.js';

const { root, collect } = workerData as { root: string; collect: CollectPagesOptions['collect'] };

parentPort?.on('message', (entries: PageEntry[]) => {
  const warnings: string[] = [];
  void collectHere(root, entries, collect, warnings).then((pages) => {
    const result: ChunkResult = { pages, warnings };
    // JSON costs a third of the structured clone of many small objects, on both sides.
    parentPort?.postMessage(JSON.stringify(result));
  });
});
