/**
 * Step timing of a run, for `LINKGRAPH_TIMING=1`: hosts pass a {@link Timing}
 * to the check and print {@link formatTiming} of what it received.
 */

/** Receives the duration of one step of a run, in ms. */
export type Timing = (step: string, ms: number) => void;

/** Run `step`, telling `timing` (when there is one) how long it took. */
export function timed<T>(timing: Timing | undefined, name: string, step: () => T): T {
  if (!timing) return step();
  const started = performance.now();
  try {
    return step();
  } finally {
    timing(name, performance.now() - started);
  }
}

/** The steps of a run, slowest first, with their share of the total: what `LINKGRAPH_TIMING=1` prints. */
export function formatTiming(steps: readonly (readonly [string, number])[]): string {
  const total = steps.reduce((sum, [, ms]) => sum + ms, 0);
  const width = Math.max(4, ...steps.map(([step]) => step.length));
  const lines = [...steps]
    .sort((a, b) => b[1] - a[1])
    .map(([step, ms]) => `${step.padEnd(width)}  ${ms.toFixed(1).padStart(9)} ms  ${total > 0 ? ((ms / total) * 100).toFixed(1).padStart(5) : '  0.0'}%`);
  return `linkgraph: time per step\n${lines.join('\n')}\n${'total'.padEnd(width)}  ${total.toFixed(1).padStart(9)} ms\n`;
}
