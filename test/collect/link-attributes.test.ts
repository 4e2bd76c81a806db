import { describe, expect, it } from 'vitest';
import { parseRefresh } from '../../src/collect/link-attributes.js';

describe('parseRefresh', () => {
  it.each([
    ['0; url=/next/', '/next/'],
    ['5;URL="/q"', '/q'],
    ['0, /comma', '/comma'],
    ["3; url='/quoted' ", '/quoted'],
    ['10', undefined],
  ])('reads the URL of refresh content %j', (content, expected) => {
    expect(parseRefresh(content)).toBe(expected);
  });
});
