import module from 'node:module';
import { Worker } from 'node:worker_threads';

/** The compiled entry of worker threads (`worker.js`); `undefined` from TypeScript sources (tests), where there is none. */
export const WORKER_ENTRY = import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;

/**
 * Start a worker thread at `entry` (normally {@link WORKER_ENTRY}) that runs
 * `loop`, a compiled module next to it (`./collect-worker-loop.js`), with
 * `data` in its `workerData`. It compiles its modules as this thread does:
 * from the on-disk cache when this thread has it on.
 */
export function startWorker(entry: URL, loop: string, data: object): Worker {
  return new Worker(entry, { workerData: { ...data, loop, compileCache: module.getCompileCacheDir() } });
}
