import { satteri } from '@astrojs/markdown-satteri';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AstroError } from 'astro/errors';
import { describe, expect, it } from 'vitest';
import linkgraph from '../../src/astro/index.js';
import { OptionsError } from '../../src/options.js';
import { page } from '../helpers/run-site.js';
import { tempSite } from '../helpers/temp-site.js';

describe('astro: options', () => {
  it('is an Astro integration named linkgraph with the build hooks and the dev server\'s', () => {
    const integration = linkgraph();
    expect(integration.name).toBe('linkgraph');
    expect(Object.keys(integration.hooks).sort()).toEqual([
      'astro:build:done',
      'astro:config:done',
      'astro:config:setup',
      'astro:routes:resolved',
      'astro:server:done',
      'astro:server:setup',
      'astro:server:start',
    ]);
  });

  it.each([
    [{ failOn: 'sometimes' }, /linkgraph\(\): `failOn`/],
    [{ nope: true }, /linkgraph\(\): .*nope/],
    [{ reports: { pdf: 'report.pdf' } }, /linkgraph\(\): `reports(\.pdf)?`/],
    [{ sourcePositions: 'yes' }, /linkgraph\(\): `sourcePositions` expected boolean/],
    [{ devToolbar: 'on' }, /linkgraph\(\): `devToolbar` expected boolean/],
    [{ rules: { 'no-such-rule': 'warn' } }, /unknown rule `no-such-rule`/],
  ])('rejects %j with a message naming the option', (options, message) => {
    expect(() => linkgraph(options as never)).toThrow(OptionsError);
    expect(() => linkgraph(options as never)).toThrow(message);
  });
});

describe('astro: the Markdown pipeline', () => {
  /** Run `astro:config:setup` as Astro would, with a real processor. */
  const setup = (command: 'dev' | 'build', options: Parameters<typeof linkgraph>[0] = {}) => {
    const processor = satteri();
    const hook = linkgraph(options).hooks['astro:config:setup'] as (options: unknown) => void;
    const apps: { id: string; entrypoint: string }[] = [];
    hook({ config: { root: new URL('file:///project/'), markdown: { processor } }, command, updateConfig: () => undefined, addDevToolbarApp: (app: { id: string; entrypoint: string }) => apps.push(app), logger: undefined });
    return { plugins: processor.options.hastPlugins.map((plugin) => (plugin as { name?: string }).name), apps: apps.map((app) => app.id) };
  };

  it('adds the toolbar app and the source-position plugin in astro dev, and nothing with devToolbar off', () => {
    expect(setup('dev')).toEqual({ plugins: ['linkgraph-source-positions'], apps: ['linkgraph'] });
    expect(setup('dev', { sourcePositions: false })).toEqual({ plugins: [], apps: ['linkgraph'] });
    expect(setup('dev', { devToolbar: false })).toEqual({ plugins: [], apps: [] });
  });

  it('registers a toolbar app whose entrypoint is built next to the integration', async () => {
    const hook = linkgraph().hooks['astro:config:setup'] as (options: unknown) => void;
    const apps: { entrypoint: string }[] = [];
    hook({ config: { root: new URL('file:///project/'), markdown: {} }, command: 'dev', updateConfig: () => undefined, addDevToolbarApp: (app: { entrypoint: string }) => apps.push(app), logger: undefined });
    expect(apps[0]!.entrypoint).toBe(fileURLToPath(new URL('../../src/astro/toolbar/app.js', import.meta.url)));
  });

  it('adds the source-position plugin to Satteri in astro build, unless sourcePositions is off', () => {
    expect(setup('build')).toEqual({ plugins: ['linkgraph-source-positions'], apps: [] });
    expect(setup('build', { sourcePositions: false })).toEqual({ plugins: [], apps: [] });
  });
});

describe('LINKGRAPH_TIMING in astro build', () => {
  it('logs the time of each step through Astro\'s logger', async () => {
    const dir = await tempSite({ 'index.html': page('<a href="/about/">About</a>'), 'about/index.html': page('<a href="/">Home</a>') });
    const integration = linkgraph({ failOn: 'never' });
    const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
    const root = pathToFileURL(`${dir}/`);
    hooks['astro:config:done']!({ config: { root, cacheDir: new URL('.cache/', root), base: '/', trailingSlash: 'ignore', build: { format: 'directory' } } });
    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message), warn: (message: string) => logged.push(message), error: (message: string) => logged.push(message) };
    const previous = process.env['LINKGRAPH_TIMING'];
    process.env['LINKGRAPH_TIMING'] = '1';
    try {
      await hooks['astro:build:done']!({ dir: root, logger });
    } finally {
      if (previous === undefined) delete process.env['LINKGRAPH_TIMING'];
      else process.env['LINKGRAPH_TIMING'] = previous;
    }
    const timing = logged.find((message) => message.startsWith('linkgraph: time per step'));
    expect(timing).toBeDefined();
    for (const step of ['read and collect pages', 'graph', 'rule broken-internal-link', 'dev toolbar anchors', 'dev toolbar summary', 'write reports', 'total']) expect(timing).toMatch(new RegExp(`\\n${step} +\\d+\\.\\d ms`));
  });
});

describe('astro: report files', () => {
  it('fails the build naming each report it cannot write, after writing the others', async () => {
    const dir = await tempSite({ 'index.html': page('<a href="/about/">About</a>'), 'about/index.html': page('<a href="/">Home</a>'), 'taken/keep.txt': 'kept' });
    const integration = linkgraph({ failOn: 'never', reports: { json: 'taken', sarif: 'out/report.sarif' } });
    const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
    const root = pathToFileURL(`${dir}/`);
    hooks['astro:config:done']!({ config: { root, cacheDir: new URL('.cache/', root), base: '/', trailingSlash: 'ignore', build: { format: 'directory' }, integrations: [] } });
    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message), warn: (message: string) => logged.push(message), error: (message: string) => logged.push(message) };
    const build = hooks['astro:build:done']!({ dir: root, logger }) as Promise<void>;
    await expect(build).rejects.toThrow(AstroError);
    await expect(build).rejects.toThrow('linkgraph cannot write the json report to `taken`: it is a directory (EISDIR).');
    expect(logged).toContain('Wrote the sarif report to out/report.sarif');
    expect(await readdir(path.join(dir, 'taken'))).toEqual(['keep.txt']);
  });
});
