import { distance } from 'fastest-levenshtein';

/** Character histograms of candidate lists, built once per list. */
const histograms = new WeakMap<readonly string[], Int32Array[]>();
const BUCKETS = 64;

/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo (at most a third of the length, at least 2 edits).
 * Ties go to the earliest candidate.
 *
 * Candidates that cannot be close enough, or cannot beat the best so far,
 * are skipped by lower bounds of the edit distance (length difference, and
 * half the difference of character counts), so a broken link on a site of
 * 100,000 pages does not compute 100,000 distances.
 *
 * @returns the candidate, or undefined when none is close.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  const limit = Math.max(2, Math.floor(value.length / 3));
  let counts = histograms.get(candidates);
  if (counts === undefined) {
    counts = candidates.map(histogram);
    histograms.set(candidates, counts);
  }
  const own = histogram(value);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    // Every bound below is at most the true distance; skipping at `>=` keeps the first of equals.
    if (Math.abs(candidate.length - value.length) >= bestDistance) continue;
    const other = counts[index]!;
    let difference = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) difference += Math.abs(own[bucket]! - other[bucket]!);
    if (Math.ceil(difference / 2) >= bestDistance) continue;
    const found = distance(value, candidate);
    if (found < bestDistance) {
      bestDistance = found;
      best = candidate;
    }
  }
  return best;
}

function histogram(value: string): Int32Array {
  const counts = new Int32Array(BUCKETS);
  for (let index = 0; index < value.length; index++) counts[value.charCodeAt(index) & (BUCKETS - 1)]!++;
  return counts;
}
