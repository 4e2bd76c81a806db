import { describe, expect, it } from 'vitest';
import { page, ruleLines } from '../helpers/run-site.js';

const links = (count: number) => Array.from({ length: count }, (_, n) => `<a href="/p${n}/">p${n}</a>`).join('');

describe('too-many-links', () => {
  it.each([
    ['3000 links', links(3000), {}],
    ['non-link elements do not count', `${links(3)}<a>placeholder</a><img src="/a.png"><link rel="stylesheet" href="/a.css">`, { max: 3 }],
  ])('valid: %s', async (_, body, options) => {
    expect(await ruleLines('too-many-links', { 'index.html': page(body) }, { rules: { 'too-many-links': ['warn', options] } })).toEqual([]);
  });

  it.each([
    ['3001 links', links(3001), {}, ['index.html:- too-many-links Page has 3001 links; expected at most 3000']],
    ['a and area, with max', `${links(3)}<map><area href="/x/" alt="x"></map>`, { max: 3 }, ['index.html:- too-many-links Page has 4 links; expected at most 3']],
  ])('invalid: %s', async (_, body, options, expected) => {
    expect(await ruleLines('too-many-links', { 'index.html': page(body) }, { rules: { 'too-many-links': ['warn', options] } })).toEqual(expected);
  });
});
