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

/** One timed step, with the memory after it when the host measured it. */
export interface TimingStep {
  step: string;
  ms: number;
  /** JS heap in use after the step, in MiB. */
  heapMiB?: number | undefined;
  /** Peak resident memory of the process up to the end of the step, in MiB. */
  peakMiB?: number | undefined;
}

/** The steps of a run, slowest first, with their share of the total and the memory after each: what `LINKGRAPH_TIMING=1` prints. */
export function formatTiming(steps: readonly TimingStep[]): string {
  const total = steps.reduce((sum, { ms }) => sum + ms, 0);
  const width = Math.max(4, ...steps.map(({ step }) => step.length));
  const memory = steps.some((step) => step.heapMiB !== undefined);
  const mib = (value: number | undefined): string => (value === undefined ? '' : `${value.toFixed(0)} MiB`).padStart(10);
  const lines = [...steps]
    .sort((a, b) => b.ms - a.ms)
    .map(({ step, ms, heapMiB, peakMiB }) => `${step.padEnd(width)}  ${ms.toFixed(1).padStart(9)} ms  ${total > 0 ? ((ms / total) * 100).toFixed(1).padStart(5) : '  0.0'}%${memory ? `  ${mib(heapMiB)}  ${mib(peakMiB)}` : ''}`);
  const header = memory ? `\n${''.padEnd(width)}  ${'time'.padStart(12)}  ${'share'.padStart(6)}  ${'heap after'.padStart(10)}  ${'peak RSS'.padStart(10)}` : '';
  return `linkgraph: time per step${header}\n${lines.join('\n')}\n${'total'.padEnd(width)}  ${total.toFixed(1).padStart(9)} ms\n`;
}
