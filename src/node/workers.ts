import module from 'node:module';
import { Worker } from 'node:worker_threads';

/** The compiled entry of worker threads (`worker.js`); `undefined` from TypeScript sources (tests), where there is none. */
export const WORKER_ENTRY = import.meta.url.endsWith('.js') ? new URL('./worker.js', import.meta.url) : undefined;

/**
 * Young generation of a worker, in MiB: V8 splits it into two semi-spaces
 * and a space for large new objects, so 48 gives 16 MiB semi-spaces instead
 * of the 64 MiB that V8 grows to by default on a machine with this much memory.
 * A worker allocates short-lived strings and objects for every tag it reads;
 * in a smaller nursery they stay in the processor's cache, which saves CPU
 * time and peak memory (figures in the commit history). The CLI's main
 * thread stops its own at the same size (`young-generation.ts`).
 */
export const WORKER_YOUNG_GENERATION_MB = 48;

/**
 * Start a worker thread at `entry` (normally {@link WORKER_ENTRY}) that runs
 * `loop`, a compiled module next to it (`./collect-worker-loop.js`), with
 * `data` in its `workerData`. It compiles its modules as this thread does:
 * from the on-disk cache when this thread has it on.
 */
export function startWorker(entry: URL, loop: string, data: object): Worker {
  return new Worker(entry, {
    workerData: { ...data, loop, compileCache: module.getCompileCacheDir() },
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}
