import { describe, expect, it } from 'vitest';

describe('public API surface', () => {
  it('exports the engine, reports and helpers from `linkgraph`', async () => {
    const api = await import('linkgraph');
    expect(Object.keys(api).sort()).toEqual(
      [
        'ANNOTATIONS_PER_KIND',
        'BASELINE_VERSION',
        'BaselineError',
        'ORIGIN_ATTRIBUTE',
        'OptionsError',
        'createBaseline',
        'fingerprintOf',
        'formatGithubSummary',
        'matchBaseline',
        'parseBaseline',
        'stringifyBaseline',
        'VERSION',
        'buildGraph',
        'check',
        'collectPage',
        'createRule',
        'createSiteModel',
        'formats',
        'optionsSchema',
        'render',
        'renderTo',
        'resolveHref',
        'resolveOptions',
        'ruleIds',
        'rules',
      ].sort(),
    );
  });

  it('exports what needs Node.js from `linkgraph/node`', async () => {
    const node = await import('linkgraph/node');
    expect(Object.keys(node).sort()).toEqual(['DEFAULT_BASELINE_FILE', 'SiteDirectoryError', 'checkDirectory', 'createExternalChecker', 'readBaseline', 'writeBaseline'].sort());
  });

  it('exports the rehype plugin from `linkgraph/rehype`', async () => {
    const rehype = await import('linkgraph/rehype');
    expect(Object.keys(rehype).sort()).toEqual(['createCollector', 'default']);
    expect(typeof rehype.default).toBe('function');
  });

  it('exports the remark plugin from `linkgraph/remark`', async () => {
    const remark = await import('linkgraph/remark');
    expect(Object.keys(remark).sort()).toEqual(['createCollector', 'default']);
    expect(typeof remark.default).toBe('function');
  });

  it('exports the Astro integration from `linkgraph/astro`', async () => {
    const astro = await import('linkgraph/astro');
    expect(Object.keys(astro).sort()).toEqual(['default']);
    expect(astro.default({}).name).toBe('linkgraph');
  });

  it('names in package.json the repository that rule docs URLs point at', async () => {
    const { HOMEPAGE, ruleDocsUrl } = await import('../src/version.js');
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { repository: { url: string }; homepage: string; bugs: { url: string } };
    expect(pkg.repository.url).toBe(`git+${HOMEPAGE}.git`);
    expect(pkg.homepage).toBe(`${HOMEPAGE}#readme`);
    expect(pkg.bugs.url).toBe(`${HOMEPAGE}/issues`);
    expect(ruleDocsUrl('orphan-page')).toBe(`${HOMEPAGE}/blob/main/docs/rules/orphan-page.md`);
  });

  it('keeps VERSION equal to package.json', async () => {
    const { VERSION } = await import('linkgraph');
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(VERSION).toBe(pkg.version);
  });
});
