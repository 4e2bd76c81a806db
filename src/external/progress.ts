import type { ExternalStatus } from '../engine/external-stage.js';

/**
 * Progress and closing lines of the outbound check. The checker calls the
 * host's logger with these events; the CLI prints them to stderr, an
 * integration may route them to its own logger.
 */

/** What the outbound check tells its host while it runs. */
export type ExternalEvent =
  /** Throttled: `checked` of `total` URLs done. */
  | { kind: 'progress'; checked: number; total: number; message: string }
  /** Something the user should know (corrupt cache, no network, missing token). */
  | { kind: 'warning'; message: string }
  /** The closing line, with counts and time. */
  | { kind: 'summary'; message: string };

/** Receives {@link ExternalEvent}s. */
export type ExternalLogger = (event: ExternalEvent) => void;

/**
 * A progress reporter that emits at most once per `every` ms, the first
 * time `every` ms after it starts, and for the last URL when it emitted
 * before (a short run prints only the closing line).
 */
export function createProgress(total: number, log: ExternalLogger | undefined, every: number, now: () => number): (checked: number) => void {
  let last = now();
  let emitted = false;
  return (checked) => {
    if (!log) return;
    const time = now();
    if (checked < total ? time - last < every : !emitted) return;
    last = time;
    emitted = true;
    log({ kind: 'progress', checked, total, message: `external links: ${checked}/${total} checked` });
  };
}

/** The closing line: `external links: 120 URLs in 3.4 s: 100 ok, 2 broken, …; 40 from cache`. */
export function summaryLine(statuses: Iterable<ExternalStatus>, elapsedMs: number): string {
  const counts = { ok: 0, cached: 0, broken: 0, redirected: 0, unverifiable: 0, excluded: 0 };
  let total = 0;
  for (const status of statuses) {
    total++;
    counts[status.state]++;
    if ((status.state === 'ok' || status.state === 'redirected') && status.cached) counts.cached++;
  }
  const parts = [`${counts.ok} ok`];
  for (const state of ['broken', 'redirected', 'unverifiable', 'excluded'] as const) if (counts[state] > 0) parts.push(`${counts[state]} ${state}`);
  const cached = counts.cached > 0 ? `; ${counts.cached} from cache` : '';
  return `external links: ${total} URL${total === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s: ${parts.join(', ')}${cached}`;
}
