// A page-reading worker that answers its first chunk like the real one, keeps
// the second unanswered, and exits when the third arrives: it dies with two
// chunks in flight. Runs the compiled modules (`npm run build`).
import { parentPort, workerData } from 'node:worker_threads';
import { collectHere } from '../../dist/node/collect-pages.js';
import { packPages } from '../../dist/node/page-codec.js';

let received = 0;
parentPort.on('message', (entries) => {
  received += 1;
  if (received === 1) {
    const warnings = [];
    const pages = packPages(collectHere(workerData.root, entries, workerData.collect, warnings));
    parentPort.postMessage({ pages, warnings }, [pages.codes.buffer]);
  } else if (received === 3) {
    process.exit(3);
  }
});
