/**
 * Entry of linkgraph's worker threads: uses the compile cache when the
 * thread that started it does (its directory comes in `workerData`), then
 * loads the worker's loop, a module next to this one named in `workerData`
 * (`collect-worker-loop.js`). Only `node:`
 * modules are imported statically, so that the cache is on before the rest
 * is compiled.
 */
import module from 'node:module';
import { workerData } from 'node:worker_threads';

const { compileCache, loop } = workerData as { compileCache?: string; loop: string };
if (compileCache !== undefined) module.enableCompileCache(compileCache);
await import(new URL(loop, import.meta.url).href);
