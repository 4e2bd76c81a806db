import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The pipeline's shape, held by its imports: the core (collect -> resolve,
 * site -> graph -> rules -> engine -> report) does no I/O, so it imports no
 * Node module, no HTTP client and no host; and no module of src/ imports
 * itself back through others.
 */
const SRC = path.resolve(import.meta.dirname, '../src');
const CORE = ['collect', 'resolve', 'site', 'graph', 'suggest', 'rules', 'engine', 'report', 'sitemap'];
const HOSTS_AND_IO = ['node', 'external', 'cli', 'astro', 'rehype', 'remark', 'unified'];
/**
 * Node modules the core may name, and why: the collector loads its optional
 * parsers (a CSS selector engine, parse5 for pages the token driver hands
 * back) on first use with `createRequire`, which reads no file of the site.
 */
const ALLOWED = new Set(['collect/content-selector.ts node:module', 'collect/parse-tree.ts node:module']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);

describe('layering', () => {
  it.each(CORE)('the core (%s/) imports no Node module, no HTTP client and no host', (dir) => {
    const wrong: string[] = [];
    for (const file of sources(path.join(SRC, dir))) {
      const name = path.relative(SRC, file);
      for (const specifier of importsOf(file)) {
        const target = specifier.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), specifier)).split(path.sep)[0] : undefined;
        const bad = specifier.startsWith('node:') || /^(?:undici|astro)(?:\/|$)/.test(specifier) || (target !== undefined && HOSTS_AND_IO.includes(target));
        if (bad && !ALLOWED.has(`${name} ${specifier}`)) wrong.push(`${name} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the package\'s main entry (`linkgraph`) free of Node: nothing it reaches imports a Node module, an HTTP client or a host', () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const name = path.relative(SRC, file);
      if (['node', 'cli', 'astro', 'rehype', 'remark', 'unified'].includes(name.split(path.sep)[0]!)) wrong.push(`reaches ${name}`);
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
        else if ((specifier.startsWith('node:') || /^(?:undici|astro)(?:\/|$)/.test(specifier)) && !ALLOWED.has(`${name} ${specifier}`)) wrong.push(`${name} imports ${specifier}`);
      }
    };
    visit(path.join(SRC, 'index.ts'));
    expect(seen.size).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('keeps the link table columns and bits inside src/graph/: rules ask the LinkTable', () => {
    const wrong: string[] = [];
    for (const file of sources(SRC)) {
      const name = path.relative(SRC, file);
      if (name.startsWith(`graph${path.sep}`)) continue;
      if (importsOf(file).some((specifier) => /(?:^|\/)graph\/link-table\.js$/.test(specifier))) wrong.push(`${name} imports graph/link-table.js`);
    }
    for (const file of sources(path.join(SRC, 'rules'))) {
      const name = path.relative(SRC, file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:LINK|EDGE)_[A-Z_]+\b|\bedgeFlags\b|\b(?:KIND|FOUND)\.[a-z]+/g)) wrong.push(`${name} uses ${match[0]}`);
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle in src/', () => {
    const files = sources(SRC);
    const edges = new Map(files.map((file) => [file, importsOf(file).filter((specifier) => specifier.startsWith('.')).map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of edges.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((item) => path.relative(SRC, item)).join(' -> '));
        else if (!state.has(next) && edges.has(next)) visit(next, stack);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
