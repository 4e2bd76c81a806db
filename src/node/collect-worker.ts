/**
 * Entry of a page-reading worker of `collectPages`: uses the compile cache
 * when the thread that started it does (its directory comes in
 * `workerData`), then loads the worker's loop. Only `node:` modules are
 * imported statically, so that the cache is on before the rest is compiled.
 */
import module from 'node:module';
import { workerData } from 'node:worker_threads';

const { compileCache } = workerData as { compileCache?: string };
if (compileCache !== undefined) module.enableCompileCache(compileCache);
await import('./collect-worker-loop.js');
