import { describe, expect, it } from 'vitest';
import linkgraph from '../../src/astro/index.js';
import { OptionsError } from '../../src/options.js';

describe('astro: options', () => {
  it('is an Astro integration named linkgraph with the build hooks', () => {
    const integration = linkgraph();
    expect(integration.name).toBe('linkgraph');
    expect(Object.keys(integration.hooks).sort()).toEqual(['astro:build:done', 'astro:config:done', 'astro:config:setup', 'astro:routes:resolved']);
  });

  it.each([
    [{ failOn: 'sometimes' }, /linkgraph\(\): `failOn`/],
    [{ nope: true }, /linkgraph\(\): .*nope/],
    [{ reports: { pdf: 'report.pdf' } }, /linkgraph\(\): `reports(\.pdf)?`/],
    [{ sourcePositions: 'yes' }, /linkgraph\(\): `sourcePositions` expected boolean/],
    [{ rules: { 'no-such-rule': 'warn' } }, /unknown rule `no-such-rule`/],
  ])('rejects %j with a message naming the option', (options, message) => {
    expect(() => linkgraph(options as never)).toThrow(OptionsError);
    expect(() => linkgraph(options as never)).toThrow(message);
  });
});
