import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/rules/registry.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ruleFiles = readdirSync(new URL('../src/rules/', import.meta.url))
  .filter((name) => name.endsWith('.ts') && !['create-rule.ts', 'registry.ts'].includes(name) && !name.startsWith('_'))
  .map((name) => name.replace(/\.ts$/, ''));
const helperFiles = new Set<string>();

describe('rule registry', () => {
  it('registers every rule file, and only those', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles.filter((name) => !helperFiles.has(name)).sort());
  });

  it.each(Object.entries(rules))('%s: key, meta id and README section agree', (id, rule) => {
    expect(rule.meta.id).toBe(id);
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(rule.meta.rationale.length).toBeGreaterThan(10);
    expect(readme).toContain(`\n### ${id}\n`);
    expect(readme).toContain(`[\`${id}\`](#${id})`);
  });

  it('lists the rules in the README table and sections in registry order', () => {
    const table = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(#\1\) \|/gm)].map((match) => match[1]);
    const sections = [...readme.matchAll(/^### ([a-z-]+)$/gm)].map((match) => match[1]).filter((id) => id !== undefined && id in rules);
    expect(table).toEqual(Object.keys(rules));
    expect(sections).toEqual(Object.keys(rules));
  });

  it('gives every rule options that parse from nothing', () => {
    for (const rule of Object.values(rules)) expect(() => rule.options.parse({})).not.toThrow();
  });
});
