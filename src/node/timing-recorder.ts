import type { Timing, TimingStep } from '../engine/timing.js';

/**
 * A {@link Timing} that keeps every step with the JS heap in use after it
 * and the process's peak resident memory so far (what `LINKGRAPH_TIMING=1`
 * prints through `formatTiming`).
 */
export function recordTiming(): { timing: Timing; steps: TimingStep[] } {
  const steps: TimingStep[] = [];
  const timing: Timing = (step, ms) => {
    steps.push({ step, ms, heapMiB: process.memoryUsage().heapUsed / 2 ** 20, peakMiB: process.resourceUsage().maxRSS / 1024 });
  };
  return { timing, steps };
}
