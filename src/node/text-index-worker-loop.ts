/**
 * Loop of a text-index worker (loaded by `worker.ts`): receives the pages and
 * targets of one check, builds their text index and sends it back, its
 * typed arrays moved rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { buildTextIndex, type IndexedPage } from '../graph/text-index.js';

parentPort?.once('message', ({ pages, targets }: { pages: IndexedPage[]; targets: ReadonlySet<number> }) => {
  const index = buildTextIndex(pages, targets);
  const moved = [index.docStart, index.docs, index.counts, index.bodyStart, index.bodyDocs, index.lengths].map((array) => array.buffer as ArrayBuffer);
  parentPort?.postMessage(index, moved);
});
