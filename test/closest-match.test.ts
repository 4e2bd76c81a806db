import { closest, distance } from 'fastest-levenshtein';
import { expect, it } from 'vitest';
import { closestMatch } from '../src/rules/util/closest-match.js';
/** The plain definition: the first candidate at the least distance, if close enough. */
function reference(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  const lower = value.toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const best = closest(value, candidates);
  const limit = Math.max(value.length >= 4 ? 1 : 0, Math.floor(value.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}
it('gives the plain definition\'s answer on random lists, with the bounds pruning', () => {
  let seed = 1;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alpha = 'abcA/-xyZ';
  const word = (n: number) => Array.from({ length: n }, () => alpha[Math.floor(r() * alpha.length)]).join('');
  for (let t = 0; t < 3000; t++) {
    const candidates = Array.from({ length: 1 + Math.floor(r() * 30) }, () => word(1 + Math.floor(r() * 12)));
    const value = r() < 0.5 ? word(1 + Math.floor(r() * 12)) : candidates[0]!.slice(1) + 'a';
    expect(closestMatch(value, candidates)).toBe(reference(value, candidates));
  }
});
