import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every TypeScript and JavaScript code block of the README and docs/
 * type-checks against the built package, as a reader would paste it. A
 * block that calls the Astro integration without importing it (an options
 * fragment) gets the import it assumes.
 */
const repo = path.resolve(import.meta.dirname, '..');
// Inside the package, so that `import … from 'linkgraph'` resolves to the package itself.
const dir = path.join(repo, 'node_modules', '.cache', 'linkgraph-docs-code');

function markdownFiles(folder: string): string[] {
  return readdirSync(path.join(repo, folder), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? markdownFiles(path.join(folder, entry.name)) : entry.name.endsWith('.md') ? [path.join(folder, entry.name)] : [],
  );
}

const blocks = ['README.md', ...markdownFiles('docs')].flatMap((file) =>
  [...readFileSync(path.join(repo, file), 'utf8').matchAll(/^```(ts|js)\n([\s\S]*?)^```/gm)].map((match, index) => ({ file, index, lang: match[1]!, code: match[2]! })),
);

describe('code blocks in the README and docs', () => {
  it('has blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it('type-checks every block against the built package', () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = blocks.map(({ file, index, lang, code }) => {
      const name = `${file.replace(/[/.]/g, '_')}-${index}.${lang === 'ts' ? 'mts' : 'mjs'}`;
      const implicit = /\blinkgraph\(/.test(code) && !/import linkgraph\b/.test(code) ? "import linkgraph from 'linkgraph/astro';\n" : '';
      writeFileSync(path.join(dir, name), `${implicit}${code}${/^\s*(import|export)\b/m.test(code) ? '' : '\nexport {};\n'}`);
      return name;
    });
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', lib: ['es2023', 'dom'], strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true, types: ['node'] },
        files: names,
      }),
    );
    const checked = spawnSync(path.join(repo, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
  });
});
