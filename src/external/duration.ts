/**
 * Durations as users write them in options: a number of milliseconds, or a
 * string such as `500ms`, `30s`, `10m`, `12h`, `1d`, `2w`.
 */

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Milliseconds of a duration.
 *
 * @param value milliseconds (number) or `<number><unit>` with unit `ms`, `s`, `m`, `h`, `d` or `w`.
 * @returns milliseconds, or undefined when `value` is not a duration.
 */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/i.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
}
