import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/registry.js';
import { ruleDocsUrl } from '../../src/version.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rulesIndex = readFileSync(new URL('../../docs/rules/README.md', import.meta.url), 'utf8');
const docsPage = (id: string): string => readFileSync(new URL(`../../docs/rules/${id}.md`, import.meta.url), 'utf8');
const ruleFiles = readdirSync(new URL('../../src/rules/', import.meta.url))
  .filter((name) => name.endsWith('.ts') && !['create-rule.ts', 'registry.ts'].includes(name) && !name.startsWith('_'))
  .map((name) => name.replace(/\.ts$/, ''));
const helperFiles = new Set<string>();

describe('rule registry', () => {
  it('registers every rule file, and only those', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles.filter((name) => !helperFiles.has(name)).sort());
  });

  it.each(Object.entries(rules))('%s: key, meta id, docs page and docs URL agree', (id, rule) => {
    expect(rule.meta.id).toBe(id);
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(rule.meta.rationale.length).toBeGreaterThan(10);
    expect(existsSync(new URL(`../../docs/rules/${id}.md`, import.meta.url))).toBe(true);
    const page = docsPage(id);
    expect(page.startsWith(`# ${id}\n\n${rule.meta.description}\n`)).toBe(true);
    expect(page).toContain(`Default level: \`${rule.meta.defaultLevel}\``);
    for (const heading of ['**What.**', '**Why.**', '**Fix.**', '## How to silence it']) expect(page).toContain(heading);
    expect(ruleDocsUrl(id)).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('lists the rules, in registry order and at their defaults, in the README and the rules index', () => {
    for (const [text, prefix] of [[readme, 'docs/rules/'], [rulesIndex, '']] as const) {
      const table = [...text.matchAll(/^\| \[`([a-z-]+)`\]\(([^)]+)\) \| ([^|]+) \|/gm)];
      expect(table.map((match) => match[1])).toEqual(Object.keys(rules));
      for (const [, id, link, level] of table) {
        expect(link).toBe(`${prefix}${id}.md`);
        expect(level!.trim().split(' ')[0]).toBe(rules[id as keyof typeof rules].meta.defaultLevel);
      }
    }
  });

  it('has a docs page for every rule and for nothing else', () => {
    const pages = readdirSync(new URL('../../docs/rules/', import.meta.url)).filter((name) => name !== 'README.md').map((name) => name.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(Object.keys(rules).sort());
  });

  it('gives every rule options that parse from nothing', () => {
    for (const rule of Object.values(rules)) expect(() => rule.options.parse({})).not.toThrow();
  });
});
