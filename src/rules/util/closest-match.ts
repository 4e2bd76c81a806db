import { distance } from 'fastest-levenshtein';

/** Per candidate list, built once: character histograms, and the first index of each lower-cased candidate. */
const indexes = new WeakMap<readonly string[], { counts: Int32Array[]; lower: Map<string, number> }>();
const BUCKETS = 64;

/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo: the same letters in another case, or at most a third
 * of the length edits away (none for very short values, where any match is
 * noise). Ties go to the earliest candidate.
 *
 * Candidates that cannot be close enough, or cannot beat the best found,
 * are skipped by lower bounds of the edit distance (length difference, and
 * half the difference of character counts), so a broken link on a site of
 * 100,000 pages does not compute 100,000 distances.
 *
 * @returns the candidate, or undefined when none is close.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  let cached = indexes.get(candidates);
  if (cached === undefined) {
    const lower = new Map<string, number>();
    candidates.forEach((candidate, position) => {
      const key = candidate.toLowerCase();
      if (!lower.has(key)) lower.set(key, position);
    });
    cached = { counts: candidates.map(histogram), lower };
    indexes.set(candidates, cached);
  }
  const sameLetters = cached.lower.get(value.toLowerCase());
  if (sameLetters !== undefined) return candidates[sameLetters];
  const limit = Math.max(value.length >= 4 ? 1 : 0, Math.floor(value.length / 3));
  const counts = cached.counts;
  const own = histogram(value);
  // Lower bounds of the distance: the length difference, and half the difference of character counts.
  // Candidates are grouped by bound; distances are computed from the lowest bound up, and the search
  // stops once the bound exceeds the best distance found (ties go to the earliest candidate).
  const byBound: number[][] = Array.from({ length: limit + 1 }, () => []);
  const enough = 2 * limit + 1;
  for (let index = 0; index < candidates.length; index++) {
    const lengthBound = Math.abs(candidates[index]!.length - value.length);
    if (lengthBound > limit) continue;
    const other = counts[index]!;
    let difference = 0;
    for (let bucket = 0; bucket < BUCKETS && difference < enough; bucket++) difference += Math.abs(own[bucket]! - other[bucket]!);
    const bound = Math.max(lengthBound, Math.ceil(difference / 2));
    if (bound <= limit) byBound[bound]!.push(index);
  }
  let bestDistance = limit + 1;
  let bestIndex = -1;
  for (let bound = 0; bound <= limit && bound <= bestDistance; bound++) {
    for (const index of byBound[bound]!) {
      const found = distance(value, candidates[index]!);
      if (found < bestDistance || (found === bestDistance && index < bestIndex)) {
        bestDistance = found;
        bestIndex = index;
      }
    }
  }
  return bestIndex === -1 ? undefined : candidates[bestIndex];
}

function histogram(value: string): Int32Array {
  const counts = new Int32Array(BUCKETS);
  for (let index = 0; index < value.length; index++) counts[value.charCodeAt(index) & (BUCKETS - 1)]!++;
  return counts;
}
