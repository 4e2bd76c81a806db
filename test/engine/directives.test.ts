import { describe, expect, it } from 'vitest';
import { parseDirective, suppressedByDirective } from '../../src/engine/directives.js';
import { check } from '../../src/engine/check.js';
import { collectPage } from '../../src/collect/collect-page.js';
import { resolveOptions } from '../../src/options.js';
import { rules } from '../../src/rules/registry.js';
import type { Directive, Position } from '../../src/types.js';
import { fromHtml } from 'hast-util-from-html';

describe('parseDirective', () => {
  it.each([
    [' linkgraph-disable ', { kind: 'disable', rules: [] }],
    ['linkgraph-disable broken-fragment, orphan-page', { kind: 'disable', rules: ['broken-fragment', 'orphan-page'] }],
    ['linkgraph-enable\n  broken-fragment', { kind: 'enable', rules: ['broken-fragment'] }],
    ['linkgraph-ignore-next broken-fragment', { kind: 'ignore', rules: ['broken-fragment'] }],
    ['linkgraph ignore broken-fragment', { kind: 'ignore', rules: ['broken-fragment'] }],
    ['linkgraph disable', { kind: 'disable', rules: [] }],
    ['linkgraph-disabled', undefined],
    ['lint disable no-dead-urls', undefined],
    ['a note about linkgraph-disable', undefined],
  ])('reads `%s`', (comment, directive) => {
    expect(parseDirective(comment)).toEqual(directive);
  });
});

describe('suppressedByDirective', () => {
  const at = (line: number, column = 1): Position => ({ known: true, start: { line, column } });
  const directive = (kind: Directive['kind'], line: number, rules: string[] = [], until?: number): Directive =>
    until === undefined ? { kind, rules, start: { line, column: 1 } } : { kind, rules, start: { line, column: 1 }, until: { line: until, column: 80 } };
  const directives = [directive('disable', 3, ['a']), directive('ignore', 5, ['b'], 6), directive('disable', 8), directive('enable', 10, ['a'])];
  it.each<[string, Position, boolean]>([
    ['a', at(2), false],
    ['a', at(3, 2), true],
    ['b', at(4), false],
    ['b', at(6), true],
    ['b', at(7), false],
    ['b', at(9), true],
    ['a', at(11), false],
    ['b', at(11), true],
    ['a', { known: false }, false],
    ['b', { known: false }, true],
  ])('%s at %j: %s', (ruleId, position, suppressed) => {
    expect(suppressedByDirective(directives, ruleId, position)).toBe(suppressed);
  });
});

describe('check', () => {
  const options = resolveOptions({});
  const pages = [collectPage(fromHtml('<a href="/missing/">x</a>'), { file: 'index.html', url: '/' }), collectPage(fromHtml('<p>alone</p>'), { file: 'alone.html', url: '/alone' })];

  it('applies suppression comments, counting what they suppress', async () => {
    const directives = new Map([['index.html', [{ kind: 'disable', rules: ['broken-internal-link'], start: { line: 1, column: 1 } } satisfies Directive]]]);
    const result = await check({ pages, files: ['index.html', 'alone.html'], options, directives });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['orphan-page']);
    expect(result.summary.suppressed).toBe(1);
  });

  it('runs no rule that needs the whole site on a part of it, and says which and why', async () => {
    const result = await check({ pages, files: ['index.html', 'alone.html'], options, partial: '`b.md` is not in this run' });
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['broken-internal-link']);
    const site = Object.values(rules).filter((rule) => rule.meta.scope === 'site' && rule.meta.defaultLevel !== 'off').map((rule) => `\`${rule.meta.id}\``);
    expect(result.warnings).toEqual([`Rules that need the whole site did not run (${site.join(', ')}): \`b.md\` is not in this run`]);
  });
});
