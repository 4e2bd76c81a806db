import { expect, it } from 'vitest';
import { LIGHTHOUSE_GENERIC_PHRASES, PhraseSet, phraseKey } from '../../src/rules/util/generic-phrases.js';

it('PhraseSet answers exactly as the phrase keys do, with its shortcuts', () => {
  const phrases = [...LIGHTHOUSE_GENERIC_PHRASES['en']!, ...LIGHTHOUSE_GENERIC_PHRASES['de']!, 'c++ docs'].map(phraseKey);
  const set = new PhraseSet(phrases);
  const keys = new Set(phrases);
  let seed = 3;
  const r = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['Read', 'more', ' ', '  ', '\t', '\n', '→', '…', '!', '(', ')', '"', 'HERE', 'here', 'click', 'Click Here', 'mehr', 'hier', 'C++', 'docs', 'x', '_', '-', '#', '\u0001', 'é', 'Learn More', 'info', 'rmation', 'more info'];
  const texts = ['', ' ', '!!', 'Read more', 'Read more →', '…read   more', '(here)', 'HERE!', 'Here we go', 'c++ docs', 'C++  Docs.', '\u0001here', 'hére'];
  for (let n = 0; n < 5000; n++) texts.push(Array.from({ length: 1 + Math.floor(r() * 4) }, () => pieces[Math.floor(r() * pieces.length)]!).join(''));
  for (const text of texts) expect(set.has(text), JSON.stringify(text)).toBe(keys.has(phraseKey(text)));
  expect(new PhraseSet([]).has('here')).toBe(false);
  // A phrase of punctuation only has the empty key: texts without letters match it.
  const empty = new PhraseSet([phraseKey('...'), 'more']);
  expect([empty.has('!!'), empty.has(' → '), empty.has(''), empty.has('More…'), empty.has('x')]).toEqual([true, true, true, true, false]);
});
