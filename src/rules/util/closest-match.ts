import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `value` by edit distance, when it is close enough
 * to be a likely typo: the same letters in another case, or at most a third
 * of the length edits away (none for very short values, where any match is noise).
 *
 * @returns the candidate, or undefined when none is close.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  const lower = value.toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const best = closest(value, candidates);
  const limit = Math.max(value.length >= 4 ? 1 : 0, Math.floor(value.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}
