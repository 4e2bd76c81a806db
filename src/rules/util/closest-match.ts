import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo: the same letters in another case, or at most a third
 * of the length (at least 2) edits away.
 *
 * @returns the candidate, or undefined when none is close.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  const lower = value.toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const best = closest(value, candidates);
  const limit = Math.max(2, Math.floor(value.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}
