/**
 * A smaller young generation for the CLI's own thread, without a flag on
 * Node's command line (only the CLI calls this: it owns its process; the
 * Astro integration and the API run in someone else's).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * Semi-space size, in MiB, at which the main thread's young generation
 * stops growing: the size page-reading workers are given
 * (`WORKER_YOUNG_GENERATION_MB` in `workers.ts`).
 */
export const MAIN_SEMI_SPACE_MB = 16;

/**
 * Stop V8 growing this thread's young generation once its semi-spaces reach
 * `semiSpaceMb`. V8 doubles them, while most new objects survive, up to
 * 64 MiB each on a machine with much memory; a page record lives as long as
 * the run, so while pages are read every collection of the young generation
 * copies the records made since the last one, and in 64 MiB they fall out of
 * the processor's cache. `--max-semi-space-size` sets that limit, but only
 * at start-up; the growth factor is read each time V8 grows the young
 * generation, so it is set to 1 after the collection that reaches the size
 * (told by a `gc` performance entry, which comes when the thread is free: after
 * a listing that kept it busy for seconds, one doubling larger). It gives
 * what `--max-semi-space-size=16` gives (the figures are in the commit
 * history).
 *
 * Does nothing when Node was started with a semi-space flag of its own
 * (`execArgv` or `NODE_OPTIONS`), or when V8 reports no `new_space`.
 *
 * @returns whether the limit is being kept.
 */
export function capYoungGeneration(semiSpaceMb: number = MAIN_SEMI_SPACE_MB, flags: string = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`): boolean {
  if (/--(?:max|min)[-_]semi[-_]space[-_]size/.test(flags)) return false;
  // V8 reports the young generation's `new_space` as both semi-spaces together.
  const limit = 2 * semiSpaceMb * 2 ** 20;
  const size = (): number | undefined => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size;
  if (size() === undefined) return false;
  const stop = (): void => setFlagsFromString('--semi-space-growth-factor=1');
  if (size()! >= limit) {
    stop();
    return true;
  }
  const observer = new PerformanceObserver(() => {
    if (size()! < limit) return;
    stop();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
  return true;
}
