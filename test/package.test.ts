import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as npm ships it: packed from this checkout, installed into a
 * project of its own (offline, from npm's cache, as `npm ci` left it), and
 * used as a consumer would: the bin, every export, and the types under
 * `moduleResolution: nodenext` without `@types/node`. Installed from npm's
 * cache where it can be (`--prefer-offline`): linkgraph from its tarball.
 */
const repo = path.resolve(import.meta.dirname, '..');
const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', () => {
  let project: string;
  let files: string[];
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'linkgraph-consumer-'));
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', project], repo)) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((file) => file.path);
    const astro = JSON.parse(await readFile(path.join(repo, 'node_modules/astro/package.json'), 'utf8')) as { version: string };
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `./${packed!.filename}`, `astro@${astro.version}`], project);
  }, 180_000);
  afterAll(() => rm(project, { recursive: true, force: true }));

  it('holds the built code, its types, the README and no source maps naming unshipped files', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/node/index.js', 'dist/node/index.d.ts', 'dist/cli/bin.js', 'dist/rehype/index.js', 'dist/remark/index.js', 'dist/astro/index.js', 'dist/astro/toolbar/app.js']));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('dist/') && !['README.md', 'package.json', 'LICENSE', 'CHANGELOG.md'].includes(file))).toEqual([]);
  });

  it('runs its bin', () => {
    const version = execFileSync(path.join(project, 'node_modules/.bin/linkgraph'), ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('imports every export', async () => {
    await writeFile(
      path.join(project, 'imports.mjs'),
      `import * as core from 'linkgraph';
import * as node from 'linkgraph/node';
import rehype from 'linkgraph/rehype';
import remark from 'linkgraph/remark';
import astro from 'linkgraph/astro';
const pkg = (await import('linkgraph/package.json', { with: { type: 'json' } })).default;
console.log(JSON.stringify([typeof node.checkDirectory, typeof core.render, typeof rehype, typeof remark, typeof astro, astro().name, pkg.name]));
`,
    );
    const out = execFileSync(process.execPath, ['imports.mjs'], { cwd: project, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['function', 'function', 'function', 'function', 'function', 'linkgraph', 'linkgraph']);
  });

  it.each([
    [
      'the core and the rehype plugin, with TypeScript\'s default libraries and no @types/node, checking library types too',
      `import { render, type Finding, type Options } from 'linkgraph';
import { checkDirectory } from 'linkgraph/node';
import rehypeLinkgraph from 'linkgraph/rehype';
import remarkLinkgraph from 'linkgraph/remark';
const options: Options = { rules: { 'orphan-page': 'warn' } };
export async function run(dir: string): Promise<string> {
  const result = await checkDirectory(dir, options);
  const first: Finding | undefined = result.findings[0];
  const text = render('text', result, {});
  return (text.ok ? text.output : text.error) + (first?.message ?? '');
}
export const plugin = rehypeLinkgraph;
export const markdownPlugin = remarkLinkgraph;
`,
      { lib: ['es2023', 'dom'], skipLibCheck: false },
    ],
    [
      'the Astro integration, as an Astro project compiles (DOM types, libraries not re-checked)',
      `import linkgraph from 'linkgraph/astro';
export const integration = linkgraph({ reports: { json: 'report.json' }, rules: { 'content-orphan': 'warn' } });
`,
      { lib: ['es2023', 'dom'], skipLibCheck: true },
    ],
  ])('type-checks a consumer under nodenext: %s', async (_, source, extra) => {
    const name = extra.skipLibCheck ? 'astro' : 'core';
    await writeFile(path.join(project, `${name}.ts`), source);
    await writeFile(
      path.join(project, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', strict: true, noEmit: true, types: [], ...extra }, files: [`${name}.ts`] }),
    );
    expect(await readFile(path.join(project, 'package.json'), 'utf8')).not.toContain('@types/node');
    const checked = spawnSync(path.join(repo, 'node_modules/.bin/tsc'), ['-p', path.join(project, `tsconfig.${name}.json`)], { encoding: 'utf8' });
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
    expect(checked.status).toBe(0);
  });
});
