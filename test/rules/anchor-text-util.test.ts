import { describe, expect, it } from 'vitest';
import { normaliseAnchor } from '../../src/rules/util/anchor-text.js';
import { isBareUrl, phraseKey, phraseLanguage } from '../../src/rules/util/generic-phrases.js';

describe('anchor text helpers', () => {
  it.each([
    ['Best Widgets', 'best widgets'],
    ['  best \t widgets\n', 'best widgets'],
    ['best\twidgets', 'best widgets'],
    ['ÄPFEL', 'äpfel'],
  ])('normaliseAnchor(%j) is %j', (text, expected) => {
    expect(normaliseAnchor(text)).toBe(expected);
  });

  it.each([
    ['Read more →', 'read more'],
    ['…more…', 'more'],
    ['"Click  here!"', 'click here'],
    ['C++', 'c'],
    ['続きを読む »', '続きを読む'],
  ])('phraseKey(%j) is %j', (text, expected) => {
    expect(phraseKey(text)).toBe(expected);
  });

  it.each([
    ['https://example.org/a', true],
    [' http://example.org ', true],
    ['example.org', false],
    ['mailto:a@b.c', false],
    ['https://', false],
  ])('isBareUrl(%j) is %j', (text, expected) => {
    expect(isBareUrl(text)).toBe(expected);
  });

  it.each([
    ['de-CH', 'de'],
    ['PT-br', 'pt'],
    ['fr', 'en'],
    [undefined, 'en'],
  ])('phraseLanguage(%j) is %j', (lang, expected) => {
    expect(phraseLanguage(lang)).toBe(expected);
  });
});
