import { closest, distance } from 'fastest-levenshtein';
import { expect, it } from 'vitest';
import { closestMatch } from '../../src/rules/util/closest-match.js';
/** The plain definition: the first candidate at the least distance, if close enough. */
function reference(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || value === '') return undefined;
  const lower = value.toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const best = closest(value, candidates);
  const limit = Math.min(5, Math.max(value.length >= 4 ? 1 : 0, Math.floor(value.length / 3)));
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

it('gives the plain definition\'s answer on URL-like lists that share long prefixes, with duplicates and ties', () => {
  let seed = 7;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const sections = ['/docs/', '/docs/guides/', '/blog/2024/', '/blog/2025/', '/api/v1/', '/'];
  const words = ['intro', 'install', 'instal', 'config', 'configure', 'routing', 'router', 'a', 'ab', 'page-1', 'page-2', 'page-10'];
  const url = () => `${pick(sections)}${pick(words)}${r() < 0.3 ? `-${pick(words)}` : ''}${r() < 0.7 ? '/' : '.html'}`;
  const candidates = Array.from({ length: 1500 }, url);
  const typo = (text: string) => {
    const at = Math.floor(r() * text.length);
    const edit = Math.floor(r() * 3);
    return edit === 0 ? text.slice(0, at) + text.slice(at + 1) : edit === 1 ? text.slice(0, at) + pick(['x', '/', 'e']) + text.slice(at) : text.slice(0, at) + 'q' + text.slice(at + 1);
  };
  for (let t = 0; t < 400; t++) {
    const value = r() < 0.2 ? url() : r() < 0.5 ? typo(pick(candidates)) : typo(typo(pick(candidates)));
    expect(closestMatch(value, candidates), value).toBe(reference(value, candidates));
  }
  // Very short and empty candidates, and a value far from everything.
  const odd = ['', 'a', '/', '/x/', '/docs/'];
  for (const value of ['/', '/y/', '/docs', 'zzzzzzzzzzzzzzzz', 'b']) expect(closestMatch(value, odd), value).toBe(reference(value, odd));
});

it('answers at once for a value of no length within reach of any candidate, however long', () => {
  // A 4 MB href: a table row per character of it against each candidate would not fit in memory.
  const long = `/${'x'.repeat(4 * 1024 * 1024)}`;
  expect(closestMatch(long, ['/a/', '/docs/intro/', `${long.slice(0, 1000)}/`])).toBeUndefined();
});
